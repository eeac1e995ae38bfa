import { CliError } from './cliError.js';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Reads an ISO-8601 instant with an explicit UTC offset (`2026-11-25T10:00+08:00`,
 * `2026-11-25T02:00:00.000Z`), returning null when the text is not one.
 * Stricter than `Date.parse`: the offset is required (an instant without one
 * would depend on the machine's zone) and impossible dates such as
 * 30 February are refused rather than rolled over.
 *
 * @param text - the text
 * @returns epoch milliseconds, or null
 * @example
 * ```ts
 * readIsoInstant('2026-10-01T09:00+08:00'); // 1790816400000
 * readIsoInstant('2026-02-30T09:00Z');      // null
 * ```
 */
export function readIsoInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 14 || offsetMins > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/**
 * Reads an instant the user gave (an option or a field of an input file) and
 * explains what is wrong when it is not a valid ISO-8601 instant with an offset.
 *
 * @param value - the text (or epoch milliseconds, accepted from JSON files)
 * @param where - names the value in the message, e.g. `'--at'` or `'customers.jsonl:17: createdAt'`
 * @returns epoch milliseconds
 * @throws CliError (exit 2) for anything else
 * @example
 * ```ts
 * parseInstant('2026-11-25T10:00+08:00', '--at'); // 1795572000000
 * parseInstant('2026-11-25 10:00', '--at');       // throws: --at "2026-11-25 10:00" has no UTC offset …
 * ```
 */
export function parseInstant(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') {
    throw new CliError(`${where} must be an ISO-8601 instant such as 2026-10-01T09:00+08:00, got ${value === null ? 'null' : typeof value}`);
  }
  const ms = readIsoInstant(value.trim());
  if (ms !== null) return ms;
  const text = value.trim();
  const withoutOffset = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text);
  const hint = ISO_INSTANT.test(text)
    ? 'is not a real date and time (a month, day, hour, minute or offset is out of range)'
    : withoutOffset
      ? 'has no UTC offset; add one, e.g. 2026-10-01T09:00+08:00 or 2026-10-01T01:00Z'
      : 'is not a valid ISO-8601 instant (expected e.g. 2026-10-01T09:00+08:00)';
  throw new CliError(`${where} ${JSON.stringify(value)} ${hint}`);
}
