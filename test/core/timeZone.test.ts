import { formatInTimeZone, getTimezoneOffset } from 'date-fns-tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssignmentError } from '../../src/core/errors.js';
import { localParts } from '../../src/core/time/localParts.js';
import { wallTimeToEpoch } from '../../src/core/time/wallTimeToEpoch.js';
import { zoneOffsetMs } from '../../src/core/time/zoneOffsetMs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = Date.parse;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY;

/** Zones with DST, half- and quarter-hour offsets, midnight changes and a skipped day (Apia, 2011-12-30). */
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'America/Santiago',
  'America/Asuncion',
  'America/St_Johns',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Africa/Casablanca',
] as const;

const instants = fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2035, 11, 31) });
const zones = fc.constantFrom(...ZONES);

/** The offset date-fns-tz shows for an instant (its `toZonedTime` path reads the exact instant). */
function dateFnsTzOffset(timeZone: string, epochMs: number): number {
  return Date.parse(`${formatInTimeZone(epochMs, timeZone, "yyyy-MM-dd'T'HH:mm:ss.SSS")}Z`) - epochMs;
}

/** Local reading of an instant according to Intl, the independent oracle. */
function intlReading(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1,
    minuteOfDay: (Number(get('hour')) % 24) * 60 + Number(get('minute')),
  };
}

