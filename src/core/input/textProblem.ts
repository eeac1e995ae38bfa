/**
 * What makes a string unfit to be stored and compared exactly: a NUL character
 * (PostgreSQL text cannot hold it), a lone UTF-16 surrogate (a driver would send
 * it as U+FFFD, so a read could meet another subject's id) or excess length.
 * Written out because `String.prototype.isWellFormed` is not in Node 20.
 *
 * @internal
 * @param text - the string
 * @param maxLength - the longest allowed, in UTF-16 code units
 * @returns a phrase describing the first problem, or null when the string is fine
 * @example
 * ```ts
 * textProblem('li-lei', 256); // null
 * textProblem('a\u0000b', 256); // 'a string with a NUL character at index 1'
 * textProblem('x\uD800', 256); // 'a string with a lone surrogate at index 1'
 * ```
 */
export function textProblem(text: string, maxLength: number): string | null {
  if (text.length > maxLength) return `a string of ${text.length} characters`;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return `a string with a NUL character at index ${i}`;
    if (unit < 0xd800 || unit > 0xdfff) continue;
    // A high surrogate must be followed by a low one; a low one never stands first.
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return `a string with a lone surrogate at index ${i}`;
  }
  return null;
}
