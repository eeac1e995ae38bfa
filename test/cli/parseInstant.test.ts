import { describe, expect, it } from 'vitest';
import { parseInstant, readIsoInstant } from '../../src/cli/parseInstant.js';

describe('readIsoInstant', () => {
  it('reads instants with an offset or Z, with or without seconds and fractions', () => {
    for (const text of ['2026-11-25T10:00+08:00', '2026-11-25T10:00:00+08:00', '2026-11-25T02:00:00.000Z', '2026-11-25 02:00Z', '2026-11-25T10:00:00+0800']) {
      expect(readIsoInstant(text)).toBe(Date.UTC(2026, 10, 25, 2, 0));
    }
    expect(readIsoInstant('2026-11-24T21:00-05:00')).toBe(Date.UTC(2026, 10, 25, 2, 0));
    expect(readIsoInstant('2028-02-29T00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });

  it('refuses impossible dates that Date.parse would roll over, and instants without an offset', () => {
    for (const text of ['2026-02-30T10:00Z', '2026-02-29T10:00Z', '2026-13-01T10:00Z', '2026-10-01T24:00Z', '2026-10-01T10:60Z', '2026-10-01T10:00+15:00', '2026-10-01T10:00', '2026-10-01', 'tomorrow']) {
      expect(readIsoInstant(text)).toBeNull();
    }
  });
});

describe('parseInstant', () => {
  it('accepts epoch milliseconds from JSON files', () => {
    expect(parseInstant(1_790_816_400_000, 'createdAt')).toBe(1_790_816_400_000);
  });

  it('says what is wrong, naming where the value came from', () => {
    expect(() => parseInstant('2026-10-01T09:00', 'customers.jsonl:3: createdAt')).toThrow(
      'customers.jsonl:3: createdAt "2026-10-01T09:00" has no UTC offset; add one, e.g. 2026-10-01T09:00+08:00 or 2026-10-01T01:00Z',
    );
    expect(() => parseInstant(null, '--at')).toThrow('--at must be an ISO-8601 instant such as 2026-10-01T09:00+08:00, got null');
  });
});
