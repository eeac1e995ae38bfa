import { describe, expect, it } from 'vitest';
import { AVAILABLE } from '../../src/core/availability/agentAvailability.js';
import { availabilityOf } from '../../src/core/availability/availabilityOf.js';
import { onLeaveThroughout } from '../../src/core/availability/onLeaveThroughout.js';
import { onShiftHours } from '../../src/core/availability/onShiftHours.js';
import type { AgentSnapshot } from '../../src/index.js';

const at = (text: string) => Date.parse(text);

describe('onShiftHours and onLeaveThroughout (the reports of validate and simulate)', () => {
  const night: AgentSnapshot = {
    id: 'n',
    schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/Berlin' },
  };

  it("counts a night shift 22:00–06:00 in the agent's zone, 9 hours across the autumn DST change", () => {
    const availability = availabilityOf(night, 'Asia/Shanghai');
    // Berlin: clocks go back from 03:00 to 02:00 on Sunday 25 October 2026.
    expect(onShiftHours(availability, at('2026-10-24T12:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(9);
    expect(onShiftHours(availability, at('2026-10-20T12:00:00+02:00'), at('2026-10-21T12:00:00+02:00'))).toBe(8);
    expect(availability?.stateAt(at('2026-10-21T23:30:00+02:00'))).toBe(AVAILABLE);
    expect(availability?.stateAt(at('2026-10-21T12:00:00+02:00'))).not.toBe(AVAILABLE);
  });

  it('counts every hour for an agent without shift or leave, and none for an empty range', () => {
    expect(onShiftHours(availabilityOf({ id: 'a' }, 'Asia/Shanghai'), at('2026-12-01T00:00:00Z'), at('2026-12-02T06:00:00Z'))).toBe(30);
    expect(onShiftHours(availabilityOf(night, 'Asia/Shanghai'), at('2026-12-02T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBe(0);
  });

  it('takes leave as whole local days or as instants (the instant "to" is the moment the agent is back), and finds the next time on after it', () => {
    const agent: AgentSnapshot = {
      ...night,
      leave: [
        { from: '2026-10-21', to: '2026-10-22' },
        { from: '2026-10-23T22:00:00+02:00', to: '2026-10-24T02:00:00+02:00' },
      ],
    };
    const availability = availabilityOf(agent, 'Asia/Shanghai');
    // Nights from the 20th: 22:00–24:00 only (the 21st and 22nd are leave); from the 22nd: 00:00–06:00 of the 23rd
    // is leave too (the 22nd ends at midnight); from the 23rd: 02:00–06:00 after the leave — 2 + 0 + 0 + 4 hours.
    expect(onShiftHours(availability, at('2026-10-20T12:00:00+02:00'), at('2026-10-24T12:00:00+02:00'))).toBe(2 + 6 + 4);
    expect(availability?.nextAvailable(at('2026-10-21T00:00:00+02:00'), 10 * 86_400_000)).toBe(at('2026-10-23T00:00:00+02:00'));
    expect(onLeaveThroughout(availability, at('2026-10-21T00:00:00+02:00'), at('2026-10-22T23:59:00+02:00'))).toBe(true);
    expect(onLeaveThroughout(availability, at('2026-10-21T00:00:00+02:00'), at('2026-10-23T00:00:00+02:00'))).toBe(false);
    expect(onLeaveThroughout(availability, at('2026-10-20T23:00:00+02:00'), at('2026-10-21T01:00:00+02:00'))).toBe(false);
    expect(onLeaveThroughout(availabilityOf({ id: 'a' }, 'Asia/Shanghai'), 0, 1)).toBe(false);
  });

  it('treats leave ranges that meet as one', () => {
    const availability = availabilityOf({ id: 'a', leave: [{ from: '2026-12-01', to: '2026-12-03' }, { from: '2026-12-04', to: '2026-12-10' }] }, 'Asia/Shanghai');
    expect(onLeaveThroughout(availability, at('2026-12-01T00:00:00+08:00'), at('2026-12-10T23:59:59+08:00'))).toBe(true);
    expect(onLeaveThroughout(availability, at('2026-12-01T00:00:00+08:00'), at('2026-12-11T00:00:00+08:00'))).toBe(false);
  });
});
