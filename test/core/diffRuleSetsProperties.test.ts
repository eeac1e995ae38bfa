import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, diffRuleSets, type IssuePath, type Rule, type RuleSet, validateRuleSet } from '../../src/index.js';

const FIELDS = { region: 'string', level: 'number', tags: 'string[]' } as const;
const PRESENCES = ['online', 'busy', 'away', 'offline'] as const;

// Small pools, so that two independent rule sets are sometimes equal in part or in whole.
const condition = fc.constantFrom<string | object>("region == '北京'", 'level >= 3', { field: 'region', op: 'eq', value: '上海' });
const agentCondition = fc.constantFrom<string | object>("agent.presence == 'online'", "'zh' in agent.languages");
const schedule = fc.record(
  {
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
    hours: fc.constantFrom([{ from: '08:00', to: '18:00' }], [{ from: '00:00', to: '24:00' }]),
    dates: fc.constantFrom([{ from: '2026-10-01', to: '2026-10-07' }]),
    exceptDates: fc.constantFrom([], [{ from: '2026-05-01', to: '2026-05-05' }]),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC'),
  },
  { requiredKeys: [] },
);
const participants = fc.uniqueArray(
  fc.oneof(
    fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), weight: fc.constantFrom(1, 2, 3) }, { requiredKeys: ['id'] }),
    fc.record({ where: fc.constantFrom("'zh' in agent.languages", "agent.attributes.team == 'vip'"), weight: fc.constantFrom(1, 2) }, { requiredKeys: ['where'] }),
  ),
  { minLength: 1, maxLength: 4, selector: (participant) => ('id' in participant ? participant.id : participant.where) },
);
const order = fc.oneof(
  fc.record({ by: fc.constant('fewestAssigned'), period: fc.constantFrom('day', 'week') }),
  fc.record({ by: fc.constant('fewestServing'), period: fc.constantFrom('day', 'month') }, { requiredKeys: ['by'] }),
  fc.record({ by: fc.constantFrom('roundRobin', 'leastUtilised', 'longestIdle') }),
);
const eligibility = fc.record(
  {
    presence: fc.uniqueArray(fc.constantFrom(...PRESENCES), { minLength: 1 }),
    ignoreCapacity: fc.boolean(),
    agentWhen: agentCondition,
    maxAssigned: fc.record({ day: fc.constantFrom(5, 10), week: fc.constant(30) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const body = {
  name: fc.constantFrom('VIP', 'Beijing'),
  description: fc.constantFrom('so other admins understand', ''),
  enabled: fc.boolean(),
  schedule,
  agents: participants,
  proportional: fc.boolean(),
  order,
  eligibility,
  sticky: fc.boolean(),
  onNoAgent: fc.constantFrom('next', 'stop'),
};
const required: ('name' | 'enabled' | 'agents' | 'order')[] = ['name', 'enabled', 'agents', 'order'];
const rule = (id: string) =>
  fc.record({ id: fc.constant(id), appliesTo: fc.constantFrom('customer', 'contact', 'any'), when: condition, ...body }, { requiredKeys: ['id', ...required] });

const ruleSet: fc.Arbitrary<RuleSet> = fc.record(
  {
    version: fc.constant(1),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC'),
    weekStartsOn: fc.constantFrom(0, 1),
    settings: fc.record(
      {
        manual: fc.record({ enabled: fc.boolean(), agentConfirmation: fc.boolean() }),
        auto: fc.record(
          {
            enabled: fc.boolean(),
            agentConfirmation: fc.boolean(),
            reofferOnDecline: fc.boolean(),
            queue: fc.record({ priority: fc.constantFrom('level', 'level * 2'), alertAfter: fc.constantFrom('PT30M', 'PT1H') }, { requiredKeys: [] }),
          },
          { requiredKeys: ['enabled', 'agentConfirmation'] },
        ),
        application: fc.record({ enabled: fc.boolean(), adminApproval: fc.boolean(), agentConfirmation: fc.boolean() }),
        pendingTimeout: fc.constantFrom('PT24H', 'P3D'),
      },
      { requiredKeys: ['manual', 'auto', 'application'] },
    ),
    fields: fc.constantFrom<Record<string, string>>(FIELDS, { ...FIELDS, extra: 'boolean' }, { ...FIELDS, level: 'string[]' }),
    rules: fc.shuffledSubarray(['r1', 'r2', 'r3', 'r4']).chain((ids) => fc.tuple(...ids.map(rule))),
    defaultRule: fc.oneof(fc.constant(null), fc.record(body, { requiredKeys: required })),
  },
  { requiredKeys: ['version', 'timeZone', 'settings', 'rules'] },
).filter((candidate) => validateRuleSet(candidate).ok) as fc.Arbitrary<RuleSet>;

/**
 * What a rule set means, written independently of the library: the validated
 * copy with every default spelt out (SPEC §3) and keys sorted.
 */
function meaning(input: RuleSet): string {
  const result = validateRuleSet(input);
  if (!result.ok) throw new Error('the generator made an invalid rule set');
  const { ruleSet: rs } = result;
  const ruleMeaning = (r: Partial<Pick<Rule, 'id' | 'appliesTo' | 'when'>> & Omit<Rule, 'id' | 'appliesTo' | 'when'>) => {
    const s = r.schedule;
    return {
      id: r.id ?? '$default',
      name: r.name,
      description: r.description ?? null,
      enabled: r.enabled,
      appliesTo: r.appliesTo ?? 'any',
      when: r.when ?? null,
      schedule:
        s === undefined
          ? null
          : {
              weekdays: s.weekdays === undefined ? (s.dates ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5]) : [...s.weekdays].sort(),
              hours: s.hours ?? [{ from: '08:00', to: '18:00' }],
              dates: s.dates ?? null,
              exceptDates: s.exceptDates ?? [],
              timeZone: s.timeZone ?? null,
            },
      agents: r.agents.map((p) => ({ ...p, weight: p.weight ?? 1 })),
      proportional: r.proportional ?? false,
      order: { period: null, ...r.order },
      presence: r.eligibility?.presence === undefined ? null : PRESENCES.filter((p) => r.eligibility!.presence!.includes(p)),
      ignoreCapacity: r.eligibility?.ignoreCapacity ?? false,
      agentWhen: r.eligibility?.agentWhen ?? null,
      maxAssigned: r.eligibility?.maxAssigned ?? {},
      sticky: r.sticky ?? false,
      onNoAgent: r.onNoAgent ?? 'next',
    };
  };
  return sorted({
    timeZone: rs.timeZone,
    weekStartsOn: rs.weekStartsOn ?? 1,
    settings: {
      ...rs.settings,
      auto: { reofferOnDecline: false, ...rs.settings.auto, queue: { ...rs.settings.auto.queue } },
      pendingTimeout: rs.settings.pendingTimeout ?? null,
    },
    fields: rs.fields ?? null,
    rules: rs.rules.map(ruleMeaning),
    defaultRule: rs.defaultRule ? ruleMeaning(rs.defaultRule) : null,
  });
}

function sorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sorted).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sorted((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same rule set written differently: defaults spelt out, keys in reverse order, presences reversed. */
function rewritten(input: RuleSet): RuleSet {
  const reverseKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([key, child]) => [key, reverseKeys(child)]));
  };
  const copy = structuredClone(input);
  copy.weekStartsOn ??= 1;
  copy.settings.auto.reofferOnDecline ??= false;
  for (const r of copy.rules) {
    r.appliesTo ??= 'any';
    r.sticky ??= false;
    r.onNoAgent ??= 'next';
    r.proportional ??= false;
    for (const p of r.agents) p.weight ??= 1;
    r.eligibility?.presence?.reverse();
    if (r.schedule !== undefined) r.schedule.hours ??= [{ from: '08:00', to: '18:00' }];
  }
  return reverseKeys(copy) as RuleSet;
}

const removedCodes = new Set(['rule_removed', 'default_rule_removed']);

function exists(root: unknown, path: IssuePath): boolean {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

describe('diffRuleSets properties', () => {
  it('finds no change between a rule set and itself, its compiled form, or the same rule set written differently', () => {
    fc.assert(
      fc.property(ruleSet, (a) => {
        expect(diffRuleSets(a, a)).toEqual([]);
        expect(diffRuleSets(a, compileRuleSet(a))).toEqual([]);
        expect(diffRuleSets(rewritten(a), a, { locale: 'zh-CN' })).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('is empty exactly when both rule sets have the same canonical content', () => {
    const pairs = ruleSet.chain((a) => fc.tuple(fc.constant(a), fc.oneof(ruleSet, fc.constant(rewritten(a)), ruleSet.map((b) => ({ ...a, rules: b.rules })).filter((b) => validateRuleSet(b).ok))));
    let equal = 0;
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const same = meaning(a) === meaning(b);
        if (same) equal++;
        expect(diffRuleSets(a, b).length === 0).toBe(same);
      }),
      { numRuns: 300 },
    );
    // Both sides of the equivalence were exercised.
    expect(equal).toBeGreaterThan(20);
  });

  it('names an existing path in every change: in the new rule set, or in the old one for what was removed', () => {
    fc.assert(
      fc.property(ruleSet, ruleSet, (a, b) => {
        const changes = diffRuleSets(a, b, { locale: 'zh-CN' });
        const oldCopy = validateRuleSet(a);
        const newCopy = validateRuleSet(b);
        for (const change of changes) {
          const root = removedCodes.has(change.code) ? (oldCopy.ok && oldCopy.ruleSet) : newCopy.ok && newCopy.ruleSet;
          expect(exists(root, change.path), `${change.code} at ${change.path.join('.')}`).toBe(true);
          expect(change.message).not.toMatch(/undefined|NaN|\[object/);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports as added exactly the rule ids only the new rule set has, and as removed those only the old one has, in rule order', () => {
    fc.assert(
      fc.property(ruleSet, ruleSet, (a, b) => {
        const changes = diffRuleSets(a, b);
        const aIds = new Set(a.rules.map((r) => r.id));
        const bIds = new Set(b.rules.map((r) => r.id));
        const added = changes.filter((c) => c.code === 'rule_added').map((c) => c.ruleId);
        const removed = changes.filter((c) => c.code === 'rule_removed').map((c) => c.ruleId);
        expect(added).toEqual(b.rules.map((r) => r.id).filter((id) => !aIds.has(id)));
        expect(removed).toEqual(a.rules.map((r) => r.id).filter((id) => !bIds.has(id)));
      }),
      { numRuns: 200 },
    );
  });
});