describe('zoneOffsetMs', () => {
  it('follows New York across the 2026 changes', () => {
    expect(zoneOffsetMs('America/New_York', at('2026-03-08T06:59:59.999Z'))).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
    expect(zoneOffsetMs('America/New_York', at('2026-11-01T05:59:59.999Z'))).toBe(-4 * HOUR);
    expect(zoneOffsetMs('America/New_York', at('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR);
  });

  it('follows Lord Howe Island’s 30-minute shift', () => {
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2026-10-03T15:29:59.999Z'))).toBe(10.5 * HOUR);
    expect(zoneOffsetMs('Australia/Lord_Howe', at('2026-10-03T15:30:00Z'))).toBe(11 * HOUR);
  });

  it('gives fixed offsets for zones without DST', () => {
    expect(zoneOffsetMs('Asia/Shanghai', at('2026-01-15T00:00:00Z'))).toBe(8 * HOUR);
    expect(zoneOffsetMs('Asia/Shanghai', at('2026-07-15T00:00:00Z'))).toBe(8 * HOUR);
    expect(zoneOffsetMs('Asia/Kolkata', at('2026-07-15T00:00:00Z'))).toBe(5.5 * HOUR);
    expect(zoneOffsetMs('UTC', at('2026-07-15T00:00:00Z'))).toBe(0);
  });

  it('throws invalid_input for an unknown zone', () => {
    expect(() => zoneOffsetMs('Mars/Olympus', 0)).toThrow(AssignmentError);
  });

  it('agrees with date-fns-tz at every instant (property: same offset as formatInTimeZone shows)', () => {
    fc.assert(
      fc.property(zones, instants, (zone, t) => {
        expect(zoneOffsetMs(zone, t)).toBe(dateFnsTzOffset(zone, t));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with date-fns-tz within a second of every offset change (property: exact transitions)', () => {
    fc.assert(
      fc.property(zones, instants, fc.integer({ min: -1000, max: 1000 }), (zone, t, delta) => {
        // Walk a week at a time to the next change within a year, if the zone has one.
        const before = dateFnsTzOffset(zone, t);
        let low = t;
        let high = t + 7 * DAY;
        while (dateFnsTzOffset(zone, high) === before) {
          if (high - t > 366 * DAY) return;
          low = high;
          high += 7 * DAY;
        }
        // Bisect to the second at which it changes, then compare right around it.
        while (high - low > 1000) {
          const middle = low + Math.floor((high - low) / 2000) * 1000;
          if (dateFnsTzOffset(zone, middle) === before) low = middle;
          else high = middle;
        }
        const probe = high + delta;
        expect(zoneOffsetMs(zone, probe)).toBe(dateFnsTzOffset(zone, probe));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with date-fns-tz getTimezoneOffset away from offset changes (property: same offset)', () => {
    // getTimezoneOffset(zone, date) reads `date` as a wall-clock time, so within
    // hours of a change it answers for another instant (marnusw/date-fns-tz#182):
    // compare only where no change is near.
    fc.assert(
      fc.property(zones, instants, (zone, t) => {
        fc.pre(getTimezoneOffset(zone, new Date(t - DAY)) === getTimezoneOffset(zone, new Date(t + DAY)));
        expect(zoneOffsetMs(zone, t)).toBe(getTimezoneOffset(zone, new Date(t)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('localParts', () => {
  it('reads the local date, ISO weekday and minute of an instant', () => {
    // 2026-10-01 09:30 in Shanghai, a Thursday.
    expect(localParts(at('2026-10-01T09:30:00.250+08:00'), 'Asia/Shanghai')).toEqual({
      dayNumber: dayNumber('2026-10-01'),
      year: 2026,
      month: 10,
      day: 1,
      weekday: 4,
      minuteOfDay: 9 * 60 + 30,
      msOfDay: 9 * HOUR + 30 * MINUTE + 250,
    });
  });

  it('reads Sunday as 7 and dates before 1970', () => {
    const parts = localParts(at('1969-12-28T23:59:00-05:00'), 'America/New_York');
    expect(parts).toMatchObject({ dayNumber: -4, year: 1969, month: 12, day: 28, weekday: 7, minuteOfDay: 1439 });
  });

  it('agrees with Intl.DateTimeFormat (property: same date, weekday and minute)', () => {
    fc.assert(
      fc.property(zones, instants, (zone, t) => {
        const parts = localParts(t, zone);
        expect({ year: parts.year, month: parts.month, day: parts.day, weekday: parts.weekday, minuteOfDay: parts.minuteOfDay }).toEqual(
          intlReading(t, zone),
        );
        expect(parts.dayNumber).toBe(Date.UTC(parts.year, parts.month - 1, parts.day) / DAY);
        expect(Math.floor(parts.msOfDay / MINUTE)).toBe(parts.minuteOfDay);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('wallTimeToEpoch', () => {
  it('gives the instant a wall time names on an ordinary day', () => {
    expect(wallTimeToEpoch(dayNumber('2026-10-01'), 9 * 60, 'Asia/Shanghai')).toBe(at('2026-10-01T09:00:00+08:00'));
    expect(wallTimeToEpoch(dayNumber('2026-07-01'), 9 * 60 + 15, 'Asia/Kathmandu')).toBe(at('2026-07-01T09:15:00+05:45'));
  });

  it('moves a wall time inside the spring-forward gap to the end of the gap', () => {
    // 02:30 does not exist in New York on 2026-03-08: the clocks jump from 02:00 EST to 03:00 EDT.
    expect(wallTimeToEpoch(dayNumber('2026-03-08'), 150, 'America/New_York')).toBe(at('2026-03-08T03:00:00-04:00'));
    // Lord Howe jumps from 02:00 to 02:30 on 2026-10-04.
    expect(wallTimeToEpoch(dayNumber('2026-10-04'), 2 * 60 + 10, 'Australia/Lord_Howe')).toBe(at('2026-10-04T02:30:00+11:00'));
  });

  it('takes the earlier instant of a wall time that occurs twice', () => {
    expect(wallTimeToEpoch(dayNumber('2026-11-01'), 90, 'America/New_York')).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(wallTimeToEpoch(dayNumber('2026-10-25'), 2 * 60 + 30, 'Europe/Berlin')).toBe(at('2026-10-25T02:30:00+02:00'));
  });

  it('gives 01:00 for the missing midnight of Santiago’s spring-forward day', () => {
    expect(wallTimeToEpoch(dayNumber('2026-09-06'), 0, 'America/Santiago')).toBe(at('2026-09-06T01:00:00-03:00'));
  });

  it('reads minute 1440 as the next midnight', () => {
    expect(wallTimeToEpoch(dayNumber('2026-10-01'), 1440, 'Asia/Shanghai')).toBe(at('2026-10-02T00:00:00+08:00'));
  });

  it('finds the earliest instant showing the same wall time (property: round trip through localParts)', () => {
    fc.assert(
      fc.property(zones, instants, (zone, t) => {
        const parts = localParts(t, zone);
        const back = wallTimeToEpoch(parts.dayNumber, parts.msOfDay / MINUTE, zone);
        const again = localParts(back, zone);
        expect([again.dayNumber, again.msOfDay]).toEqual([parts.dayNumber, parts.msOfDay]);
        expect(back).toBeLessThanOrEqual(t);
        // Only a repeated hour can make the earlier reading differ, and then by the shift.
        if (back !== t) expect(t - back).toBe(zoneOffsetMs(zone, back) - zoneOffsetMs(zone, t));
      }),
      { numRuns: 1000 },
    );
  });

  it('resolves a missing wall time to the instant the clocks jump past it (property: gap → transition)', () => {
    fc.assert(
      fc.property(zones, fc.integer({ min: dayNumber('2005-01-01'), max: dayNumber('2035-12-31') }), fc.integer({ min: 0, max: 1439 }), (zone, day, minute) => {
        const t = wallTimeToEpoch(day, minute, zone);
        const parts = localParts(t, zone);
        const wanted = day * DAY + minute * MINUTE;
        const shown = parts.dayNumber * DAY + parts.msOfDay;
        if (shown === wanted) return;
        // Not shown: the clocks were set forward over it at exactly t.
        expect(shown).toBeGreaterThan(wanted);
        expect(zoneOffsetMs(zone, t)).toBeGreaterThan(zoneOffsetMs(zone, t - 1));
        expect(t - 1 + zoneOffsetMs(zone, t - 1)).toBeLessThan(wanted);
      }),
      { numRuns: 2000 },
    );
  });
});
