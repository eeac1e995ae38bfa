import { parseClock } from '../time/parseClock.js';
import { parseIsoDate } from '../time/parseIsoDate.js';
import { arrayCheck, integerCheck, objectCheck, timeZoneCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { quote } from './describeValue.js';
import type { DateRange, HourRange, IsoWeekday, Schedule } from './types.js';

/** Minutes of `"24:00"`: allowed as the end of a window, never as its start. */
const END_OF_DAY = 24 * 60;

const isIsoWeekday = (value: number): value is IsoWeekday => Number.isInteger(value) && value >= 1 && value <= 7;

const weekdaysCheck = arrayCheck(
  integerCheck('an ISO weekday (1 = Monday … 7 = Sunday)', isIsoWeekday),
  'a list of ISO weekdays (1 = Monday … 7 = Sunday)',
  { nonEmpty: 'The schedule would never be open: list at least one weekday, or omit weekdays for Monday–Friday.', distinct: true },
);

/** A clock time, returned with its minutes so ranges can compare ends. */
const clockCheck: Check<{ text: string; minutes: number }> = {
  expected: 'a time "HH:mm" from "00:00" to "24:00"',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, clockCheck.expected);
    const minutes = parseClock(value);
    if (minutes === null) {
      issues.report('invalid_time', path, `Expected a time "HH:mm" from "00:00" to "24:00", got ${quote(value)}.`);
      return undefined;
    }
    return { text: value, minutes };
  },
};

const hourRangeCheck = objectCheck({ what: 'an hour range', keys: ['from', 'to'] }, (range): HourRange | undefined => {
  const from = range.required('from', clockCheck);
  const to = range.required('to', clockCheck);
  if (from === undefined || to === undefined) return undefined;
  if (from.minutes === END_OF_DAY) {
    range.issues.report('invalid_time', range.pathOf('from'), 'A window cannot start at "24:00"; start it at "00:00".');
    return undefined;
  }
  if (from.minutes === to.minutes) {
    range.issues.report(
      'invalid_time',
      range.pathOf('to'),
      `The window ${quote(from.text)}–${quote(to.text)} is empty: "to" must differ from "from" (use "00:00"–"24:00" for the whole day).`,
    );
    return undefined;
  }
  return { from: from.text, to: to.text };
});

const hoursCheck = arrayCheck(hourRangeCheck, 'a list of hour ranges { from: "HH:mm", to: "HH:mm" }', {
  nonEmpty: 'The schedule would never be open: list at least one hour range, or omit hours for 08:00–18:00.',
});

/** A calendar date, returned with its day number so ranges can compare ends. */
const dateCheck: Check<{ text: string; day: number }> = {
  expected: 'a date "YYYY-MM-DD"',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, dateCheck.expected);
    const day = parseIsoDate(value);
    if (day === null) {
      issues.report('invalid_date_range', path, `Expected an existing calendar date "YYYY-MM-DD", got ${quote(value)}.`);
      return undefined;
    }
    return { text: value, day };
  },
};

const dateRangeCheck = objectCheck({ what: 'a date range', keys: ['from', 'to'] }, (range): DateRange | undefined => {
  const from = range.required('from', dateCheck);
  const to = range.required('to', dateCheck);
  if (from === undefined || to === undefined) return undefined;
  if (from.day > to.day) {
    range.issues.report(
      'invalid_date_range',
      range.pathOf('to'),
      `The range ends (${to.text}) before it starts (${from.text}); both ends are inclusive, so a single day is from = to.`,
    );
    return undefined;
  }
  return { from: from.text, to: to.text };
});

const DATE_RANGES = 'a list of date ranges { from: "YYYY-MM-DD", to: "YYYY-MM-DD" }';

const datesCheck = arrayCheck(dateRangeCheck, DATE_RANGES, {
  nonEmpty: 'The schedule would never be open: list at least one date range, or omit dates.',
});

const exceptDatesCheck = arrayCheck(dateRangeCheck, DATE_RANGES);

/**
 * A rule's `schedule` (适用时间): weekdays, hours, only-on dates, never-on
 * dates and an optional zone. Lists that would make the schedule never open
 * (no weekday, no hour range, no date range) are refused: disable the rule
 * instead.
 *
 * @example
 * ```ts
 * const schedule = rule.optional('schedule', scheduleCheck);
 * ```
 */
export const scheduleCheck: Check<Schedule> = objectCheck(
  { what: 'a schedule', keys: ['weekdays', 'hours', 'dates', 'exceptDates', 'timeZone'] },
  (schedule): Schedule => {
    const weekdays = schedule.optional('weekdays', weekdaysCheck);
    const hours = schedule.optional('hours', hoursCheck);
    const dates = schedule.optional('dates', datesCheck);
    const exceptDates = schedule.optional('exceptDates', exceptDatesCheck);
    const timeZone = schedule.optional('timeZone', timeZoneCheck);
    return {
      ...(weekdays !== undefined && { weekdays }),
      ...(hours !== undefined && { hours }),
      ...(dates !== undefined && { dates }),
      ...(exceptDates !== undefined && { exceptDates }),
      ...(timeZone !== undefined && { timeZone }),
    };
  },
);
