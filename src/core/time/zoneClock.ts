import { AssignmentError } from '../errors.js';
import { isValidTimeZone } from './isValidTimeZone.js';

const MS_PER_DAY = 86_400_000;
/** Widest possible distance between a wall time and the instant it names (offsets stay within ±16 h). */
const MAX_OFFSET_REACH = 16 * 3_600_000;
/** `Intl` is asked only inside years 1000–9999, where it formats plain four-digit years; outside, the zone's offset at the nearer end is used. */
const INTL_MIN = Date.UTC(1000, 0, 1);
const INTL_MAX = Date.UTC(9999, 11, 31);
/** Cached UTC days per zone (about 22 years); the cache starts afresh beyond it. */
const MAX_DAYS_PER_ZONE = 8192;
const MAX_ZONES = 256;

/**
 * The offsets of one UTC day `[start, start + 1 day)`: `before` until `at`,
 * `after` from `at` on. `at` is `Infinity` when the offset does not change that
 * day. Zones change offset at most once per day (true of the whole tz database
 * since clocks were standardised), so one transition per entry suffices.
 */
interface DayOffsets {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** One time zone's offsets, read from `Intl` once per UTC day and then cached. */
export interface ZoneClock {
  readonly timeZone: string;
  /**
   * The zone's offset at an instant: local wall time = `epochMs + offset`.
   * @param epochMs - the instant
   * @returns the offset in milliseconds (east of UTC positive)
   */
  offsetAt(epochMs: number): number;
  /**
   * The first instant in `(afterMs, untilMs]` at which the offset changes.
   * @param afterMs - exclusive start
   * @param untilMs - inclusive end
   * @returns the instant the new offset starts, or null when the offset is constant
   */
  nextTransition(afterMs: number, untilMs: number): number | null;
  /**
   * The instant at which the wall clock shows a local time.
   * @param localMs - local wall time as milliseconds since 1970-01-01T00:00 local
   * @returns the earlier instant when the wall time occurs twice (clocks set back),
   *   the first instant after the gap when it does not occur (clocks set forward)
   */
  toEpoch(localMs: number): number;
}

class IntlZoneClock implements ZoneClock {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();
  // The last constant-offset span seen: repeated calls near one instant never touch the map.
  private spanStart = 0;
  private spanEnd = 0;
  private spanOffset = 0;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(epochMs: number): number {
    if (epochMs >= this.spanStart && epochMs < this.spanEnd) return this.spanOffset;
    const day = Math.floor(epochMs / MS_PER_DAY);
    const offsets = this.dayOffsets(day);
    const start = day * MS_PER_DAY;
    if (epochMs < offsets.at) {
      this.spanStart = start;
      this.spanEnd = Math.min(offsets.at, start + MS_PER_DAY);
      this.spanOffset = offsets.before;
    } else {
      this.spanStart = offsets.at;
      this.spanEnd = start + MS_PER_DAY;
      this.spanOffset = offsets.after;
    }
    return this.spanOffset;
  }

  nextTransition(afterMs: number, untilMs: number): number | null {
    const last = Math.floor(untilMs / MS_PER_DAY);
    for (let day = Math.floor(afterMs / MS_PER_DAY); day <= last; day++) {
      const at = this.dayOffsets(day).at;
      if (at > afterMs && at <= untilMs) return at;
    }
    return null;
  }

  toEpoch(localMs: number): number {
    const before = this.offsetAt(localMs - MAX_OFFSET_REACH);
    const after = this.offsetAt(localMs + MAX_OFFSET_REACH);
    if (before === after) return localMs - before;
    // Every instant naming this wall time lies within ±16 h of it, so the one
    // transition in that window decides which of the two readings exist.
    const at = this.nextTransition(localMs - MAX_OFFSET_REACH, localMs + MAX_OFFSET_REACH) ?? localMs;
    const early = localMs - before;
    const late = localMs - after;
    const earlyExists = early < at;
    const lateExists = late >= at;
    if (earlyExists && lateExists) return Math.min(early, late);
    if (earlyExists) return early;
    if (lateExists) return late;
    return at;
  }

  private dayOffsets(day: number): DayOffsets {
    const cached = this.days.get(day);
    if (cached !== undefined) return cached;
    const start = day * MS_PER_DAY;
    const previous = this.days.get(day - 1);
    const before = previous !== undefined ? previous.after : this.intlOffset(start - 1);
    const after = this.intlOffset(start + MS_PER_DAY - 1);
    const offsets: DayOffsets =
      before === after ? { at: Number.POSITIVE_INFINITY, before, after } : { at: this.findTransition(start, before), before, after };
    if (this.days.size >= MAX_DAYS_PER_ZONE) this.days.clear();
    this.days.set(day, offsets);
    return offsets;
  }

  /** Binary search, to the second (tz data has whole-second transitions), for where the offset leaves `before`. */
  private findTransition(dayStart: number, before: number): number {
    let low = dayStart - 1000;
    let high = dayStart + MS_PER_DAY - 1000;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (this.intlOffset(middle) === before) low = middle;
      else high = middle;
    }
    return high;
  }

  /** The offset `Intl` reports, to the second (`Intl` drops milliseconds). */
  private intlOffset(epochMs: number): number {
    const clamped = Math.min(Math.max(epochMs, INTL_MIN), INTL_MAX);
    const second = Math.floor(clamped / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let sec = 0;
    for (const part of this.format.formatToParts(second)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          // Some ICU versions write midnight as 24 even with h23.
          hour = Number(part.value) % 24;
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          sec = Number(part.value);
          break;
        default:
          break;
      }
    }
    return Date.UTC(year, month - 1, day, hour, minute, sec) - second;
  }
}

const clocks = new Map<string, ZoneClock>();

/**
 * The shared, cached clock of a time zone. Compiled schedules hold on to it, so
 * the decision path reads offsets without looking the zone up again.
 *
 * @param timeZone - an IANA zone name
 * @returns the zone's clock
 * @throws AssignmentError `invalid_input` when the zone is unknown
 * @example
 * ```ts
 * zoneClock('Asia/Shanghai').offsetAt(Date.UTC(2026, 9, 1)); // 28_800_000
 * ```
 */
export function zoneClock(timeZone: string): ZoneClock {
  const known = clocks.get(timeZone);
  if (known !== undefined) return known;
  if (!isValidTimeZone(timeZone)) {
    throw new AssignmentError('invalid_input', `Unknown time zone ${JSON.stringify(timeZone)} (expected an IANA name such as "Asia/Shanghai")`);
  }
  const clock = new IntlZoneClock(timeZone);
  if (clocks.size >= MAX_ZONES) clocks.clear();
  clocks.set(timeZone, clock);
  return clock;
}
