import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/cli/parseInstant.js';

describe('parseInstant', () => {
  it('takes every instant form customers.jsonl takes: ISO with an offset, epoch ms as a number or as digits', () => {
    expect(parseInstant('2026-11-25T10:00+08:00', '--at')).toBe(Date.UTC(2026, 10, 25, 2, 0));
    expect(parseInstant(1_790_816_400_000, 'createdAt')).toBe(1_790_816_400_000);
    expect(parseInstant('1790816400000', '--at')).toBe(1_790_816_400_000);
  });

  it('says what is wrong, naming where the value came from', () => {
    expect(() => parseInstant('2026-10-01T09:00', 'customers.jsonl:3: createdAt')).toThrow(
      /^customers\.jsonl:3: createdAt must be an instant: .*, got the string "2026-10-01T09:00" \(no UTC offset\)$/,
    );
    expect(() => parseInstant(null, '--at')).toThrow(/^--at must be an instant: .*, got null$/);
    expect(() => parseInstant('1790816400', '--at')).toThrow(/looks like epoch seconds/);
  });
});
