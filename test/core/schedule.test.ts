import { describe, expect, it } from 'vitest';
import { AssignmentError } from '../../src/core/errors.js';
import type { Schedule } from '../../src/core/ruleset/types.js';
import { compileSchedule } from '../../src/core/time/compileSchedule.js';
import { compiledScheduleOf } from '../../src/core/time/compiledScheduleOf.js';
import { isScheduleOpen } from '../../src/core/time/isScheduleOpen.js';

const at = Date.parse;
const SHANGHAI = 'Asia/Shanghai';

/** Open at each instant? (ISO strings with offsets, so the expectation is written in local time.) */
function openAt(schedule: Schedule, timeZone: string, instants: string[]): boolean[] {
  const compiled = compileSchedule(schedule, timeZone);
  return instants.map((instant) => compiled.isOpen(at(instant)));
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

// October 2026 in Shanghai: Thu 1 … Sun 4, Mon 5 … Fri 9, Sat 10, Sun 11, Mon 12.
describe('schedule defaults', () => {
  it('opens Monday–Friday 08:00–18:00 when weekdays and hours are omitted', () => {
    expect(
      openAt({}, SHANGHAI, [
        '2026-10-12T07:59:59.999+08:00', // Monday, before
        '2026-10-12T08:00:00+08:00', // Monday, from is inclusive
        '2026-10-12T17:59:59.999+08:00',
        '2026-10-12T18:00:00+08:00', // to is exclusive
        '2026-10-16T12:00:00+08:00', // Friday
        '2026-10-17T12:00:00+08:00', // Saturday
        '2026-10-18T12:00:00+08:00', // Sunday
      ]),
    ).toEqual([false, true, true, false, true, false, false]);
  });

  it('opens 08:00–18:00 on the given weekdays when hours are omitted', () => {
    expect(openAt({ weekdays: [6, 7] }, SHANGHAI, ['2026-10-17T08:00:00+08:00', '2026-10-18T17:59:00+08:00', '2026-10-18T18:00:00+08:00', '2026-10-16T12:00:00+08:00'])).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('opens on all seven days of the given dates when weekdays are omitted', () => {
    const fair = { dates: [{ from: '2026-10-16', to: '2026-10-18' }] };
    expect(
      openAt(fair, SHANGHAI, [
        '2026-10-15T12:00:00+08:00', // Thursday, before the dates
        '2026-10-16T12:00:00+08:00', // Friday
        '2026-10-17T12:00:00+08:00', // Saturday
        '2026-10-18T17:59:00+08:00', // Sunday, the last date is inclusive
        '2026-10-19T12:00:00+08:00', // Monday, after
        '2026-10-17T07:00:00+08:00', // Saturday, before the default 08:00
      ]),
    ).toEqual([false, true, true, true, false, false]);
  });

  it('opens only on given weekdays that fall inside given dates', () => {
    const schedule: Schedule = { weekdays: [6], dates: [{ from: '2026-10-01', to: '2026-10-31' }] };
    expect(openAt(schedule, SHANGHAI, ['2026-10-10T10:00:00+08:00', '2026-10-09T10:00:00+08:00', '2026-11-07T10:00:00+08:00'])).toEqual([true, false, false]);
  });

  it('takes present lists literally: empty weekdays, hours or dates never open', () => {
    const monday10 = '2026-10-12T10:00:00+08:00';
    expect(openAt({ weekdays: [] }, SHANGHAI, [monday10])).toEqual([false]);
    expect(openAt({ hours: [] }, SHANGHAI, [monday10])).toEqual([false]);
    expect(openAt({ dates: [] }, SHANGHAI, [monday10])).toEqual([false]);
    expect(openAt({ exceptDates: [] }, SHANGHAI, [monday10])).toEqual([true]);
  });
});

describe('schedule hours', () => {
  it('opens in each of several windows (a lunch break)', () => {
    const schedule: Schedule = {
      hours: [
        { from: '13:00', to: '18:00' },
        { from: '09:00', to: '12:00' },
      ],
    };
    expect(openAt(schedule, SHANGHAI, ['2026-10-12T09:00:00+08:00', '2026-10-12T12:00:00+08:00', '2026-10-12T12:59:59+08:00', '2026-10-12T13:00:00+08:00'])).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('accepts "24:00" as the end of the day', () => {
    const evening: Schedule = { weekdays: [5], hours: [{ from: '18:00', to: '24:00' }] };
    expect(openAt(evening, SHANGHAI, ['2026-10-16T23:59:59.999+08:00', '2026-10-17T00:00:00+08:00'])).toEqual([true, false]);
  });

  it('treats from == to as an empty window', () => {
    expect(openAt({ weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '09:00' }] }, SHANGHAI, ['2026-10-12T09:00:00+08:00', '2026-10-12T21:00:00+08:00'])).toEqual([
      false,
      false,
    ]);
  });

  it('uses the schedule’s own zone over the default', () => {
    const newYorkOffice: Schedule = { hours: [{ from: '09:00', to: '17:00' }], timeZone: 'America/New_York' };
    // Monday 09:00 in New York is Monday 21:00 in Shanghai.
    expect(openAt(newYorkOffice, SHANGHAI, ['2026-10-12T09:00:00-04:00', '2026-10-12T09:00:00+08:00'])).toEqual([true, false]);
  });
});

describe('windows spanning midnight', () => {
  const fridayNight: Schedule = { weekdays: [5], hours: [{ from: '22:00', to: '06:00' }] };

  it('opens from Friday 22:00 to Saturday 06:00 when the window starts on Friday', () => {
    expect(
      openAt(fridayNight, SHANGHAI, [
        '2026-10-16T21:59:59.999+08:00', // Friday, before
        '2026-10-16T22:00:00+08:00', // Friday 22:00
        '2026-10-17T03:00:00+08:00', // Saturday 03:00 belongs to Friday
        '2026-10-17T05:59:59.999+08:00',
        '2026-10-17T06:00:00+08:00', // to is exclusive
        '2026-10-16T03:00:00+08:00', // Friday 03:00 belongs to Thursday, not listed
        '2026-10-17T22:00:00+08:00', // Saturday 22:00: Saturday is not listed
      ]),
    ).toEqual([false, true, true, true, false, false, false]);
  });

  it('closes the whole night when the Friday is an excepted date', () => {
    const schedule: Schedule = { ...fridayNight, exceptDates: [{ from: '2026-10-16', to: '2026-10-16' }] };
    expect(openAt(schedule, SHANGHAI, ['2026-10-16T23:00:00+08:00', '2026-10-17T03:00:00+08:00', '2026-10-24T03:00:00+08:00'])).toEqual([false, false, true]);
  });

  it('keeps the night open when only the Saturday is an excepted date', () => {
    const schedule: Schedule = { ...fridayNight, exceptDates: [{ from: '2026-10-17', to: '2026-10-17' }] };
    expect(openAt(schedule, SHANGHAI, ['2026-10-17T03:00:00+08:00'])).toEqual([true]);
  });

  it('opens the morning after a listed date, not the morning of it', () => {
    const schedule: Schedule = { hours: [{ from: '22:00', to: '06:00' }], dates: [{ from: '2026-10-09', to: '2026-10-09' }] };
    expect(openAt(schedule, SHANGHAI, ['2026-10-09T03:00:00+08:00', '2026-10-09T23:00:00+08:00', '2026-10-10T03:00:00+08:00', '2026-10-10T23:00:00+08:00'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('holidays (exceptDates)', () => {
  // China's National Day Golden Week: 1–7 October 2026.
  const office: Schedule = { hours: [{ from: '09:00', to: '18:00' }], exceptDates: [{ from: '2026-10-01', to: '2026-10-07' }] };

  it('stays closed on working days inside the holiday', () => {
    expect(openAt(office, SHANGHAI, ['2026-09-30T10:00:00+08:00', '2026-10-01T10:00:00+08:00', '2026-10-05T10:00:00+08:00', '2026-10-07T17:00:00+08:00', '2026-10-08T09:00:00+08:00'])).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('merges overlapping and unsorted holiday ranges', () => {
    const schedule: Schedule = {
      exceptDates: [
        { from: '2026-10-05', to: '2026-10-07' },
        { from: '2026-10-01', to: '2026-10-05' },
      ],
    };
    expect(openAt(schedule, SHANGHAI, ['2026-10-02T10:00:00+08:00', '2026-10-06T10:00:00+08:00', '2026-10-08T10:00:00+08:00'])).toEqual([false, false, true]);
  });
});

describe('schedules across DST changes', () => {
  // Each pair: a weekday before the change and one after, with the local offsets in force.
  it.each([
    ['America/New_York', '2026-03-06', '-05:00', '2026-03-09', '-04:00'],
    ['America/New_York', '2026-10-30', '-04:00', '2026-11-02', '-05:00'],
    ['Europe/Berlin', '2026-03-27', '+01:00', '2026-03-30', '+02:00'],
    ['Europe/Berlin', '2026-10-23', '+02:00', '2026-10-26', '+01:00'],
    ['Australia/Lord_Howe', '2026-10-02', '+10:30', '2026-10-05', '+11:00'],
    ['Australia/Lord_Howe', '2026-04-03', '+11:00', '2026-04-06', '+10:30'],
    ['America/Santiago', '2026-09-04', '-04:00', '2026-09-07', '-03:00'],
    ['America/Santiago', '2026-04-03', '-03:00', '2026-04-06', '-04:00'],
    ['Asia/Shanghai', '2026-03-06', '+08:00', '2026-03-09', '+08:00'],
    ['Asia/Kolkata', '2026-03-06', '+05:30', '2026-03-09', '+05:30'],
  ])('keeps 08:00–18:00 local in %s on %s (%s) and %s (%s)', (zone, dayBefore, offsetBefore, dayAfter, offsetAfter) => {
    const instants = [dayBefore, dayAfter].flatMap((day, index) => {
      const offset = index === 0 ? offsetBefore : offsetAfter;
      return [`${day}T07:59:59.999${offset}`, `${day}T08:00:00${offset}`, `${day}T17:59:59.999${offset}`, `${day}T18:00:00${offset}`];
    });
    expect(openAt({}, zone, instants)).toEqual([false, true, true, false, false, true, true, false]);
  });

  it('lasts 7 hours on the spring-forward night and 9 on the fall-back night (22:00–06:00 every day)', () => {
    const nights: Schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }] };
    const compiled = compileSchedule(nights, 'America/New_York');
    // Spring: Sat 2026-03-07 22:00 EST = 03:00Z → Sun 06:00 EDT = 10:00Z.
    expect(compiled.isOpen(at('2026-03-08T02:59:59.999Z'))).toBe(false);
    expect(compiled.isOpen(at('2026-03-08T03:00:00Z'))).toBe(true);
    expect(compiled.isOpen(at('2026-03-08T09:59:59.999Z'))).toBe(true);
    expect(compiled.isOpen(at('2026-03-08T10:00:00Z'))).toBe(false);
    // Fall: Sat 2026-10-31 22:00 EDT = 02:00Z → Sun 06:00 EST = 11:00Z, through both 01:30s.
    expect(compiled.isOpen(at('2026-11-01T01:59:59.999Z'))).toBe(false);
    expect(compiled.isOpen(at('2026-11-01T02:00:00Z'))).toBe(true);
    expect(compiled.isOpen(at('2026-11-01T01:30:00-04:00'))).toBe(true);
    expect(compiled.isOpen(at('2026-11-01T01:30:00-05:00'))).toBe(true);
    expect(compiled.isOpen(at('2026-11-01T10:59:59.999Z'))).toBe(true);
    expect(compiled.isOpen(at('2026-11-01T11:00:00Z'))).toBe(false);
  });

  it('opens a window starting inside the spring-forward gap when the clocks jump past its start', () => {
    const sunday: Schedule = { weekdays: [7], hours: [{ from: '02:30', to: '04:00' }] };
    expect(
      openAt(sunday, 'America/New_York', [
        '2026-03-08T01:59:59.999-05:00', // the last instant before the jump
        '2026-03-08T03:00:00-04:00', // the clocks show 03:00: past 02:30
        '2026-03-08T03:59:59.999-04:00',
        '2026-03-08T04:00:00-04:00',
      ]),
    ).toEqual([false, true, true, false]);
  });

  it('never opens a window that lies wholly inside the gap that day', () => {
    const gap: Schedule = { weekdays: [7], hours: [{ from: '02:00', to: '02:30' }] };
    const compiled = compileSchedule(gap, 'America/New_York');
    for (let t = at('2026-03-08T06:00:00Z'); t < at('2026-03-08T09:00:00Z'); t += 60_000) expect(compiled.isOpen(t)).toBe(false);
    expect(compiled.isOpen(at('2026-03-15T02:00:00-04:00'))).toBe(true);
  });

  it('opens Lord Howe’s 02:15 window at 02:30, when its 30-minute jump ends', () => {
    const sunday: Schedule = { weekdays: [7], hours: [{ from: '02:15', to: '03:00' }] };
    expect(openAt(sunday, 'Australia/Lord_Howe', ['2026-10-04T01:59:59.999+10:30', '2026-10-04T02:30:00+11:00', '2026-10-04T02:59:59.999+11:00'])).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('opens a window inside the repeated hour twice', () => {
    const schedule: Schedule = { weekdays: [7], hours: [{ from: '01:15', to: '01:45' }] };
    expect(
      openAt(schedule, 'America/New_York', [
        '2026-11-01T01:15:00-04:00',
        '2026-11-01T01:45:00-04:00',
        '2026-11-01T01:00:00-05:00', // clocks set back to 01:00
        '2026-11-01T01:15:00-05:00',
        '2026-11-01T01:45:00-05:00',
      ]),
    ).toEqual([true, false, false, true, false]);
  });

  it('opens a window starting at 00:00 at 01:00 where midnight does not exist (Santiago)', () => {
    const schedule: Schedule = { dates: [{ from: '2026-09-06', to: '2026-09-06' }], hours: [{ from: '00:00', to: '02:00' }] };
    expect(openAt(schedule, 'America/Santiago', ['2026-09-05T23:59:59.999-04:00', '2026-09-06T01:00:00-03:00', '2026-09-06T01:59:59.999-03:00', '2026-09-06T02:00:00-03:00'])).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('isScheduleOpen', () => {
  it('reads Date, ISO string and epoch ms instants alike', () => {
    const office: Schedule = { hours: [{ from: '09:00', to: '18:00' }] };
    const monday9 = '2026-10-12T09:00:00+08:00';
    expect(isScheduleOpen(office, monday9, SHANGHAI)).toBe(true);
    expect(isScheduleOpen(office, new Date(monday9), SHANGHAI)).toBe(true);
    expect(isScheduleOpen(office, at(monday9), SHANGHAI)).toBe(true);
    expect(isScheduleOpen(office, '2026-10-12T18:00:00+08:00', SHANGHAI)).toBe(false);
  });

  it('compiles each schedule object once per zone', () => {
    const office: Schedule = {};
    expect(compiledScheduleOf(office, SHANGHAI)).toBe(compiledScheduleOf(office, SHANGHAI));
    expect(compiledScheduleOf(office, 'Europe/Berlin')).not.toBe(compiledScheduleOf(office, SHANGHAI));
  });

  it.each([
    ['an unknown zone', {}, 'Mars/Olympus', /time zone/],
    ['an unknown schedule zone', { timeZone: 'Asia/Beijing' }, SHANGHAI, /schedule\.timeZone/],
    ['a one-digit hour', { hours: [{ from: '9:00', to: '18:00' }] }, SHANGHAI, /hours\[0\]\.from/],
    ['24:00 as a start', { hours: [{ from: '24:00', to: '06:00' }] }, SHANGHAI, /hours\[0\]\.from/],
    ['a missing end', { hours: [{ from: '09:00' }] }, SHANGHAI, /hours\[0\]\.to/],
    ['an impossible date', { dates: [{ from: '2026-02-30', to: '2026-03-01' }] }, SHANGHAI, /dates\[0\]\.from/],
    ['a reversed date range', { exceptDates: [{ from: '2026-10-07', to: '2026-10-01' }] }, SHANGHAI, /exceptDates\[0\] ends/],
    ['weekday 0', { weekdays: [0] }, SHANGHAI, /weekdays\[0\]/],
    ['weekdays that are not a list', { weekdays: 1 }, SHANGHAI, /weekdays must be an array/],
    ['a schedule that is not an object', 'weekdays', SHANGHAI, /^schedule must be a schedule object/],
  ])('throws invalid_input for %s', (_, schedule, zone, message) => {
    const error = thrown(() => isScheduleOpen(schedule as unknown as Schedule, '2026-10-12T09:00:00+08:00', zone));
    expect(error).toBeInstanceOf(AssignmentError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  });

  it('throws invalid_input for an invalid instant', () => {
    expect(thrown(() => isScheduleOpen({}, 'not a date', SHANGHAI))).toMatchObject({ code: 'invalid_input' });
  });
});
