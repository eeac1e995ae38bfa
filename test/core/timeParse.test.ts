import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../../src/core/time/isValidTimeZone.js';
import { parseClock } from '../../src/core/time/parseClock.js';
import { parseDuration } from '../../src/core/time/parseDuration.js';
import { parseIsoDate } from '../../src/core/time/parseIsoDate.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('parseClock', () => {
  it('reads "HH:mm" as minutes since midnight', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('23:59')).toBe(1439);
  });

  it('reads "24:00" as 1440, the end of the day', () => {
    expect(parseClock('24:00')).toBe(1440);
  });

  it.each(['8:30', '08:3', '0830', '08:30:00', ' 08:30', '24:01', '25:00', '12:60', '-1:00', '', 'ab:cd', '０８:３０'])(
    'rejects %j',
    (text) => {
      expect(parseClock(text)).toBeNull();
    },
  );

  it('rejects values that are not strings', () => {
    expect(parseClock(830)).toBeNull();
    expect(parseClock(null)).toBeNull();
    expect(parseClock(undefined)).toBeNull();
  });
});

describe('parseIsoDate', () => {
  it('reads a date as days since 1970-01-01', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2026-10-01')).toBe(Date.UTC(2026, 9, 1) / DAY);
    expect(parseIsoDate('1969-12-31')).toBe(-1);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseIsoDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29) / DAY);
    expect(parseIsoDate('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / DAY);
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
  });

  it.each(['2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', '2026/01/01', '2026-01-01T00:00', ''])(
    'rejects %j',
    (text) => {
      expect(parseIsoDate(text)).toBeNull();
    },
  );

  it('rejects values that are not strings', () => {
    expect(parseIsoDate(20260101)).toBeNull();
    expect(parseIsoDate(new Date())).toBeNull();
  });

  it('agrees with Date.UTC on every real date (property: day number = UTC midnight / 1 day)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), (date) => {
        const text = date.toISOString().slice(0, 10);
        const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
        expect(parseIsoDate(text)).toBe(midnight / DAY);
      }),
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['PT24H', 24 * HOUR],
    ['P3D', 3 * DAY],
    ['P2W', 14 * DAY],
    ['PT30M', 30 * 60_000],
    ['PT45S', 45_000],
    ['P1DT12H', 36 * HOUR],
    ['P1W2D', 9 * DAY],
    ['PT1H30M15S', HOUR + 30 * 60_000 + 15_000],
    ['PT1.5H', 1.5 * HOUR],
    ['P0.5D', 12 * HOUR],
    ['PT0,5S', 500],
    ['PT1H0.25M', HOUR + 15_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('counts a day as exactly 24 hours', () => {
    expect(parseDuration('P1D')).toBe(parseDuration('PT24H'));
  });

  it.each([
    ['P1Y', 'years depend on the calendar'],
    ['P1M', 'months depend on the calendar'],
    ['P1Y2M3D', 'years and months'],
    ['P', 'nothing after P'],
    ['PT', 'nothing after PT'],
    ['P1DT', 'a time designator with no time'],
    ['P0D', 'zero'],
    ['PT0H0M0S', 'zero'],
    ['-P1D', 'negative'],
    ['P-1D', 'negative'],
    ['PT1.5H30M', 'a fraction on a unit that is not the smallest'],
    ['P1.5DT2H', 'a fraction on a unit that is not the smallest'],
    ['p1d', 'lower case'],
    ['P1H', 'hours without T'],
    ['PT1D', 'days after T'],
    ['P1D2W', 'units out of order'],
    ['PT.5H', 'a fraction without an integer part'],
    ['1D', 'no P'],
    ['', 'empty'],
    ['PT0.0001S', 'less than a millisecond'],
    ['P99999999999999999999D', 'beyond the safe integer range'],
  ])('rejects %s (%s)', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('rejects values that are not strings', () => {
    expect(parseDuration(86_400_000)).toBeNull();
    expect(parseDuration(null)).toBeNull();
  });

  it('round-trips generated durations (property: parse(format(parts)) = sum of parts)', () => {
    const part = fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({ weeks: part, days: part, hours: part, minutes: part, seconds: part }),
        fc.integer({ min: 0, max: 9 }),
        ({ weeks, days, hours, minutes, seconds }, tenths) => {
          const units = [
            [weeks, 'W', 7 * DAY],
            [days, 'D', DAY],
            [hours, 'H', HOUR],
            [minutes, 'M', 60_000],
            [seconds, 'S', 1000],
          ] as const;
          const present = units.filter(([value]) => value !== undefined);
          // The last unit written may carry a fraction.
          let text = 'P';
          let expected = 0;
          units.forEach(([value, designator, ms], index) => {
            if (value === undefined) return;
            if (index >= 2 && !text.includes('T')) text += 'T';
            const isLast = present[present.length - 1]![1] === designator;
            const written = isLast && tenths > 0 ? `${value}.${tenths}` : `${value}`;
            text += `${written}${designator}`;
            expected += (isLast ? value + tenths / 10 : value) * ms;
          });
          const parsed = parseDuration(text);
          if (present.length === 0 || Math.round(expected) === 0) expect(parsed).toBeNull();
          else expect(parsed).toBe(Math.round(expected));
        },
      ),
    );
  });
});

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Calcutta', 'Etc/GMT+5'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['', 'Mars/Olympus', 'Asia/Beijing', 'CST+8', '+08:00', '-05:00', '8', 'America/New York', 'x'.repeat(100)])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(8 as unknown as string)).toBe(false);
  });
});
