import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isValidTimeZone } from '../time/isValidTimeZone.js';
import { STATS_SECTIONS, type StatsSection } from '../types.js';
import { readInstant } from './readInstant.js';
import { readOneOf } from './readOneOf.js';
import { readOptions } from './readOptions.js';

/** A statistics query as read: the shape of the store port's `StatsQuery`. */
export interface StatsQueryRead {
  from: Date;
  to: Date;
  timeZone: string;
  sections: StatsSection[];
}

const STORE_KEYS = ['from', 'to', 'timeZone', 'sections'] as const;
const SERVICE_KEYS = ['from', 'to', 'timeZone', 'groupBy'] as const;

/**
 * Reads a statistics query: `from` and `to` instants (see `readInstant`;
 * records created at or after `from` and before `to`, `to` not before
 * `from`), a known IANA `timeZone` and the sections wanted — each known,
 * none twice, listed in `STATS_SECTIONS` order. Two shapes: a store's
 * `StatsQuery` (`{ from, to, timeZone, sections }`, all required) and, with
 * `defaultTimeZone`, `svc.stats`'s options (`{ from, to, timeZone?, groupBy? }`:
 * the zone defaults to `defaultTimeZone`, the sections to all of them).
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (`'query'`, `'options'`)
 * @param defaultTimeZone - the service's shape, with this zone when none is given; absent: the store's shape
 * @returns the query
 * @throws InputError (`invalid_input`) naming the member
 * @example
 * ```ts
 * readStatsQuery({ from: '2026-11-01T00:00+08:00', to: '2026-12-01T00:00+08:00', groupBy: ['day', 'agent'] }, 'options', 'Asia/Shanghai');
 * // { from: Date, to: Date, timeZone: 'Asia/Shanghai', sections: ['agent', 'day'] }
 * readStatsQuery({ from: '2026-11-01T00:00+08:00', to: '2026-12-01T00:00+08:00', groupBy: ['week'] }, 'options', 'UTC');
 * // throws: options.groupBy[0] must be one of 'agent', 'rule', 'type', 'status', 'day', 'hour'
 * ```
 */
export function readStatsQuery(value: unknown, path: string, defaultTimeZone?: string): StatsQueryRead {
  const forService = defaultTimeZone !== undefined;
  if (value === undefined) throw new InputError(path, 'an object { from, to, … }', describeValue(value));
  const given = readOptions(value, path, forService ? SERVICE_KEYS : STORE_KEYS) as Partial<Record<string, unknown>>;
  const from = new Date(readInstant(given.from, `${path}.from`));
  const to = new Date(readInstant(given.to, `${path}.to`));
  if (to < from) throw new InputError(`${path}.to`, `at or after ${path}.from`, describeValue(given.to));
  const zone = given.timeZone === undefined && forService ? defaultTimeZone : given.timeZone;
  if (typeof zone !== 'string' || !isValidTimeZone(zone)) {
    throw new InputError(`${path}.timeZone`, 'a known IANA time zone such as "Asia/Shanghai"', describeValue(given.timeZone));
  }
  const sectionsKey = forService ? 'groupBy' : 'sections';
  const listed = given[sectionsKey];
  const sections = listed === undefined && forService ? [...STATS_SECTIONS] : readSections(listed, `${path}.${sectionsKey}`);
  return { from, to, timeZone: zone, sections };
}

function readSections(value: unknown, path: string): StatsSection[] {
  if (!Array.isArray(value)) throw new InputError(path, `an array of ${STATS_SECTIONS.join(' | ')}`, describeValue(value));
  const seen = new Map<StatsSection, number>();
  value.forEach((item, index) => {
    const section = readOneOf(item, `${path}[${index}]`, STATS_SECTIONS);
    const earlier = seen.get(section);
    if (earlier !== undefined) throw new InputError(`${path}[${index}]`, JSON.stringify(section), `${path}[${earlier}]`, { reason: 'duplicate' });
    seen.set(section, index);
  });
  return STATS_SECTIONS.filter((section) => seen.has(section));
}
