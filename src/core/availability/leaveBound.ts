import { parseIsoDate } from '../time/parseIsoDate.js';

/** An instant with a date, a time and an explicit offset (`Z` or `±hh:mm`). */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** One end of a leave range: a local date (day number) or an instant (epoch ms). */
export type LeaveBound = { kind: 'date'; value: number } | { kind: 'instant'; value: number };

/**
 * Reads one end of a leave range: a calendar date `YYYY-MM-DD` (whole days in
 * the agent's zone) or an instant with an explicit offset.
 *
 * @param text - the `from` or `to` of a leave range
 * @returns the day number or epoch ms, or null when it is neither
 * @example
 * ```ts
 * leaveBound('2026-12-03'); // { kind: 'date', value: 20790 }
 * leaveBound('2026-12-03T14:00:00+08:00'); // { kind: 'instant', value: 1796277600000 }
 * leaveBound('2026-12-03T14:00:00'); // null: no offset
 * ```
 */
export function leaveBound(text: string): LeaveBound | null {
  const day = parseIsoDate(text);
  if (day !== null) return { kind: 'date', value: day };
  if (!INSTANT_WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? { kind: 'instant', value: ms } : null;
}
