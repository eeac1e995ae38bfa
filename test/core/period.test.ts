import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssignmentError } from '../../src/core/errors.js';
import { type Period, PERIODS, type WeekStartsOn } from '../../src/core/ruleset/types.js';
import { periodBounds } from '../../src/core/time/periodBounds.js';
import { periodRange } from '../../src/core/time/periodRange.js';

const HOUR = 3_600_000;
const at = Date.parse;

/** The range as ISO strings, so expectations can be written in local time with offsets. */
function range(period: Period, now: string, zone: string, weekStartsOn?: WeekStartsOn): [string, string] {
  const { start, end } = periodRange(period, now, zone, weekStartsOn);
  return [start.toISOString(), end.toISOString()];
}

const iso = (instant: string) => new Date(at(instant)).toISOString();
const span = (from: string, to: string): [string, string] => [iso(from), iso(to)];

describe('periodRange', () => {
  it('gives the local day in Shanghai', () => {
    expect(range('day', '2026-10-01T09:30:00+08:00', 'Asia/Shanghai')).toEqual(span('2026-10-01T00:00:00+08:00', '2026-10-02T00:00:00+08:00'));
  });

  it('gives a 23-hour day on the spring-forward day and a 25-hour day on the fall-back day', () => {
    expect(range('day', '2026-03-08T12:00:00-04:00', 'America/New_York')).toEqual(span('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'));
    expect(range('day', '2026-11-01T12:00:00-05:00', 'America/New_York')).toEqual(span('2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00'));
    expect(range('day', '2026-03-29T12:00:00+02:00', 'Europe/Berlin')).toEqual(span('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'));
    expect(range('day', '2026-10-25T12:00:00+01:00', 'Europe/Berlin')).toEqual(span('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00'));
    const [start, end] = range('day', '2026-10-04T12:00:00+11:00', 'Australia/Lord_Howe');
    expect(at(end) - at(start)).toBe(23.5 * HOUR);
  });

  it('starts a day at 01:00 where midnight does not exist (Santiago)', () => {
    expect(range('day', '2026-09-06T12:00:00-03:00', 'America/Santiago')).toEqual(span('2026-09-06T01:00:00-03:00', '2026-09-07T00:00:00-03:00'));
    // The day before ends when the clocks jump from 24:00 to 01:00.
    expect(range('day', '2026-09-05T23:59:00-04:00', 'America/Santiago')).toEqual(span('2026-09-05T00:00:00-04:00', '2026-09-06T01:00:00-03:00'));
    // Clocks set back from 24:00 to 23:00: Saturday lasts 25 hours.
    expect(range('day', '2026-04-04T23:30:00-04:00', 'America/Santiago')).toEqual(span('2026-04-04T00:00:00-03:00', '2026-04-05T00:00:00-04:00'));
  });

  it('puts an instant equal to start in the period and one equal to end in the next', () => {
    const [start, end] = range('day', '2026-10-01T00:00:00+08:00', 'Asia/Shanghai');
    expect(start).toBe(iso('2026-10-01T00:00:00+08:00'));
    expect(range('day', end, 'Asia/Shanghai')[0]).toBe(end);
    expect(range('day', new Date(at(end) - 1).toISOString(), 'Asia/Shanghai')[1]).toBe(end);
  });

  it('starts weeks on Monday by default and on weekStartsOn when given', () => {
    // Wednesday 2026-10-07 and Sunday 2026-10-11.
    const wednesday = '2026-10-07T10:00:00+08:00';
    const sunday = '2026-10-11T10:00:00+08:00';
    expect(range('week', wednesday, 'Asia/Shanghai')).toEqual(span('2026-10-05T00:00:00+08:00', '2026-10-12T00:00:00+08:00'));
    expect(range('week', wednesday, 'Asia/Shanghai', 1)).toEqual(span('2026-10-05T00:00:00+08:00', '2026-10-12T00:00:00+08:00'));
    expect(range('week', wednesday, 'Asia/Shanghai', 0)).toEqual(span('2026-10-04T00:00:00+08:00', '2026-10-11T00:00:00+08:00'));
    expect(range('week', wednesday, 'Asia/Shanghai', 6)).toEqual(span('2026-10-03T00:00:00+08:00', '2026-10-10T00:00:00+08:00'));
    expect(range('week', sunday, 'Asia/Shanghai', 1)).toEqual(span('2026-10-05T00:00:00+08:00', '2026-10-12T00:00:00+08:00'));
    expect(range('week', sunday, 'Asia/Shanghai', 0)).toEqual(span('2026-10-11T00:00:00+08:00', '2026-10-18T00:00:00+08:00'));
  });

  it('gives a 167-hour week across the spring-forward change', () => {
    expect(range('week', '2026-03-08T12:00:00-04:00', 'America/New_York', 0)).toEqual(span('2026-03-08T00:00:00-05:00', '2026-03-15T00:00:00-04:00'));
    expect(range('week', '2026-03-08T12:00:00-04:00', 'America/New_York', 1)).toEqual(span('2026-03-02T00:00:00-05:00', '2026-03-09T00:00:00-04:00'));
  });

  it('gives months, including February of a leap year and a month with a DST change', () => {
    expect(range('month', '2028-02-15T10:00:00+08:00', 'Asia/Shanghai')).toEqual(span('2028-02-01T00:00:00+08:00', '2028-03-01T00:00:00+08:00'));
    expect(range('month', '2026-03-20T10:00:00-04:00', 'America/New_York')).toEqual(span('2026-03-01T00:00:00-05:00', '2026-04-01T00:00:00-04:00'));
    expect(range('month', '2026-12-31T23:59:59.999+05:30', 'Asia/Kolkata')).toEqual(span('2026-12-01T00:00:00+05:30', '2027-01-01T00:00:00+05:30'));
  });

  it('gives quarters starting in January, April, July and October', () => {
    expect(range('quarter', '2026-02-10T00:00:00+08:00', 'Asia/Shanghai')).toEqual(span('2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'));
    expect(range('quarter', '2026-03-31T23:59:59.999+08:00', 'Asia/Shanghai')).toEqual(span('2026-01-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00'));
    expect(range('quarter', '2026-04-01T00:00:00+08:00', 'Asia/Shanghai')).toEqual(span('2026-04-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00'));
    expect(range('quarter', '2026-08-31T12:00:00+08:00', 'Asia/Shanghai')).toEqual(span('2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'));
    expect(range('quarter', '2026-11-15T12:00:00+01:00', 'Europe/Berlin')).toEqual(span('2026-10-01T00:00:00+02:00', '2027-01-01T00:00:00+01:00'));
  });

  it('gives the local year, which starts before the UTC year east of Greenwich', () => {
    expect(range('year', '2026-06-01T00:00:00Z', 'Asia/Kolkata')).toEqual(span('2026-01-01T00:00:00+05:30', '2027-01-01T00:00:00+05:30'));
    // 2026-12-31T20:00Z is already 2027 in Shanghai.
    expect(range('year', '2026-12-31T20:00:00Z', 'Asia/Shanghai')).toEqual(span('2027-01-01T00:00:00+08:00', '2028-01-01T00:00:00+08:00'));
  });

  it('reads Date, ISO string and epoch ms instants alike', () => {
    const expected = periodRange('day', '2026-10-01T09:30:00+08:00', 'Asia/Shanghai');
    expect(periodRange('day', new Date('2026-10-01T09:30:00+08:00'), 'Asia/Shanghai')).toEqual(expected);
    expect(periodRange('day', at('2026-10-01T09:30:00+08:00'), 'Asia/Shanghai')).toEqual(expected);
  });

  it.each([
    ['an unknown period', () => periodRange('fortnight' as Period, '2026-11-02T10:00Z', 'UTC'), /period must be one of/],
    ['an unknown zone', () => periodRange('day', '2026-11-02T10:00Z', 'Mars/Olympus'), /time zone/],
    ['weekStartsOn 7', () => periodRange('week', '2026-11-02T10:00Z', 'UTC', 7 as WeekStartsOn), /weekStartsOn/],
    ['an invalid instant', () => periodRange('day', 'yesterday', 'UTC'), /now must be an instant.*got the string "yesterday" \(not ISO-8601\)/],
  ])('throws invalid_input for %s', (_, action, message) => {
    let error: unknown;
    try {
      action();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AssignmentError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  });
});

describe('periodBounds', () => {
  it('gives the same range as periodRange, in epoch ms', () => {
    const { start, end } = periodRange('week', '2026-11-01T12:00:00-05:00', 'America/New_York', 0);
    expect(periodBounds('week', at('2026-11-01T12:00:00-05:00'), 'America/New_York', 0)).toEqual({ start: start.getTime(), end: end.getTime() });
  });
});

// ---- Properties ----

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'America/Santiago',
  'America/Asuncion',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Asia/Beirut',
] as const;

