import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from '../../src/service/timeOrderedIds.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedIds (the service default for record and notification ids)', () => {
  it('gives well-formed UUIDv7 ids whose first 48 bits are the millisecond they were made in', () => {
    const ids = timeOrderedIds(() => Date.UTC(2026, 11, 5, 12, 0, 0, 123));
    const id = ids();
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 11, 5, 12, 0, 0, 123));
  });

  it('is strictly increasing and unique for any clock, even one standing still or going back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 6000 }), (instants, perInstant) => {
        let index = 0;
        const ids = timeOrderedIds(() => instants[Math.floor(index++ / perInstant) % instants.length]!);
        const made = Array.from({ length: Math.min(instants.length * perInstant, 6000) }, () => ids());
        for (let i = 1; i < made.length; i++) expect(made[i]! > made[i - 1]!).toBe(true);
        for (const id of made) expect(id).toMatch(UUID_V7);
      }),
      { numRuns: 40 },
    );
  });
});
