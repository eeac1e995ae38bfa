import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/core/ruleset/types.js';
import { compileSchedule } from '../../src/core/time/compileSchedule.js';
import { nextScheduleOpening } from '../../src/core/time/nextScheduleOpening.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = Date.parse;
const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

function nextOpening(schedule: Schedule, timeZone: string, after: string, horizonMs = 30 * DAY): string | null {
  const opening = compileSchedule(schedule, timeZone).nextOpening(at(after), horizonMs);
  return opening === null ? null : new Date(opening).toISOString();
}

const iso = (instant: string) => new Date(at(instant)).toISOString();

describe('nextOpening', () => {
  it('gives Monday 08:00 after Friday 19:00', () => {
    expect(nextOpening({}, SHANGHAI, '2026-10-16T19:00:00+08:00')).toBe(iso('2026-10-19T08:00:00+08:00'));
  });

  it('gives the instant itself when the schedule is open then', () => {
    expect(nextOpening({}, SHANGHAI, '2026-10-19T08:00:00+08:00')).toBe(iso('2026-10-19T08:00:00+08:00'));
    expect(nextOpening({}, SHANGHAI, '2026-10-19T17:59:59.999+08:00')).toBe(iso('2026-10-19T17:59:59.999+08:00'));
  });

  it('gives the next window the same day after a lunch break', () => {
    const schedule: Schedule = {
      hours: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '18:00' },
      ],
    };
    expect(nextOpening(schedule, SHANGHAI, '2026-10-19T12:00:00+08:00')).toBe(iso('2026-10-19T13:00:00+08:00'));
  });

  it('gives the first working day after a holiday', () => {
    const office: Schedule = { hours: [{ from: '09:00', to: '18:00' }], exceptDates: [{ from: '2026-10-01', to: '2026-10-07' }] };
    expect(nextOpening(office, SHANGHAI, '2026-10-02T10:00:00+08:00')).toBe(iso('2026-10-08T09:00:00+08:00'));
  });

  it('gives Monday 08:00 local across the spring-forward weekend (New York)', () => {
    expect(nextOpening({}, NEW_YORK, '2026-03-06T19:00:00-05:00')).toBe(iso('2026-03-09T08:00:00-04:00'));
  });

  it('gives Monday 08:00 local across the fall-back weekend (Berlin)', () => {
    expect(nextOpening({}, 'Europe/Berlin', '2026-10-23T19:00:00+02:00')).toBe(iso('2026-10-26T08:00:00+01:00'));
  });

  it('opens a window starting inside the spring-forward gap when the clocks pass its start', () => {
    const sunday: Schedule = { weekdays: [7], hours: [{ from: '02:30', to: '04:00' }] };
    expect(nextOpening(sunday, NEW_YORK, '2026-03-07T12:00:00-05:00')).toBe(iso('2026-03-08T03:00:00-04:00'));
    expect(nextOpening(sunday, 'Europe/Berlin', '2026-03-28T12:00:00+01:00')).toBe(iso('2026-03-29T03:00:00+02:00'));
  });

  it('skips a window lying wholly inside the gap to the next week', () => {
    const sunday: Schedule = { weekdays: [7], hours: [{ from: '02:00', to: '02:30' }] };
    expect(nextOpening(sunday, NEW_YORK, '2026-03-07T12:00:00-05:00')).toBe(iso('2026-03-15T02:00:00-04:00'));
  });

  it('reopens a window inside the repeated hour at its second start', () => {
    const schedule: Schedule = { dates: [{ from: '2026-11-01', to: '2026-11-01' }], hours: [{ from: '01:15', to: '01:45' }] };
    expect(nextOpening(schedule, NEW_YORK, '2026-11-01T01:45:00-04:00')).toBe(iso('2026-11-01T01:15:00-05:00'));
  });

  it('reopens at the instant the clocks are set back into a window', () => {
    const schedule: Schedule = { dates: [{ from: '2026-11-01', to: '2026-11-01' }], hours: [{ from: '00:30', to: '01:30' }] };
    // Closed at 01:30 EDT; at 02:00 EDT the clocks show 01:00 EST, inside the window again.
    expect(nextOpening(schedule, NEW_YORK, '2026-11-01T01:30:00-04:00')).toBe(iso('2026-11-01T01:00:00-05:00'));
  });

  it('opens a midnight window at 01:00 where midnight does not exist (Santiago)', () => {
    const schedule: Schedule = { weekdays: [7], hours: [{ from: '00:00', to: '02:00' }] };
    expect(nextOpening(schedule, 'America/Santiago', '2026-09-05T12:00:00-04:00')).toBe(iso('2026-09-06T01:00:00-03:00'));
  });

  it('opens Lord Howe’s 02:15 window at 02:30, after its 30-minute jump', () => {
    const sunday: Schedule = { weekdays: [7], hours: [{ from: '02:15', to: '03:00' }] };
    expect(nextOpening(sunday, 'Australia/Lord_Howe', '2026-10-03T12:00:00+10:30')).toBe(iso('2026-10-04T02:30:00+11:00'));
  });

  it('gives the start of a Friday night window after Saturday morning closes', () => {
    const fridayNight: Schedule = { weekdays: [5], hours: [{ from: '22:00', to: '06:00' }] };
    expect(nextOpening(fridayNight, SHANGHAI, '2026-10-17T03:00:00+08:00')).toBe(iso('2026-10-17T03:00:00+08:00'));
    expect(nextOpening(fridayNight, SHANGHAI, '2026-10-17T06:00:00+08:00')).toBe(iso('2026-10-23T22:00:00+08:00'));
  });

  it('respects the horizon: an opening exactly at it counts, one a millisecond later does not', () => {
    const friday19 = '2026-10-16T19:00:00+08:00';
    const untilMonday8 = at('2026-10-19T08:00:00+08:00') - at(friday19);
    expect(nextOpening({}, SHANGHAI, friday19, untilMonday8)).toBe(iso('2026-10-19T08:00:00+08:00'));
    expect(nextOpening({}, SHANGHAI, friday19, untilMonday8 - 1)).toBeNull();
  });

  it('gives null when the schedule never opens again', () => {
    expect(nextOpening({ dates: [{ from: '2026-01-01', to: '2026-06-30' }] }, SHANGHAI, '2026-10-01T00:00:00+08:00', 400 * DAY)).toBeNull();
    expect(nextOpening({ weekdays: [] }, SHANGHAI, '2026-10-01T00:00:00+08:00', 400 * DAY)).toBeNull();
    expect(nextOpening({ hours: [{ from: '09:00', to: '09:00' }] }, SHANGHAI, '2026-10-01T00:00:00+08:00', 400 * DAY)).toBeNull();
  });

  it('ends even with an unbounded horizon', () => {
    expect(nextOpening({ weekdays: [] }, SHANGHAI, '2026-10-01T00:00:00+08:00', Number.POSITIVE_INFINITY)).toBeNull();
    expect(nextOpening({ dates: [{ from: '2026-01-01', to: '2026-06-30' }] }, 'UTC', '2026-10-01T00:00:00Z', Number.POSITIVE_INFINITY)).toBeNull();
    expect(nextOpening({ dates: [{ from: '2026-09-30', to: '2026-09-30' }], hours: [{ from: '22:00', to: '06:00' }] }, 'UTC', '2026-10-01T07:00:00Z', Number.POSITIVE_INFINITY)).toBeNull();
    expect(nextOpening({}, SHANGHAI, '2026-10-16T19:00:00+08:00', Number.POSITIVE_INFINITY)).toBe(iso('2026-10-19T08:00:00+08:00'));
  });

  it('jumps to the first listed date far ahead', () => {
    const fair: Schedule = { dates: [{ from: '2027-05-01', to: '2027-05-03' }], hours: [{ from: '10:00', to: '16:00' }] };
    expect(nextOpening(fair, SHANGHAI, '2026-10-01T00:00:00+08:00', 366 * DAY)).toBe(iso('2027-05-01T10:00:00+08:00'));
  });
});

