import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountRanking } from '../../src/core/pick/countRanking.js';

describe('CountRanking', () => {
  it('yields the first accepted participant in (key, position) order, exactly as a scan for the smallest key would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 6 }).map((k) => k / 2), { nil: null }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.integer({ min: 0, max: 6 })), { maxLength: 30 }),
        fc.func(fc.boolean()),
        (initial, updates, acceptable) => {
          const keys = [...initial];
          const ranking = new CountRanking(keys.length);
          keys.forEach((key, position) => {
            if (key !== null) ranking.set(position, key);
          });
          for (const [p, key] of updates) {
            const position = p % keys.length;
            keys[position] = key;
            ranking.set(position, key);
          }
          const accept = (position: number) => acceptable(position);
          let expected = -1;
          keys.forEach((key, position) => {
            if (key === null || !accept(position)) return;
            if (expected < 0 || key < keys[expected]!) expected = position;
          });
          expect(ranking.first(accept)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
