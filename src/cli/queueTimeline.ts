import type { QueueLength } from './simulationResult.js';
import { ZoneCalendar } from './zoneCalendar.js';

/**
 * The waiting queue's length over a replay, kept per local hour of the rule
 * set's zone (the longest it was in the hour, and its length when the hour
 * ended): a year of replay is 8,760 numbers however many customers wait.
 * Lengths must be noted in time order.
 *
 * @example
 * ```ts
 * const timeline = new QueueTimeline(new ZoneCalendar('Asia/Shanghai'));
 * timeline.note(Date.parse('2026-10-01T02:00:00+08:00'), 1);
 * timeline.note(Date.parse('2026-10-01T09:00:00+08:00'), 0);
 * timeline.length(Date.parse('2026-10-01T02:00:00+08:00'), Date.parse('2026-10-01T09:00:00+08:00'), 0).hourly; // [1, 1, 1, 1, 1, 1, 1, 1]
 * ```
 */
export class QueueTimeline {
  private readonly hours = new Map<number, { max: number; last: number }>();
  private maximum = 0;
  private maximumAt: number | null = null;

  /** @param calendar - the rule set's zone */
  constructor(private readonly calendar: ZoneCalendar) {}

  /**
   * Notes the queue's length after a change.
   *
   * @param at - when (epoch ms, not before the previous note)
   * @param length - customers waiting
   */
  note(at: number, length: number): void {
    const code = this.calendar.dayHour(at);
    const hour = this.hours.get(code);
    if (hour === undefined) this.hours.set(code, { max: length, last: length });
    else {
      if (length > hour.max) hour.max = length;
      hour.last = length;
    }
    if (length > this.maximum) {
      this.maximum = length;
      this.maximumAt = at;
    }
  }

  /**
   * The figures of the replay from `from` to `to`.
   *
   * @param from - the first customer's creation (null: no customer)
   * @param to - the end of the replay
   * @param atEnd - customers still waiting at the end
   * @returns the longest queue, when, and the longest per local hour
   */
  length(from: number | null, to: number | null, atEnd: number): QueueLength {
    if (from === null || to === null) return { maximum: 0, maximumAt: null, atEnd, from: null, hourly: [] };
    const first = this.calendar.dayHour(from);
    const last = this.calendar.dayHour(to);
    const hourly: number[] = [];
    // An hour without a change keeps the length the previous one ended with.
    let carry = 0;
    for (let code = first; code <= last; code++) {
      const hour = this.hours.get(code);
      hourly.push(hour === undefined ? carry : Math.max(carry, hour.max));
      if (hour !== undefined) carry = hour.last;
    }
    return {
      maximum: this.maximum,
      maximumAt: this.maximumAt === null ? null : new Date(this.maximumAt),
      atEnd,
      from: `${ZoneCalendar.dayKey(ZoneCalendar.day(first))}T${String(ZoneCalendar.hour(first)).padStart(2, '0')}`,
      hourly,
    };
  }
}