describe('nextScheduleOpening', () => {
  it('returns a Date, reading any instant form', () => {
    const expected = new Date('2026-10-19T08:00:00+08:00');
    expect(nextScheduleOpening({}, '2026-10-16T19:00:00+08:00', SHANGHAI)).toEqual(expected);
    expect(nextScheduleOpening({}, new Date('2026-10-16T19:00:00+08:00'), SHANGHAI)).toEqual(expected);
    expect(nextScheduleOpening({}, at('2026-10-16T19:00:00+08:00'), SHANGHAI)).toEqual(expected);
  });

  it('looks 366 days ahead and no further', () => {
    const after = '2026-10-01T12:00:00+08:00';
    const in366Days: Schedule = { dates: [{ from: '2027-10-02', to: '2027-10-02' }], hours: [{ from: '12:00', to: '13:00' }] };
    const in367Days: Schedule = { dates: [{ from: '2027-10-03', to: '2027-10-03' }], hours: [{ from: '12:00', to: '13:00' }] };
    expect(nextScheduleOpening(in366Days, after, SHANGHAI)).toEqual(new Date('2027-10-02T12:00:00+08:00'));
    expect(nextScheduleOpening(in367Days, after, SHANGHAI)).toBeNull();
  });

  it('throws invalid_input for an invalid instant', () => {
    expect(() => nextScheduleOpening({}, 'soon', SHANGHAI)).toThrow(/after must be an instant.*got the string "soon"/);
  });
});

