import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readInstant } from '../../src/core/input/readInstant.js';

const MIN_MS = Date.parse('0001-01-01T00:00:00Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

function refusal(value: unknown): InputError {
  try {
    readInstant(value, 'now');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

/** An ISO string of `ms` written in the zone `offsetMinutes` east of UTC. */
function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

describe('readInstant', () => {
  it('reads ISO strings with an offset or Z, with or without seconds and fractions', () => {
    const expected = Date.UTC(2026, 10, 25, 2, 0);
    for (const text of ['2026-11-25T10:00+08:00', '2026-11-25T10:00:00+08:00', '2026-11-25T02:00:00.000Z', '2026-11-25 02:00Z', '2026-11-25T10:00:00+0800']) {
      expect(readInstant(text, 'now')).toBe(expected);
    }
    expect(readInstant('2028-02-29T00:00Z', 'now')).toBe(Date.UTC(2028, 1, 29));
    expect(readInstant('0050-06-01T00:00Z', 'now')).toBe(new Date(0).setUTCFullYear(50, 5, 1));
  });

  it('reads epoch milliseconds and valid Dates', () => {
    expect(readInstant(1_790_816_400_000, 'now')).toBe(1_790_816_400_000);
    expect(readInstant(new Date(1_790_816_400_000), 'now')).toBe(1_790_816_400_000);
  });

  it('refuses a string without an offset, saying so, instead of reading it as UTC', () => {
    const error = refusal('2026-11-25T10:00:00');
    expect(error.path).toBe('now');
    expect(error.message).toMatch(/^now must be an instant: an ISO-8601 string with a UTC offset .*, got the string "2026-11-25T10:00:00" \(no UTC offset\)$/);
    expect(refusal('2026-11-25').received).toContain('(no UTC offset)');
  });

  it('refuses impossible calendar dates instead of rolling them over', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-02-29T10:00Z', '2026-13-01T10:00Z', '2026-10-01T24:00Z', '2026-10-01T10:60Z', '2026-10-01T10:00+15:00']) {
      expect(refusal(text).received).toContain('(not a real date, time or offset)');
    }
  });

  it('refuses numbers that look like epoch seconds, and non-finite numbers', () => {
    expect(refusal(1_790_816_400).received).toBe('the number 1790816400 (looks like epoch seconds; multiply by 1000)');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number('1e309')]) refusal(value);
  });

  it('refuses invalid Dates, other types, and instants outside the years 0001–9999', () => {
    expect(refusal(new Date(Number.NaN)).received).toBe('an invalid Date');
    for (const value of [undefined, null, true, {}, [], () => 0, 10n]) refusal(value);
    expect(refusal('0000-12-31T23:00Z').received).toContain('not a real date');
    expect(refusal('0001-01-01T00:30+01:00').received).toContain('outside the years 0001–9999');
    expect(refusal(new Date(MAX_MS + 1)).received).toContain('outside the years 0001–9999');
    expect(refusal(8.64e15).received).toContain('outside the years 0001–9999');
  });

  it('property: every valid ISO instant with an offset reads back as the instant it denotes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_MS + 14 * 3_600_000, max: MAX_MS - 14 * 3_600_000 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offset) => readInstant(isoWithOffset(ms, offset), 'now') === ms,
      ),
    );
  });

  it('property: every date-time string without an offset is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_MS, max: MAX_MS }), fc.constantFrom(10, 16, 19, 23), (ms, length) => {
        const text = new Date(ms).toISOString().slice(0, length);
        try {
          readInstant(text, 'now');
          return false;
        } catch (error) {
          return error instanceof InputError && error.code === 'invalid_input';
        }
      }),
    );
  });
});
