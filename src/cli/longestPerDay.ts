import type { QueueLength } from './simulationResult.js';

/**
 * The longest queue of each local day, from the hourly figures.
 *
 * @param length - the queue's length over the replay
 * @returns per local day (`YYYY-MM-DD`, in order) the longest queue
 * @example
 * ```ts
 * longestPerDay({ maximum: 3, maximumAt: null, atEnd: 0, from: '2026-10-01T22', hourly: [1, 3, 2] });
 * // [['2026-10-01', 3], ['2026-10-02', 2]]
 * ```
 */
export function longestPerDay(length: QueueLength): [string, number][] {
  if (length.from === null) return [];
  const firstDay = Date.parse(`${length.from.slice(0, 10)}T00:00:00Z`);
  const firstHour = Number(length.from.slice(11, 13));
  const days: [string, number][] = [];
  length.hourly.forEach((longest, i) => {
    const d = Math.floor((firstHour + i) / 24);
    const key = new Date(firstDay + d * 86_400_000).toISOString().slice(0, 10);
    if (days.length <= d) days.push([key, longest]);
    else days[d]![1] = Math.max(days[d]![1], longest);
  });
  return days;
}