// ---- Properties, against an independent reading of the schedule through Intl ----

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Shanghai', 'Asia/Kolkata', 'America/Santiago', 'Pacific/Chatham', 'UTC'] as const;

/** Offset changes in 2026, so that generated instants crowd around them. */
const CHANGES: Record<string, string[]> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  'America/Santiago': ['2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z'],
  'Pacific/Chatham': ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z'],
};

const pad = (n: number) => String(n).padStart(2, '0');
const clockText = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const dateText = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const FIRST_DAY = Date.UTC(2025, 11, 1) / DAY;

// Starts crowd into the small hours, where the clocks change.
const start = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 }));
const end = fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 240 }));
const dateRangeFrom = (days: fc.Arbitrary<number>) =>
  fc.tuple(days, fc.integer({ min: 0, max: 20 })).map(([first, length]) => ({ from: dateText(first), to: dateText(first + length) }));

/** Schedules for a zone; their dates often sit on the zone's offset changes, where openings are subtle. */
function schedulesFor(zone: string): fc.Arbitrary<Schedule> {
  const changeDays = (CHANGES[zone] ?? []).map((change) => Math.floor(at(change) / DAY));
  const anyDay = fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 420 });
  const days =
    changeDays.length === 0
      ? anyDay
      : fc.oneof(anyDay, fc.tuple(fc.constantFrom(...changeDays), fc.integer({ min: -2, max: 1 })).map(([day, shift]) => day + shift));
  const shortRange = fc.tuple(days, fc.integer({ min: 0, max: 2 })).map(([first, length]) => ({ from: dateText(first), to: dateText(first + length) }));
  return fc.record(
    {
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) as fc.Arbitrary<Schedule['weekdays'] & object>,
      hours: fc.array(
        fc.tuple(start, end).map(([from, to]) => ({ from: clockText(from), to: clockText(to) })),
        { minLength: 1, maxLength: 3 },
      ),
      dates: fc.array(fc.oneof(dateRangeFrom(days), shortRange), { minLength: 1, maxLength: 3 }),
      exceptDates: fc.array(dateRangeFrom(days), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
}

const scenarios = fc.constantFrom(...ZONES).chain((zone) => {
  const changes = (CHANGES[zone] ?? []).map(at);
  const anywhere = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) });
  const nearChange =
    changes.length === 0 ? anywhere : fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * DAY, max: 3 * DAY })).map(([change, shift]) => change + shift);
  return fc.tuple(fc.constant(zone), schedulesFor(zone), fc.oneof(anywhere, nearChange));
});

/** Local date, ISO weekday and ms of day through Intl, independent of the code under test. */
function intlLocal(epochMs: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const midnight = Date.UTC(get('year'), get('month') - 1, get('day'));
  const ms = (((get('hour') % 24) * 60 + get('minute')) * 60 + get('second')) * 1000 + (((epochMs % 1000) + 1000) % 1000);
  return { midnight, ms };
}

