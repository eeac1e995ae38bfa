import { displayWidth } from '../core/ruleset/displayWidth.js';

/**
 * Lays out rows as a plain-text table: columns padded to their widest cell
 * (in terminal columns), text left-aligned, numbers right-aligned, two spaces
 * between columns, a rule under the header.
 *
 * @param header - the column titles
 * @param rows - the cells
 * @param align - per column, `'left'` or `'right'` (default left)
 * @returns the table's lines
 * @example
 * ```ts
 * textTable(['Agent', 'Assigned'], [['li-lei', '1,024']], ['left', 'right']);
 * // ['Agent   Assigned', '------  --------', 'li-lei     1,024']
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string[] {
  const widths = header.map((title, c) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c]! - displayWidth(cell));
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
