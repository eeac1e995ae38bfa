import { describe, expect, it } from 'vitest';
import { agentAvailability } from '../../src/cli/agentAvailability.js';
import { onShiftHours } from '../../src/cli/onShiftHours.js';

const at = (text: string) => Date.parse(text);

describe('agentAvailability and onShiftHours (CLI reports)', () => {
  const night = { id: 'n', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7] as (1 | 2 | 3 | 4 | 5 | 6 | 7)[], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/Berlin' } };

  it("counts a night shift 22:00–06:00 in the agent's zone, 9 hours across the autumn DST change", () => {
    const availability = agentAvailability(night, 'Asia/Shanghai');
    // Berlin: clocks go back from 03:00 to 02:00 on Sunday 25 October 2026.
    expect(onShiftHours(availability, at('2026-10-24T12:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(9);
    expect(onShiftHours(availability, at('2026-10-20T12:00:00+02:00'), at('2026-10-21T12:00:00+02:00'))).toBe(8);
    expect(availability.isOn(at('2026-10-21T23:30:00+02:00'))).toBe(true);
    expect(availability.isOn(at('2026-10-21T12:00:00+02:00'))).toBe(false);
  });

  it('takes leave as whole local days or as instants, and finds the next time on after it', () => {
    const agent = {
      ...night,
      leave: [
        { from: '2026-10-21', to: '2026-10-22' },
        { from: '2026-10-23T22:00:00+02:00', to: '2026-10-24T01:59:59+02:00' },
      ],
    };
    const availability = agentAvailability(agent, 'Asia/Shanghai');
    // Nights from the 20th: 22:00–24:00 only (the 21st is leave); from the 21st: none; from the 22nd: 00:00–06:00
    // of the 23rd; from the 23rd: after the leave that ends at 01:59:59 (inclusive) — 2 + 0 + 6 + 4 hours.
    expect(onShiftHours(availability, at('2026-10-20T12:00:00+02:00'), at('2026-10-24T12:00:00+02:00'))).toBeCloseTo(12, 3);
    expect(availability.nextOn(at('2026-10-21T00:00:00+02:00'), at('2026-10-31T00:00:00+01:00'))).toBe(at('2026-10-23T00:00:00+02:00'));
    expect(availability.onLeaveThroughout(at('2026-10-21T00:00:00+02:00'), at('2026-10-22T23:59:00+02:00'))).toBe(true);
    expect(availability.onLeaveThroughout(at('2026-10-21T00:00:00+02:00'), at('2026-10-23T00:00:00+02:00'))).toBe(false);
  });
});
