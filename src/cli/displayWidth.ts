/** East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth forms, emoji): two terminal columns. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
/** Combining marks, zero-width spaces and joiners, variation selectors: no column of their own. */
const ZERO_WIDTH: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
];

const within = (code: number, ranges: readonly (readonly [number, number])[]): boolean => ranges.some(([low, high]) => code >= low && code <= high);

/**
 * How many terminal columns text takes, so tables stay aligned when agent or
 * rule names are Chinese.
 *
 * @param text - the text
 * @returns its width in columns
 * @example
 * ```ts
 * displayWidth('李雷 Li Lei'); // 11
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code < 0x300) width += 1;
    else if (!within(code, ZERO_WIDTH)) width += within(code, WIDE) ? 2 : 1;
  }
  return width;
}
