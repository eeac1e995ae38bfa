import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import { PERIODS, PRESENCES } from '../ruleset/types.js';
import { closestName } from '../text/closestName.js';
import type { AgentSnapshot } from '../types.js';
import { INPUT_LIMITS } from './inputLimits.js';
import { readFields } from './readFields.js';
import { readId } from './readId.js';
import { readInstant } from './readInstant.js';
import { readJsonData } from './readJsonData.js';
import { readOneOf } from './readOneOf.js';
import { readText } from './readText.js';

/** Reads one key of an agent; returns the value to keep. */
type KeyReader = (value: unknown, path: string) => unknown;

/** Everything an agent object may carry: the profile the CRM keeps, its display name and its counts. */
type AgentKey = keyof AgentSnapshot | 'name';

const JSON_LIMITS = { depth: INPUT_LIMITS.fieldsDepth, size: INPUT_LIMITS.fieldsSize };

const readBoolean: KeyReader = (value, path) => {
  if (typeof value !== 'boolean') throw new InputError(path, 'a boolean', describeValue(value));
  return value;
};

const readCount = (value: unknown, path: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(path, 'a finite number ≥ 0', describeValue(value));
  return value;
};

const readStringList: KeyReader = (value, path) => {
  if (!Array.isArray(value)) throw new InputError(path, 'an array of strings', describeValue(value));
  return value.map((item, index) => readText(item, `${path}[${index}]`, INPUT_LIMITS.idLength, true));
};

const countsReader =
  (keys: readonly string[]): KeyReader =>
  (value, path) => {
    if (!isPlainObject(value)) throw new InputError(path, `an object of counts by ${keys.join(', ')}`, describeValue(value));
    const counts: Record<string, number> = {};
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        throw new InputError(`${path}.${key}`, keys.join(', '), 'an unknown key', { reason: 'unknown_key', suggestion: closestName(key, keys) });
      }
      const count = readOwnData(value, key);
      if (count !== undefined) counts[key] = readCount(count, `${path}.${key}`);
    }
    return counts;
  };

const readServing: KeyReader = (value, path) =>
  typeof value === 'number' ? readCount(value, path) : countsReader(['total', ...PERIODS])(value, path);

/**
 * One reader per key an agent may carry; a key not in this table is refused
 * with "did you mean". A new profile field is one line here (the compiler
 * insists: the table is keyed by `AgentSnapshot`'s keys).
 */
const AGENT_KEYS: Readonly<Record<AgentKey, KeyReader>> = {
  id: readId,
  name: (value, path) => readText(value, path, INPUT_LIMITS.idLength, true),
  enabled: readBoolean,
  presence: (value, path) => readOneOf(value, path, PRESENCES),
  capacity: (value, path) => {
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
      throw new InputError(path, 'a non-negative integer or null (unlimited)', describeValue(value));
    }
    return value;
  },
  skills: readStringList,
  languages: readStringList,
  attributes: (value, path) => readFields(value, path),
  // Shifts, leave and caps: checked as JSON data here; their meaning is checked where they are used.
  schedule: (value, path) => readJsonData(value, path, JSON_LIMITS),
  leave: (value, path) => readJsonData(value, path, JSON_LIMITS),
  maxAssigned: (value, path) => readJsonData(value, path, JSON_LIMITS),
  lastAssignedAt: (value, path) => (value === null ? null : new Date(readInstant(value, path))),
  assigned: countsReader(PERIODS),
  serving: readServing,
};

/** The keys of a profile as the CRM writes it: counts are the store's own. */
const PROFILE_KEYS = (Object.keys(AGENT_KEYS) as AgentKey[]).filter((key) => key !== 'assigned' && key !== 'serving');
const SNAPSHOT_KEYS = Object.keys(AGENT_KEYS) as AgentKey[];

/**
 * Reads an agent: an object with an `id` and, optionally, `name`, `enabled`
 * (boolean), `presence` (`online`, `busy`, `away` or `offline`), `capacity` (a
 * non-negative integer, or null for unlimited), `skills` and `languages`
 * (arrays of strings), `attributes` (JSON data), `schedule`, `leave`,
 * `maxAssigned` (JSON data), `lastAssignedAt` (an instant or null) and — for a
 * snapshot (`withCounts`) — `assigned` and `serving` counts. An unknown key is
 * refused with "did you mean"; `undefined` values count as absent.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'agents[3]'`)
 * @param withCounts - whether `assigned` and `serving` are accepted (snapshots; not profiles a store writes)
 * @returns a copy holding the keys given
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readAgentProfile({ id: 'li-lei', presence: 'online', capacity: 200 }, 'agents[0]', false);
 * readAgentProfile({ id: 'b', presence: 'ONLINE' }, 'agents[1]', false);
 * // throws: agents[1].presence must be one of 'online', 'busy', 'away', 'offline', got the string "ONLINE"
 * ```
 */
export function readAgentProfile(value: unknown, path: string, withCounts: boolean): AgentSnapshot & { name?: string } {
  if (!isPlainObject(value)) throw new InputError(path, 'an agent object { id, … }', describeValue(value));
  const known = withCounts ? SNAPSHOT_KEYS : PROFILE_KEYS;
  const agent: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(value)) {
    const name = String(key);
    if (typeof key === 'symbol' || !(known as string[]).includes(key)) {
      throw new InputError(`${path}.${name}`, known.join(', '), 'an unknown key', { reason: 'unknown_key', suggestion: closestName(name, known) });
    }
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor)) throw new InputError(`${path}.${name}`, 'a data property', 'an accessor property (getter)');
    if (descriptor.value !== undefined) agent[key] = AGENT_KEYS[key as AgentKey](descriptor.value, `${path}.${name}`);
  }
  if (agent.id === undefined) readId(undefined, `${path}.id`);
  return agent as unknown as AgentSnapshot & { name?: string };
}
