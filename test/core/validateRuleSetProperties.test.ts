import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueCode, IssuePath } from '../../src/core/ruleset/issues.js';
import { validateRuleSet } from '../../src/core/ruleset/validateRuleSet.js';

const ISSUE_CODES: readonly IssueCode[] = [
  'invalid_type',
  'invalid_value',
  'missing',
  'unknown_key',
  'duplicate_id',
  'reserved_id',
  'expression_syntax',
  'expression_too_large',
  'forbidden_name',
  'unknown_function',
  'unknown_field',
  'type_mismatch',
  'invalid_time_zone',
  'invalid_time',
  'invalid_date_range',
  'invalid_weight',
  'invalid_duration',
];

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype'];

/** Junk of every shape JavaScript can produce, including objects with own `__proto__` keys and deep nesting. */
const junk = fc.anything({
  maxDepth: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  key: fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES, 'version', 'rules', 'id')),
});

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const FIELDS = { region: 'string', level: 'number', tags: 'string[]', vip: 'boolean', createdAt: 'date' } as const;

const subjectConditions = fc.constantFrom<unknown>(
  "region == '北京'",
  'level >= 3 && vip',
  "'vip' in tags || region != '上海'",
  { field: 'region', op: 'in', value: ['北京', '天津'] },
  { all: [{ field: 'level', op: 'gt', value: 2 }, { not: { field: 'tags', op: 'contains', value: 'blocked' } }] },
);

const agentConditions = fc.constantFrom<unknown>(
  "agent.presence == 'online'",
  "'zh' in agent.languages",
  { field: 'region', op: 'exists' },
);

const hourRange = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([from, to]) => from !== to)
  .map(([from, to]) => ({ from: clock(from), to: clock(to) }));

// Day numbers from 2000-01-01 to about 2054.
const dateRange = fc
  .tuple(fc.integer({ min: 10_957, max: 30_000 }), fc.integer({ min: 0, max: 400 }))
  .map(([start, length]) => ({ from: isoDate(start), to: isoDate(start + length) }));

const timeZone = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC');

const schedule = fc.record(
  {
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    hours: fc.array(hourRange, { minLength: 1, maxLength: 3 }),
    dates: fc.array(dateRange, { minLength: 1, maxLength: 2 }),
    exceptDates: fc.array(dateRange, { maxLength: 2 }),
    timeZone,
  },
  { requiredKeys: [] },
);

const agentId = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).filter((id) => !PROTOTYPE_NAMES.includes(id));

const participants = fc.uniqueArray(
  fc.record({ id: agentId, weight: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.01, max: 100, noNaN: true })) }, { requiredKeys: ['id'] }),
  { minLength: 1, maxLength: 5, selector: (participant) => participant.id },
);

const order = fc.oneof(
  fc.record({ by: fc.constant('fewestAssigned'), period: fc.constantFrom('day', 'week', 'month', 'quarter', 'year') }),
  fc.record({ by: fc.constant('fewestServing'), period: fc.constantFrom('day', 'week', 'month', 'quarter', 'year') }, { requiredKeys: ['by'] }),
  fc.record({ by: fc.constant('roundRobin') }),
);

const eligibility = fc.record(
  {
    presence: fc.uniqueArray(fc.constantFrom('online', 'busy', 'away', 'offline'), { minLength: 1 }),
    ignoreCapacity: fc.boolean(),
    agentWhen: agentConditions,
  },
  { requiredKeys: [] },
);

const ruleBody = {
  name: fc.string(),
  description: fc.string(),
  enabled: fc.boolean(),
  schedule,
  agents: participants,
  proportional: fc.boolean(),
  order,
  eligibility,
  sticky: fc.boolean(),
  onNoAgent: fc.constantFrom('next', 'stop'),
};
const requiredBodyKeys: ('name' | 'enabled' | 'agents' | 'order')[] = ['name', 'enabled', 'agents', 'order'];

const rule = (id: string) =>
  fc.record(
    { id: fc.constant(id), appliesTo: fc.constantFrom('customer', 'contact', 'any'), when: subjectConditions, ...ruleBody },
    { requiredKeys: ['id', ...requiredBodyKeys] },
  );

