import { AssignmentError } from '../errors.js';
import type { CompiledSchedule } from '../ruleset/compiledTypes.js';
import type { DateRange, Schedule } from '../ruleset/types.js';
import { isValidTimeZone } from './isValidTimeZone.js';
import { parseClock } from './parseClock.js';
import { parseIsoDate } from './parseIsoDate.js';
import { zoneClock } from './zoneClock.js';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
/** Bit `1 << isoWeekday` for Monday–Friday. */
const MONDAY_TO_FRIDAY = 0b0111110;
const EVERY_DAY = 0b11111110;
const DEFAULT_HOURS = [{ from: '08:00', to: '18:00' }];
/** Offsets differ by less than two days, so a local search this much past the horizon cannot miss an opening. */
const OFFSET_SLACK = 2 * MS_PER_DAY;

/**
 * Compiles a validated schedule into wall-clock windows in its zone.
 *
 * Semantics (SPEC §3): omitted `weekdays` mean Monday–Friday, or all seven
 * days when `dates` is given; omitted `hours` mean 08:00–18:00; a present
 * list is taken literally (an empty `weekdays`, `hours` or `dates` never
 * opens). Hours are wall-clock times, `from` inclusive and `to` exclusive
 * (`"24:00"` allowed as `to`), so DST never shifts a window. A window with
 * `from > to` spans midnight and belongs to the weekday and date on which it
 * starts; `from == to` is an empty window. `dates` keep only the listed days
 * (inclusive ranges), `exceptDates` remove days (holidays).
 *
 * @param schedule - the schedule, already validated (invalid parts throw)
 * @param defaultTimeZone - the rule set's zone; `schedule.timeZone` overrides it
 * @returns the compiled schedule (`isOpen`, `nextOpening`)
 * @throws AssignmentError `invalid_input` when the zone, a time or a date is invalid
 * @example
 * ```ts
 * const office = compileSchedule({ hours: [{ from: '09:00', to: '18:00' }] }, 'Asia/Shanghai');
 * office.isOpen(Date.parse('2026-10-09T10:00:00+08:00')); // true (a Friday)
 * office.nextOpening(Date.parse('2026-10-09T19:00:00+08:00'), 7 * 86_400_000);
 * // Date.parse('2026-10-12T09:00:00+08:00') (Monday)
 * ```
 */
export function compileSchedule(schedule: Schedule, defaultTimeZone: string): CompiledSchedule {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) {
    throw invalid(`schedule must be an object, got ${schedule === null ? 'null' : typeof schedule}`);
  }
  const timeZone = schedule.timeZone ?? defaultTimeZone;
  if (!isValidTimeZone(timeZone)) {
    throw invalid(`${schedule.timeZone === undefined ? 'timeZone' : 'schedule.timeZone'} is not a known IANA time zone: ${JSON.stringify(timeZone)}`);
  }
  const zone = zoneClock(timeZone);
  const dates = schedule.dates === undefined ? null : readDateRanges(schedule.dates, 'dates');
  const exceptDates = schedule.exceptDates === undefined ? NO_DAYS : readDateRanges(schedule.exceptDates, 'exceptDates');
  const weekdayBits = readWeekdays(schedule, dates !== null);
  const windows = readWindows(schedule.hours ?? DEFAULT_HOURS);
  const neverOpens = windows.length === 0 || weekdayBits === 0 || dates?.length === 0;
  // Only days inside `dates` own windows, so searches start at the first and stop after the last.
  const firstDay = dates?.[0]?.from ?? Number.NEGATIVE_INFINITY;
  const lastDay = dates?.[dates.length - 1]?.to ?? Number.POSITIVE_INFINITY;

  // Decisions at nearby instants ask about the same day: remember the last answer.
  let memoDay = Number.NaN;
  let memoOwns = false;
  function dayOwnsWindows(day: number): boolean {
    if (day === memoDay) return memoOwns;
    memoDay = day;
    memoOwns =
      (weekdayBits & (1 << ((((day + 3) % 7) + 7) % 7 + 1))) !== 0 &&
      (dates === null || inRanges(dates, day)) &&
      !inRanges(exceptDates, day);
    return memoOwns;
  }

  /** Open at a local wall time (ms since 1970-01-01 local)? */
  function isOpenLocal(local: number): boolean {
    const day = Math.floor(local / MS_PER_DAY);
    const ms = local - day * MS_PER_DAY;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (w.from < w.to) {
        if (ms >= w.from && ms < w.to && dayOwnsWindows(day)) return true;
      } else if (ms >= w.from) {
        if (dayOwnsWindows(day)) return true;
      } else if (ms < w.to && dayOwnsWindows(day - 1)) {
        // The after-midnight part belongs to the day the window started on.
        return true;
      }
    }
    return false;
  }

  /** The earliest open local time ≥ `fromLocal` and ≤ `untilLocal`, reading the wall clock as continuous. */
  function earliestOpenLocal(fromLocal: number, untilLocal: number): number | null {
    if (isOpenLocal(fromLocal)) return fromLocal;
    // Closed now, so the next opening is where some owned window starts.
    const last = Math.min(Math.floor(untilLocal / MS_PER_DAY), lastDay);
    for (let day = Math.max(Math.floor(fromLocal / MS_PER_DAY), firstDay); day <= last; day++) {
      if (!dayOwnsWindows(day)) continue;
      for (let i = 0; i < windows.length; i++) {
        const start = day * MS_PER_DAY + windows[i]!.from;
        if (start > fromLocal) return start <= untilLocal ? start : null;
      }
    }
    return null;
  }

  // Rules sharing a schedule share this object (compileRuleSet), so they ask
  // about the same instant in a row: remember the last answer.
  let lastMs = Number.NaN;
  let lastOpen = false;
  return {
    isOpen(epochMs: number): boolean {
      if (epochMs !== lastMs) {
        lastOpen = isOpenLocal(epochMs + zone.offsetAt(epochMs));
        lastMs = epochMs;
      }
      return lastOpen;
    },
    nextOpening(afterMs: number, horizonMs: number): number | null {
      if (neverOpens) return null;
      const limit = afterMs + horizonMs;
      let from = afterMs;
      // Between two offset changes the wall clock runs continuously: search it
      // as local time, then restart at the change if one comes first.
      while (from <= limit) {
        const offset = zone.offsetAt(from);
        const local = earliestOpenLocal(from + offset, limit + offset + OFFSET_SLACK);
        if (local === null) {
          // Only clocks set back can still repeat an open wall time, by less than
          // the slack, so within the slack of `from`; otherwise nothing opens.
          if (earliestOpenLocal(from + offset - OFFSET_SLACK, limit + offset + OFFSET_SLACK) === null) return null;
          const change = zone.nextTransition(from, Math.min(limit, from + OFFSET_SLACK));
          if (change === null) return null;
          from = change;
          continue;
        }
        const opening = local - offset;
        const change = zone.nextTransition(from, Math.min(opening, limit));
        if (change === null) return opening <= limit ? opening : null;
        from = change;
      }
      return null;
    },
  };
}

