import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';

// Date, time (seconds and fraction optional) and a required offset: `Z` or ±HH:mm (±HHmm).
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
// The same without an offset (or a date alone): read as UTC by `Date.parse`, as local time by people.
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** 0001-01-01T00:00:00.000Z, the earliest instant accepted. */
const MIN_MS = -62_135_596_800_000;
/** 9999-12-31T23:59:59.999Z, the latest instant accepted. */
const MAX_MS = 253_402_300_799_999;
/** Epoch milliseconds below this (early March 1973) are refused: they are far more likely epoch seconds. */
const SECONDS_LIMIT = 1e11;

const EXPECTED =
  'an instant: an ISO-8601 string with a UTC offset (e.g. 2026-10-01T09:00+08:00 or 2026-10-01T01:00Z), ' +
  'epoch milliseconds or a valid Date, in the years 0001–9999';

const getTime = Date.prototype.getTime;

/**
 * Reads an instant — the one instant parser of the API and the CLI. Accepted:
 * - an ISO-8601 string with a UTC offset or `Z` (`2026-11-25T10:00+08:00`,
 *   `2026-11-25T02:00:00.000Z`); a string without one is refused (it would
 *   depend on whose zone reads it), and so is an impossible date such as
 *   `2026-02-30` (never rolled over to 2 March);
 * - epoch milliseconds: a finite number of magnitude at least 1e11 (from
 *   March 1973) — smaller numbers are refused as "looks like epoch seconds";
 * - a valid `Date`.
 * The instant must lie in the years 0001–9999 (UTC), what every store keeps.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'now'`, `'filter.from'`)
 * @returns epoch milliseconds
 * @throws InputError (`invalid_input`) saying what was given and what is expected
 * @example
 * ```ts
 * readInstant('2026-10-01T09:00:00+08:00', 'now'); // 1790816400000
 * readInstant(1790816400000, 'now'); // 1790816400000
 * readInstant('2026-10-01T09:00:00', 'now'); // throws: now must be an instant …, got … (no UTC offset)
 * readInstant(1790816400, 'now'); // throws: … (looks like epoch seconds; multiply by 1000)
 * ```
 */
export function readInstant(value: unknown, path: string): number {
  let ms: number;
  if (typeof value === 'string') ms = stringInstant(value, path);
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(path, EXPECTED, describeValue(value));
    if (Math.abs(value) < SECONDS_LIMIT) {
      throw new InputError(path, EXPECTED, `${describeValue(value)} (looks like epoch seconds; multiply by 1000)`);
    }
    ms = Math.trunc(value);
  } else {
    ms = dateTime(value);
    if (Number.isNaN(ms)) throw new InputError(path, EXPECTED, value instanceof Date ? 'an invalid Date' : describeValue(value));
  }
  if (ms < MIN_MS || ms > MAX_MS) throw new InputError(path, EXPECTED, `${describeValue(value)} (outside the years 0001–9999)`);
  return ms;
}

/** A Date's time, read without calling anything the value carries itself; NaN for anything else. */
function dateTime(value: unknown): number {
  if (typeof value !== 'object' || value === null) return Number.NaN;
  try {
    return getTime.call(value as Date);
  } catch {
    return Number.NaN;
  }
}

function stringInstant(text: string, path: string): number {
  const match = ISO_INSTANT.exec(text);
  if (match === null) {
    const why = WITHOUT_OFFSET.test(text) ? 'no UTC offset' : 'not ISO-8601';
    throw new InputError(path, EXPECTED, `${describeValue(text)} (${why})`);
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const offsetHours = zulu === undefined ? Number(oh) : 0;
  const offsetMinutes = zulu === undefined ? Number(om) : 0;
  const real =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 14 &&
    offsetMinutes <= 59;
  if (!real) throw new InputError(path, EXPECTED, `${describeValue(text)} (not a real date, time or offset)`);
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  // setUTCFullYear, unlike Date.UTC, does not map the years 0–99 to 1900–1999.
  const utc = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return utc - offsetMs;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
