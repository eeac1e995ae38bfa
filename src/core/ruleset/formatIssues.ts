import { InputError } from '../errors.js';
import type { Locale, Messages } from '../i18n/messages.js';
import { messagesFor } from '../i18n/messagesFor.js';
import { readOptions } from '../input/readOptions.js';
import { describeValue } from './describeValue.js';
import { columnWidth } from './displayWidth.js';
import { formatIssuePath } from './formatIssuePath.js';
import type { ValidationIssue } from './issues.js';

/** Expressions wider than this (in terminal columns) are shown as a window around the caret. */
const MAX_SHOWN_COLUMNS = 72;
/** Columns of context kept left of the caret in a window. */
const COLUMNS_BEFORE_CARET = 30;
const ELLIPSIS = '...';
const INDENT = '  ';

/**
 * Renders validation issues for humans, one block per issue: the path
 * (`rules[2].when`, `<root>` for the whole rule set), the message and the
 * code; for expression issues, the expression on one line and a caret `^`
 * under the reported position. Pure and deterministic, no colours.
 *
 * `index` counts UTF-16 code units, as JavaScript strings and jsep do; the
 * caret is placed in terminal columns, so it stands under the right
 * character also after Chinese, Japanese or Korean text (two columns per
 * wide character, none for combining marks). Line breaks and other control
 * characters in the expression are shown as spaces so it stays on one line.
 * Expressions wider than 72 columns are cut to a window around the caret,
 * with `...` where text was left out.
 *
 * In English each issue shows its own `message`, which has the most detail;
 * in another locale — and in English for an issue built by hand with an
 * empty `message` — the sentence is rendered from the issue's `code` and
 * `params` (the key, the field, the "did you mean" suggestion), so the codes
 * stay the contract and the wording lives in the locale's catalogue.
 *
 * @param issues - issues as returned by `validateRuleSet` or carried by `RuleSetError`
 * @param options - `locale`: `'en'` (default) or `'zh-CN'`
 * @returns the text, blocks separated by line breaks; `''` for no issues
 * @example
 * ```ts
 * formatIssues([{ code: 'unknown_function', path: ['rules', 0, 'when'], message: 'Unknown function "foo".',
 *   expression: "region == '北京' && foo(1)", index: 18 }]);
 * // rules[0].when: Unknown function "foo". [unknown_function]
 * //   region == '北京' && foo(1)
 * //                       ^
 * formatIssues(validateRuleSet({ ...ruleSet, timeZone: 'Asia/Shangai' }).issues, { locale: 'zh-CN' });
 * // timeZone：不是 IANA 时区：“Asia/Shangai”。你是不是想写“Asia/Shanghai”？ [invalid_time_zone]
 * ```
 */
export function formatIssues(issues: readonly ValidationIssue[], options?: FormatIssuesOptions): string {
  const messages = messagesFor(readOptions(options, 'options', ['locale']).locale, 'options.locale');
  if (!Array.isArray(issues)) throw new InputError('issues', 'an array of validation issues', describeValue(issues));
  issues.forEach((issue: unknown, index) => {
    const valid =
      typeof issue === 'object' &&
      issue !== null &&
      Array.isArray((issue as ValidationIssue).path) &&
      typeof (issue as ValidationIssue).message === 'string' &&
      typeof (issue as ValidationIssue).code === 'string';
    if (!valid) throw new InputError(`issues[${index}]`, 'a validation issue { code, path, message }', describeValue(issue));
  });
  return issues.map((issue) => formatIssue(issue, messages)).join('\n');
}

/** The language `formatIssues` writes in. */
export interface FormatIssuesOptions {
  /** `'en'` (default) or `'zh-CN'`. */
  locale?: Locale;
}

function formatIssue(issue: ValidationIssue, messages: Messages): string {
  // An issue from an older or custom producer may carry a code no catalogue knows: its own message is all there is.
  const own = (messages.locale === 'en' && issue.message !== '') || !Object.hasOwn(messages.issue, issue.code);
  const sentence = own ? issue.message : messages.issue[issue.code](issue.params ?? {});
  const heading = messages.issueHeading(formatIssuePath(issue.path), sentence, issue.code);
  if (typeof issue.expression !== 'string' || typeof issue.index !== 'number') return heading;
  const { line, caretColumn } = expressionWindow(issue.expression, issue.index);
  return `${heading}\n${INDENT}${line}\n${INDENT}${' '.repeat(caretColumn)}^`;
}

/** The expression as one line (cut around the caret when wide) and the caret's terminal column in it. */
function expressionWindow(expression: string, index: number): { line: string; caretColumn: number } {
  const characters = Array.from(expression, (character) => (isControl(character) ? ' ' : character));
  const widths = characters.map((character) => columnWidth(character.codePointAt(0) ?? 0));
  const caretUnits = Number.isNaN(index) ? 0 : Math.min(Math.max(index, 0), expression.length);
  // Code units → characters: astral characters take two units but are one character.
  let caret = 0;
  for (let units = 0; caret < characters.length && units < caretUnits; caret++) units += characters[caret]!.length;
  const totalWidth = widths.reduce((sum, width) => sum + width, 0);
  if (totalWidth <= MAX_SHOWN_COLUMNS) {
    return { line: characters.join(''), caretColumn: sum(widths, 0, caret) };
  }
  let start = caret;
  for (let budget = COLUMNS_BEFORE_CARET; start > 0 && widths[start - 1]! <= budget; start--) budget -= widths[start - 1]!;
  let end = start;
  for (let shown = 0; end < characters.length && shown + widths[end]! <= MAX_SHOWN_COLUMNS; end++) shown += widths[end]!;
  const before = start > 0 ? ELLIPSIS : '';
  const after = end < characters.length ? ELLIPSIS : '';
  return {
    line: `${before}${characters.slice(start, end).join('')}${after}`,
    caretColumn: before.length + sum(widths, start, caret),
  };
}

function sum(widths: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += widths[i]!;
  return total;
}

function isControl(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}