interface Window {
  /** Start, ms since local midnight, inclusive. */
  readonly from: number;
  /** End, ms since local midnight, exclusive; below `from` when the window spans midnight. */
  readonly to: number;
}

interface DayRange {
  readonly from: number;
  readonly to: number;
}

const NO_DAYS: readonly DayRange[] = [];

function readWeekdays(schedule: Schedule, hasDates: boolean): number {
  const weekdays: unknown = schedule.weekdays;
  if (weekdays === undefined) return hasDates ? EVERY_DAY : MONDAY_TO_FRIDAY;
  if (!Array.isArray(weekdays)) throw invalid('schedule.weekdays must be an array of ISO weekdays 1–7');
  let bits = 0;
  weekdays.forEach((weekday: unknown, index) => {
    if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw invalid(`schedule.weekdays[${index}] must be an ISO weekday 1 (Monday) … 7 (Sunday), got ${JSON.stringify(weekday)}`);
    }
    bits |= 1 << weekday;
  });
  return bits;
}

function readWindows(hours: unknown): Window[] {
  if (!Array.isArray(hours)) throw invalid('schedule.hours must be an array of { from, to }');
  const windows: Window[] = [];
  hours.forEach((range: unknown, index) => {
    const { from, to } = readPair(range, `schedule.hours[${index}]`);
    const start = parseClock(from);
    const end = parseClock(to);
    if (start === null || start === 1440) {
      throw invalid(`schedule.hours[${index}].from must be a time "HH:mm" from 00:00 to 23:59, got ${JSON.stringify(from)}`);
    }
    if (end === null) {
      throw invalid(`schedule.hours[${index}].to must be a time "HH:mm" from 00:00 to 24:00, got ${JSON.stringify(to)}`);
    }
    // from == to is an empty window: it never opens (the validator reports it).
    if (start !== end) windows.push({ from: start * MS_PER_MINUTE, to: end * MS_PER_MINUTE });
  });
  // Sorted by start, so the first start found after a closed instant is the next opening.
  return windows.sort((a, b) => a.from - b.from);
}

function readDateRanges(ranges: DateRange[], key: 'dates' | 'exceptDates'): DayRange[] {
  if (!Array.isArray(ranges)) throw invalid(`schedule.${key} must be an array of { from, to }`);
  const days = ranges.map((range: unknown, index) => {
    const { from, to } = readPair(range, `schedule.${key}[${index}]`);
    const first = parseIsoDate(from);
    const last = parseIsoDate(to);
    if (first === null) throw invalid(`schedule.${key}[${index}].from must be a date "YYYY-MM-DD", got ${JSON.stringify(from)}`);
    if (last === null) throw invalid(`schedule.${key}[${index}].to must be a date "YYYY-MM-DD", got ${JSON.stringify(to)}`);
    if (first > last) throw invalid(`schedule.${key}[${index}] ends (${String(to)}) before it starts (${String(from)})`);
    return { from: first, to: last };
  });
  return mergeRanges(days);
}

/** Sorted, non-overlapping ranges, so membership scans can stop early and searches know the last day. */
function mergeRanges(ranges: DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: DayRange[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && range.from <= previous.to + 1) {
      merged[merged.length - 1] = { from: previous.from, to: Math.max(previous.to, range.to) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

function inRanges(ranges: readonly DayRange[], day: number): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (day < range.from) return false;
    if (day <= range.to) return true;
  }
  return false;
}

function readPair(value: unknown, where: string): { from: unknown; to: unknown } {
  if (typeof value !== 'object' || value === null) throw invalid(`${where} must be an object { from, to }`);
  const pair = value as { from?: unknown; to?: unknown };
  return { from: pair.from, to: pair.to };
}

function invalid(message: string): AssignmentError {
  return new AssignmentError('invalid_input', `Invalid schedule: ${message}`);
}
