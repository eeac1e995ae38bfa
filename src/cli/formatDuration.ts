/**
 * A waiting time as people read it: seconds, minutes, hours or days, one decimal at most.
 *
 * @param ms - milliseconds
 * @returns e.g. `'12 min'`, `'1.5 h'`
 * @example
 * ```ts
 * formatDuration(5_400_000); // '1.5 h'
 * ```
 */
export function formatDuration(ms: number): string {
  const [value, unit] = ms < 60_000 ? [ms / 1000, 's'] : ms < 3_600_000 ? [ms / 60_000, 'min'] : ms < 86_400_000 ? [ms / 3_600_000, 'h'] : [ms / 86_400_000, 'd'];
  return `${Number(value.toFixed(1))} ${unit}`;
}
