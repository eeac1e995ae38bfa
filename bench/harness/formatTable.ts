import type { Figure } from './figure.js';

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function formatValue(figure: Figure): string {
  const value = figure.value;
  if (value === null) return 'skipped';
  if (figure.unit === '×') return '';
  if (figure.unit === 'ops/s') return `${number(value, 0)}/s`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${number(value, digits)} ${figure.unit}`;
}

function formatRatio(ratio: number | null): string {
  if (ratio === null) return '';
  return `${number(ratio, ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2)}×`;
}

function formatPass(pass: boolean | null): string {
  return pass === null ? '' : pass ? 'pass' : 'FAIL';
}

/**
 * Renders figures as a Markdown table (readable in a terminal, pasteable into
 * the README): figure, value, goal, ratio, pass/fail.
 *
 * @param figures - the figures, in section order
 * @returns the table, one line per figure plus header
 * @example
 * ```ts
 * console.log(formatTable(figures));
 * ```
 */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.label, formatValue(f), f.goal ?? '', formatRatio(f.ratio), formatPass(f.pass)]);
  const header = ['figure', 'value', 'goal', 'ratio', 'pass'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