/** Valid rule sets: every optional part present or not, ids unique, conditions over the declared fields. */
const validRuleSet = fc.record(
  {
    version: fc.constant(1),
    timeZone,
    weekStartsOn: fc.integer({ min: 0, max: 6 }),
    settings: fc.record({
      manual: fc.record({ enabled: fc.boolean(), agentConfirmation: fc.boolean() }),
      auto: fc.record(
        { enabled: fc.boolean(), agentConfirmation: fc.boolean(), reofferOnDecline: fc.boolean() },
        { requiredKeys: ['enabled', 'agentConfirmation'] },
      ),
      application: fc.record({ enabled: fc.boolean(), adminApproval: fc.boolean(), agentConfirmation: fc.boolean() }),
      pendingTimeout: fc.constantFrom('PT24H', 'P3D', 'PT30M', 'P1DT12H'),
    }, { requiredKeys: ['manual', 'auto', 'application'] }),
    fields: fc.constant(FIELDS),
    rules: fc
      .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).filter((id) => !PROTOTYPE_NAMES.includes(id)), { maxLength: 5 })
      .chain((ids) => fc.tuple(...ids.map(rule))),
    defaultRule: fc.oneof(
      fc.constant(null),
      fc.record({ id: fc.constant('$default'), ...ruleBody }, { requiredKeys: requiredBodyKeys }),
    ),
  },
  { requiredKeys: ['version', 'timeZone', 'settings', 'fields', 'rules'] },
);

type Kind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null ? 'object' : 'other';
  }
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'other';
}

const isCondition = (path: IssuePath) => path.at(-1) === 'when' || path.at(-1) === 'agentWhen';

/** Every path inside a rule set, conditions counted as leaves (their inner values may be anything). */
function pathsIn(value: unknown, path: IssuePath = []): IssuePath[] {
  const paths: IssuePath[] = path.length > 0 ? [path] : [];
  if (isCondition(path) || typeof value !== 'object' || value === null) return paths;
  for (const [key, child] of Object.entries(value)) {
    paths.push(...pathsIn(child, [...path, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

function withValueAt(ruleSet: unknown, path: IssuePath, value: unknown): unknown {
  const copy: unknown = structuredClone(ruleSet);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

/** Junk that cannot be valid at `path`: of another JSON kind than the valid value found there. */
function isInvalidAt(path: IssuePath, original: unknown, replacement: unknown): boolean {
  const kind = kindOf(replacement);
  if (replacement === undefined || kind === kindOf(original)) return false;
  if (path.length === 1 && path[0] === 'defaultRule' && kind === 'null') return false;
  // A condition is valid as a string or as an object; only other kinds are sure to be wrong.
  if (isCondition(path) && (kind === 'string' || kind === 'object')) return false;
  return true;
}

const startsWith = (path: IssuePath, prefix: IssuePath) => prefix.every((key, i) => path[i] === key);

describe('validateRuleSet properties', () => {
  it('never throws, and rejects anything that is not a rule set with at least one well-formed issue', () => {
    fc.assert(
      fc.property(junk, (input) => {
        const result = validateRuleSet(input);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(ISSUE_CODES).toContain(issue.code);
          expect(issue.path.every((key) => typeof key === 'string' || typeof key === 'number')).toBe(true);
          expect(issue.message.length).toBeGreaterThan(0);
        }
        if (kindOf(input) !== 'object') expect(result.issues).toMatchObject([{ code: 'invalid_type', path: [] }]);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every generated valid rule set and returns an equal copy', () => {
    fc.assert(
      fc.property(validRuleSet, (ruleSet) => {
        const result = validateRuleSet(ruleSet);
        expect(result).toEqual({ ok: true, ruleSet });
      }),
      { numRuns: 300 },
    );
  });

  it('reports junk put anywhere in a valid rule set at that place or inside it, without throwing', () => {
    const scenario = validRuleSet.chain((ruleSet) => {
      const paths = pathsIn(ruleSet);
      return fc.record({
        ruleSet: fc.constant(ruleSet),
        path: fc.constantFrom(...paths),
        replacement: junk,
      });
    });
    fc.assert(
      fc.property(scenario, ({ ruleSet, path, replacement }) => {
        const original = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], ruleSet);
        fc.pre(isInvalidAt(path, original, replacement));
        const result = validateRuleSet(withValueAt(ruleSet, path, replacement));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.issues.some((issue) => startsWith(issue.path, path))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
