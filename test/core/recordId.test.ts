import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveRecordId } from '../../src/core/recordId.js';

describe('deriveRecordId', () => {
  it('writes the instant exactly as String(ms) does, for every integer and non-integer instant', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e13, max: 1e13 }), fc.double({ noNaN: true }), fc.constantFrom(0, 999_999, 1_000_000, 1_000_000_000_000)), (ms) => {
        expect(deriveRecordId('auto', { id: 'c-1', kind: 'customer' }, ms)).toBe(`auto:customer:c-1:${String(ms)}`);
      }),
    );
  });
});