/** The SPEC §3 reading of a schedule, written plainly with strings and Intl. */
function referenceIsOpen(schedule: Schedule, epochMs: number, timeZone: string): boolean {
  const { midnight, ms } = intlLocal(epochMs, schedule.timeZone ?? timeZone);
  const owns = (dayMidnight: number) => {
    const date = new Date(dayMidnight).toISOString().slice(0, 10);
    const isoWeekday = ((new Date(dayMidnight).getUTCDay() + 6) % 7) + 1;
    const weekdays = schedule.weekdays ?? (schedule.dates ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5]);
    const inside = (ranges: { from: string; to: string }[]) => ranges.some((r) => r.from <= date && date <= r.to);
    return weekdays.includes(isoWeekday as 1) && (!schedule.dates || inside(schedule.dates)) && !inside(schedule.exceptDates ?? []);
  };
  const toMs = (text: string) => (Number(text.slice(0, 2)) * 60 + Number(text.slice(3))) * 60_000;
  return (schedule.hours ?? [{ from: '08:00', to: '18:00' }]).some(({ from, to }) => {
    const [f, t] = [toMs(from), toMs(to)];
    if (f < t) return f <= ms && ms < t && owns(midnight);
    if (f > t) return (ms >= f && owns(midnight)) || (ms < t && owns(midnight - DAY));
    return false;
  });
}

describe('schedule properties', () => {
  it('isOpen agrees with a plain Intl reading of the schedule (property: same answer at every instant)', () => {
    fc.assert(
      fc.property(scenarios, ([zone, schedule, t]) => {
        expect(compileSchedule(schedule, zone).isOpen(t)).toBe(referenceIsOpen(schedule, t, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('nextOpening is open, and closed just before it and at sampled instants since the start (property: earliest opening)', () => {
    fc.assert(
      fc.property(scenarios, samples, ([zone, schedule, t], fractions) => {
        expectEarliestOpening(schedule, zone, t, 20 * DAY, fractions);
      }),
      { numRuns: 1500 },
    );
  });

  it('nextOpening finds windows in skipped and repeated hours on change days (property: earliest opening around offset changes)', () => {
    const changeScenarios = fc.constantFrom(...Object.keys(CHANGES)).chain((zone) =>
      fc.tuple(
        fc.constant(zone),
        fc.constantFrom(...CHANGES[zone]!.map(at)),
        fc.tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 240 })),
        fc.integer({ min: -2, max: 0 }),
        fc.integer({ min: -4 * HOUR, max: 4 * HOUR }),
      ),
    );
    fc.assert(
      fc.property(changeScenarios, samples, ([zone, change, [from, to], firstDay, shift], fractions) => {
        // Dates ending on the change day, so that no later day hides a missed opening.
        const changeDay = Math.floor((change + 12 * HOUR) / DAY);
        const schedule: Schedule = {
          dates: [{ from: dateText(changeDay + firstDay), to: dateText(changeDay) }],
          hours: [{ from: clockText(from), to: clockText(to) }],
        };
        expectEarliestOpening(schedule, zone, change + shift, 3 * DAY, fractions);
      }),
      { numRuns: 1500 },
    );
  });
});

const samples = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 });

/** The opening is open, inside the horizon, closed a millisecond before, and nothing since `t` was open. */
function expectEarliestOpening(schedule: Schedule, zone: string, t: number, horizon: number, fractions: number[]): void {
  const compiled = compileSchedule(schedule, zone);
  const opening = compiled.nextOpening(t, horizon);
  const closedUntil = opening ?? t + horizon + 1;
  if (opening !== null) {
    expect(opening).toBeGreaterThanOrEqual(t);
    expect(opening).toBeLessThanOrEqual(t + horizon);
    expect(compiled.isOpen(opening)).toBe(true);
    expect(referenceIsOpen(schedule, opening, zone)).toBe(true);
    if (opening > t) expect(referenceIsOpen(schedule, opening - 1, zone)).toBe(false);
  }
  const probes = fractions.map((fraction) => t + Math.floor(fraction * (closedUntil - t)));
  // Every 5 minutes around each offset change: repeated hours reopen windows there.
  for (const change of (CHANGES[zone] ?? []).map(at)) {
    for (let k = -48; k <= 48; k++) probes.push(change + k * 5 * 60_000);
  }
  for (const probe of probes) {
    if (probe >= t && probe < closedUntil) expect(referenceIsOpen(schedule, probe, zone)).toBe(false);
  }
}
