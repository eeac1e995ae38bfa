import { leaveCheck } from '../availability/leaveCheck.js';
import { maxAssignedCheck } from '../availability/maxAssignedCheck.js';
import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import type { Check } from '../ruleset/check.js';
import { describeValue } from '../ruleset/describeValue.js';
import { formatIssuePath } from '../ruleset/formatIssuePath.js';
import { IssueCollector } from '../ruleset/issueCollector.js';
import { scheduleCheck } from '../ruleset/scheduleCheck.js';
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

/**
 * A key read by a rule-set check (the shift is a rule's schedule; leave and
 * caps have their own), so each availability field means the same in a rule
 * set, a snapshot and a stored profile; the first issue becomes the error.
 */
const checked =
  (check: Check<unknown>): KeyReader =>
  (value, path) => {
    const issues = new IssueCollector();
    const read = check.read(value, [], issues);
    const first = issues.list[0];
    if (first !== undefined) {
      const where = first.path.length === 0 ? path : `${path}${formatIssuePath(first.path).replace(/^(?=[^[])/, '.')}`;
      // Most issues read "Expected X, got Y.": keep the two halves, so the error reads like every other.
      const parts = /^Expected (.*), got (.*?)\.?$/s.exec(first.message);
      throw parts === null ? new InputError(where, 'a valid value', first.message.replace(/\.$/, '')) : new InputError(where, parts[1]!, parts[2]!);
    }
    return read;
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
  // Shifts, leave and caps: JSON data first (no getters, cycles or giants), then what they mean.
  schedule: (value, path) => checked(scheduleCheck)(readJsonData(value, path, JSON_LIMITS), path),
  leave: (value, path) => checked(leaveCheck)(readJsonData(value, path, JSON_LIMITS), path),
  maxAssigned: (value, path) => checked(maxAssignedCheck)(readJsonData(value, path, JSON_LIMITS), path),
  lastAssignedAt: (value, path) => (value === null ? null : new Date(readInstant(value, path))),
  assigned: countsReader(PERIODS),
  serving: readServing,
};

/** The keys of a profile as the CRM writes it: counts are the store's own. */
const PROFILE_KEYS = (Object.keys(AGENT_KEYS) as AgentKey[]).filter((key) => key !== 'assigned' && key !== 'serving' && key !== 'lastAssignedAt');
const SNAPSHOT_KEYS = Object.keys(AGENT_KEYS) as AgentKey[];

/**
 * Reads an agent: an object with an `id` and, optionally, `name`, `enabled`
 * (boolean), `presence` (`online`, `busy`, `away` or `offline`), `capacity` (a
 * non-negative integer, or null for unlimited), `skills` and `languages`
 * (arrays of strings), `attributes` (JSON data), `schedule`, `leave`,
 * `maxAssigned` (checked as a rule's schedule, leave ranges and caps), `lastAssignedAt` (an instant or null) and — for a
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
