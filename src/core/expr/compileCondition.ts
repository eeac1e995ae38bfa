import type { ConditionTest } from '../ruleset/compiledTypes.js';
import type { IssuePath, ValidationIssue } from '../ruleset/issues.js';
import type { FieldType } from '../ruleset/types.js';
import type { FieldSlots } from './fieldSlots.js';
import { compileConditionTree } from './compileConditionTree.js';
import { compileExpression } from './compileExpression.js';
import type { Evaluator } from './valueNode.js';

export type { Evaluator } from './valueNode.js';

/** Where a condition sits and what it may refer to. */
export interface ConditionOptions {
  /** 'subject' for a rule's `when`; 'agent' for `eligibility.agentWhen` (may also use `agent.*`). */
  context: 'subject' | 'agent';
  /** Declared subject fields (RuleSet.fields); when given, unknown fields and type mismatches are issues. */
  fields?: Readonly<Record<string, FieldType>>;
  /** Where the condition sits in the rule set, e.g. ['rules', 2, 'when']; issue paths extend it. */
  path: IssuePath;
  /**
   * The rule set's field slots. When given, the compiled condition is
   * evaluated on the slot values (`readFieldSlots(slots.names, fields)`)
   * instead of the fields object.
   */
  slots?: FieldSlots;
}

/** A compiled condition: the predicate and the raw evaluator, or every issue found. */
export type CompiledCondition =
  | { ok: true; test: ConditionTest; evaluate: Evaluator }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Compiles a condition (SPEC §3 "Conditions") once, at rule-set compile time,
 * to a tree of closures: no `eval`, no `new Function`, nothing looked up at
 * evaluation time but own properties of the data. Accepts the expression
 * string form and the structured form; anything else gives issues, never an
 * exception.
 *
 * `test` holds only when the condition evaluates to exactly `true`;
 * `evaluate` gives the raw value (a missing field is `null`, never
 * `undefined`; functions in the data are never returned or called).
 *
 * @param input - an expression string, a structured condition, or anything
 * @param options - `context` (`'subject'` or `'agent'`), declared `fields`, and the `path` for issues
 * @returns `{ ok: true, test, evaluate }` or `{ ok: false, issues }`
 * @example
 * ```ts
 * const when = compileCondition("region == 'north' && level >= 3", { context: 'subject', path: ['rules', 0, 'when'] });
 * if (when.ok) when.test({ region: 'north', level: 4 }, null, 1_790_000_000_000); // true
 *
 * const bad = compileCondition('constructor.name', { context: 'subject', path: ['rules', 0, 'when'] });
 * // { ok: false, issues: [{ code: 'forbidden_name', index: 0, expression: 'constructor.name', … }] }
 * ```
 */
export function compileCondition(input: unknown, options: ConditionOptions): CompiledCondition {
  const compiled = typeof input === 'string' ? compileExpression(input, options) : compileConditionTree(input, options);
  if (!compiled.ok) return compiled;
  const evaluate = compiled.node.evaluate;
  // A node that always yields a boolean is its own test: no extra call per evaluation.
  const test: ConditionTest = compiled.node.boolean
    ? (evaluate as ConditionTest)
    : (fields, agent, now) => evaluate(fields, agent, now) === true;
  return { ok: true, test, evaluate };
}
