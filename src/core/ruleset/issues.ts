/**
 * Validation issues: data with paths (rendering is `formatIssues`).
 */

/** Codes of validation issues. */
export type IssueCode =
  | 'invalid_type'
  | 'invalid_value'
  | 'missing'
  | 'unknown_key'
  | 'duplicate_id'
  | 'reserved_id'
  | 'expression_syntax'
  | 'expression_too_large'
  | 'forbidden_name'
  | 'unknown_function'
  | 'unknown_field'
  | 'type_mismatch'
  | 'invalid_time_zone'
  | 'invalid_time'
  | 'invalid_date_range'
  | 'invalid_weight'
  | 'invalid_duration';

/**
 * The values an issue's message is built from, so that it can be rendered in
 * another language without parsing the English: e.g. `{ suggestion: 'region' }`
 * for "did you mean".
 */
export type IssueParams = Readonly<Record<string, string | number>>;

/** A path into the validated input: object keys and array indexes. */
export type IssuePath = (string | number)[];

/** One problem found in a rule set. */
export interface ValidationIssue {
  code: IssueCode;
  /** Keys into the input, e.g. `['rules', 2, 'when']`. */
  path: IssuePath;
  message: string;
  /** For expression issues: the character position in `expression`. */
  index?: number;
  /** For expression issues: the expression source, so a caret can be drawn under `index`. */
  expression?: string;
  /** The values the message names; `suggestion` is the name a misspelt one most likely meant. */
  params?: IssueParams;
}