const cases = fc.record({
  period: fc.constantFrom(...PERIODS),
  zone: fc.constantFrom(...ZONES),
  now: fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2035, 11, 31) }),
  weekStartsOn: fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<WeekStartsOn>,
});

/** The local calendar date (YYYY-MM-DD) and time (HH:mm) of an instant, through Intl. */
function intlLocal(epochMs: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(epochMs);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour').replace('24', '00')}:${get('minute')}` };
}

describe('period properties', () => {
  it('contains now (property: start ≤ now < end)', () => {
    fc.assert(
      fc.property(cases, ({ period, zone, now, weekStartsOn }) => {
        const { start, end } = periodBounds(period, now, zone, weekStartsOn);
        expect(start).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(end);
      }),
      { numRuns: 3000 },
    );
  });

  it('tiles time (property: the end of one period is the start of the next, and the start the end of the previous)', () => {
    fc.assert(
      fc.property(cases, ({ period, zone, now, weekStartsOn }) => {
        const { start, end } = periodBounds(period, now, zone, weekStartsOn);
        expect(periodBounds(period, end, zone, weekStartsOn).start).toBe(end);
        expect(periodBounds(period, start - 1, zone, weekStartsOn).end).toBe(start);
      }),
      { numRuns: 3000 },
    );
  });

  it('starts at the first instant of a local date (property: a new date begins at start, not a millisecond earlier)', () => {
    fc.assert(
      fc.property(cases, ({ period, zone, now, weekStartsOn }) => {
        const { start } = periodBounds(period, now, zone, weekStartsOn);
        expect(intlLocal(start - 60_000, zone).date).not.toBe(intlLocal(start, zone).date);
        if (period === 'day') expect(intlLocal(start, zone).date).toBe(intlLocal(now, zone).date);
        if (period === 'month' || period === 'quarter' || period === 'year') expect(intlLocal(start, zone).date.slice(8)).toBe('01');
        if (period === 'quarter') expect(['01', '04', '07', '10']).toContain(intlLocal(start, zone).date.slice(5, 7));
        if (period === 'year') expect(intlLocal(start, zone).date.slice(5)).toBe('01-01');
        if (period === 'week') expect(new Date(`${intlLocal(start, zone).date}T00:00:00Z`).getUTCDay()).toBe(weekStartsOn);
      }),
      { numRuns: 2000 },
    );
  });
});
