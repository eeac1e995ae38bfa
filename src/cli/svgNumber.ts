/**
 * A number for an SVG coordinate or size: one decimal is plenty and keeps
 * the file small.
 *
 * @param value - the number
 * @returns its text, rounded to one decimal
 * @example
 * ```ts
 * svgNumber(12.345); // '12.3'
 * ```
 */
export function svgNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}
