/**
 * Terminal columns of text, so carets and tables line up when rule or agent
 * names are Chinese, Japanese or Korean.
 */

/** East Asian Wide and Fullwidth ranges (and emoji pictographs): two terminal columns each. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Combining marks, zero-width spaces and joiners, variation selectors: no column of their own. */
const ZERO_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xe0100, 0xe01ef],
];

function inRanges(codePoint: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([low, high]) => codePoint >= low && codePoint <= high);
}

/**
 * How many terminal columns one character takes: 2 for wide (CJK, fullwidth,
 * emoji), 0 for combining marks and zero-width characters, else 1.
 *
 * @param codePoint - the character's code point
 * @returns 0, 1 or 2
 * @example
 * ```ts
 * columnWidth('北'.codePointAt(0)!); // 2
 * columnWidth(0x301); // 0 (combining acute accent)
 * ```
 */
export function columnWidth(codePoint: number): number {
  if (codePoint < 0x300) return 1;
  if (inRanges(codePoint, ZERO_WIDTH_RANGES)) return 0;
  return inRanges(codePoint, WIDE_RANGES) ? 2 : 1;
}

/**
 * How many terminal columns text takes.
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
  for (const character of text) width += columnWidth(character.codePointAt(0)!);
  return width;
}
