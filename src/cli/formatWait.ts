/**
 * A waiting time for people: seconds under a minute, whole minutes under an
 * hour, hours with one decimal under two days, then days with one decimal.
 *
 * @param ms - the wait in milliseconds, or null (no customer)
 * @returns e.g. `0`, `45 s`, `12 min`, `14.5 h`, `3.2 d`, or `—` for null
 * @example
 * ```ts
 * formatWait(5_400_000); // '1.5 h'
 * ```
 */
export function formatWait(ms: number | null): string {
  if (ms === null) return '—';
  if (ms === 0) return '0';
  const seconds = ms / 1000;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
