import { describe, expect, it } from 'vitest';
import type { IssuePath, ValidationIssue } from '../../src/core/ruleset/issues.js';
import type { AgentParticipant, Condition, RuleSet } from '../../src/core/ruleset/types.js';
import { validateRuleSet } from '../../src/core/ruleset/validateRuleSet.js';

/** A rule set like the seed's: holiday duty, a Beijing rule, a weighted VIP rule, a default rule. */
function seedRuleSet(): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    weekStartsOn: 1,
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: true, reofferOnDecline: true },
      application: { enabled: true, adminApproval: true, agentConfirmation: false },
      pendingTimeout: 'PT24H',
    },
    fields: { region: 'string', level: 'number', tags: 'string[]', createdAt: 'date' },
    rules: [
      {
        id: 'national-day',
        name: '国庆值班',
        description: 'Holiday duty from 1 to 7 October',
        enabled: true,
        schedule: { dates: [{ from: '2026-10-01', to: '2026-10-07' }], hours: [{ from: '09:00', to: '17:00' }] },
        agents: [{ id: 'wang-fang' }, { id: 'zhao-lei' }],
        order: { by: 'roundRobin' },
      },
      {
        id: 'beijing',
        name: '北京客户',
        enabled: true,
        appliesTo: 'customer',
        when: "region == '北京'",
        schedule: {
          weekdays: [1, 2, 3, 4, 5],
          hours: [
            { from: '08:00', to: '12:00' },
            { from: '13:00', to: '18:00' },
          ],
          exceptDates: [{ from: '2026-10-01', to: '2026-10-08' }],
        },
        agents: [{ id: 'li-lei' }, { id: 'han-meimei' }],
        order: { by: 'fewestAssigned', period: 'day' },
        eligibility: { presence: ['online', 'busy'], agentWhen: "agent.presence == 'online'" },
        sticky: true,
        onNoAgent: 'next',
      },
      {
        id: 'vip',
        name: 'VIP 客户',
        enabled: true,
        when: { any: [{ field: 'level', op: 'gte', value: 3 }, { field: 'tags', op: 'contains', value: 'vip' }] },
        agents: [
          { id: 'li-lei', weight: 2 },
          { id: 'han-meimei', weight: 1 },
        ],
        proportional: true,
        order: { by: 'fewestServing' },
        eligibility: { ignoreCapacity: false },
        onNoAgent: 'stop',
      },
    ],
    defaultRule: {
      name: '默认规则',
      enabled: true,
      agents: [{ id: 'zhang-wei' }, { id: 'li-lei' }],
      order: { by: 'fewestServing', period: 'month' },
    },
  };
}

/** The issues of the seed rule set after `change`; the test fails when it validates. */
function issuesAfter(change: (ruleSet: RuleSet) => void): ValidationIssue[] {
  const ruleSet = seedRuleSet();
  change(ruleSet);
  const result = validateRuleSet(ruleSet);
  if (result.ok) throw new Error('expected the rule set to be invalid');
  return result.issues;
}

function codesAndPaths(issues: ValidationIssue[]): { code: string; path: IssuePath }[] {
  return issues.map(({ code, path }) => ({ code, path }));
}

/** Every object and array reachable from a value. */
function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (typeof value === 'object' && value !== null && !found.has(value)) {
    found.add(value);
    for (const child of Object.values(value)) objectsIn(child, found);
  }
  return found;
}

describe('validateRuleSet on a valid rule set', () => {
  it('accepts the seed-like rule set and returns a deep copy equal to it', () => {
    const input = seedRuleSet();
    const result = validateRuleSet(input);
    expect(result).toEqual({ ok: true, ruleSet: seedRuleSet() });
    if (!result.ok) return;
    expect(result.ruleSet).toStrictEqual(input);
  });

  it('returns a copy that shares no object or array with the input', () => {
    const input = seedRuleSet();
    const result = validateRuleSet(input);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const shared = [...objectsIn(result.ruleSet)].filter((object) => objectsIn(input).has(object));
    expect(shared).toEqual([]);
  });

  it('is not affected by later changes to the input', () => {
    const input = seedRuleSet();
    const result = validateRuleSet(input);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    input.rules[1]!.agents.push({ id: 'intruder' });
    (input.rules[2]!.when as { any: Condition[] }).any.pop();
    input.settings.auto.enabled = false;
    expect(result.ruleSet).toStrictEqual(seedRuleSet());
  });

  it('accepts an empty rule list, a null default rule and an explicit "$default" id', () => {
    const minimal: RuleSet = {
      version: 1,
      timeZone: 'UTC',
      settings: seedRuleSet().settings,
      rules: [],
      defaultRule: null,
    };
    expect(validateRuleSet(minimal)).toEqual({ ok: true, ruleSet: minimal });
    const withId: RuleSet = { ...minimal, defaultRule: { ...seedRuleSet().defaultRule!, id: '$default' } };
    expect(validateRuleSet(withId)).toEqual({ ok: true, ruleSet: withId });
  });

  it('accepts hour windows that span midnight and end at 24:00', () => {
    const result = validateRuleSet({
      ...seedRuleSet(),
      rules: [
        {
          ...seedRuleSet().rules[0]!,
          schedule: {
            hours: [
              { from: '22:00', to: '06:00' },
              { from: '00:00', to: '24:00' },
            ],
          },
        },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it('leaves out keys the input held as undefined', () => {
    const input = { ...seedRuleSet(), weekStartsOn: undefined };
    const result = validateRuleSet(input);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect('weekStartsOn' in result.ruleSet).toBe(false);
  });
});

describe('validateRuleSet reports each issue code at its path', () => {
  it('invalid_type: the root is not an object', () => {
    for (const junk of [null, [], 42, 'rules', new Date(0)]) {
      const result = validateRuleSet(junk);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(codesAndPaths(result.issues)).toEqual([{ code: 'invalid_type', path: [] }]);
    }
  });

  it('invalid_type: a setting is not a boolean', () => {
    const issues = issuesAfter((rs) => {
      (rs.settings.manual as Record<string, unknown>).enabled = 'yes';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_type', path: ['settings', 'manual', 'enabled'] }]);
    expect(issues[0]!.message).toBe('Expected a boolean (true or false), got the string "yes".');
  });

  it('invalid_value: version is not 1', () => {
    const issues = issuesAfter((rs) => {
      (rs as { version: number }).version = 2;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['version'] }]);
  });

  it('invalid_value: weekStartsOn is outside 0..6', () => {
    const issues = issuesAfter((rs) => {
      rs.weekStartsOn = 7 as never;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['weekStartsOn'] }]);
  });

  it('invalid_value: a weekday is repeated, and the message names the first', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.schedule!.weekdays = [1, 2, 1];
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['rules', 1, 'schedule', 'weekdays', 2] }]);
    expect(issues[0]!.message).toContain('first at index 0');
  });

  it('invalid_value: a rule without participants', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[0]!.agents = [];
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['rules', 0, 'agents'] }]);
  });

  it('invalid_value: an unknown order', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[0]!.order = { by: 'random' } as never;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['rules', 0, 'order', 'by'] }]);
    expect(issues[0]!.message).toContain('"roundRobin"');
  });

  it('invalid_value: a default rule with another id', () => {
    const issues = issuesAfter((rs) => {
      (rs.defaultRule as Record<string, unknown>).id = 'fallback';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['defaultRule', 'id'] }]);
  });

  it('missing: a required key is absent', () => {
    const issues = issuesAfter((rs) => {
      delete (rs as Partial<RuleSet>).timeZone;
      delete (rs.rules[1] as { name?: string }).name;
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'missing', path: ['timeZone'] },
      { code: 'missing', path: ['rules', 1, 'name'] },
    ]);
    expect(issues[1]!.message).toBe('Missing "name" in a rule: expected a string.');
  });

  it('missing: fewestAssigned needs a period', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.order = { by: 'fewestAssigned' } as never;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'missing', path: ['rules', 1, 'order', 'period'] }]);
  });

  it('unknown_key: a typo, with a suggestion and the allowed keys', () => {
    const issues = issuesAfter((rs) => {
      const rule = rs.rules[1]!;
      Object.assign(rule, { shedule: rule.schedule });
      delete rule.schedule;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown_key', path: ['rules', 1, 'shedule'] }]);
    expect(issues[0]!.message).toContain('Did you mean "schedule"?');
    expect(issues[0]!.message).toContain('Allowed keys: id, appliesTo, when, name');
  });

  it('unknown_key: a period on a roundRobin order', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[0]!.order = { by: 'roundRobin', period: 'day' } as never;
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown_key', path: ['rules', 0, 'order', 'period'] }]);
  });

  it('unknown_key: a condition on the default rule, explained', () => {
    const issues = issuesAfter((rs) => {
      Object.assign(rs.defaultRule!, { when: "region == '上海'", appliesTo: 'contact' });
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'unknown_key', path: ['defaultRule', 'when'] },
      { code: 'unknown_key', path: ['defaultRule', 'appliesTo'] },
    ]);
    expect(issues[0]!.message).toContain('The default rule has no condition');
  });

  it('duplicate_id: a rule id used twice is reported at the second, naming the first', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[2]!.id = 'national-day';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'duplicate_id', path: ['rules', 2, 'id'] }]);
    expect(issues[0]!.message).toContain('rules[0]');
  });

  it('duplicate_id: an agent listed twice in one rule', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.agents.push({ id: 'li-lei' });
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'duplicate_id', path: ['rules', 1, 'agents', 2, 'id'] }]);
    expect(issues[0]!.message).toContain('index 0');
  });

  it('reserved_id: a rule named "$default"', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[0]!.id = '$default';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'reserved_id', path: ['rules', 0, 'id'] }]);
  });

  it('forbidden_name: prototype names as field names, rule ids, agent ids and keys', () => {
    const issues = issuesAfter((rs) => {
      rs.fields = JSON.parse('{"region": "string", "__proto__": "string"}');
      rs.rules[0]!.id = 'constructor';
      (rs.rules[1]!.agents[0] as AgentParticipant).id = 'prototype';
      rs.rules[2] = { ...JSON.parse('{"__proto__": {"enabled": false}}'), ...rs.rules[2]! };
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'forbidden_name', path: ['fields', '__proto__'] },
      { code: 'forbidden_name', path: ['rules', 0, 'id'] },
      { code: 'forbidden_name', path: ['rules', 1, 'agents', 0, 'id'] },
      { code: 'forbidden_name', path: ['rules', 2, '__proto__'] },
    ]);
  });

  it('invalid_time_zone: in the rule set and in a schedule', () => {
    const issues = issuesAfter((rs) => {
      rs.timeZone = 'Mars/Olympus_Mons';
      (rs.rules[0]!.schedule as Record<string, unknown>).timeZone = 'Beijing';
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_time_zone', path: ['timeZone'] },
      { code: 'invalid_time_zone', path: ['rules', 0, 'schedule', 'timeZone'] },
    ]);
  });

  it('invalid_time: an impossible time, a window starting at 24:00, an empty window', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.schedule!.hours = [
        { from: '08:00', to: '25:00' },
        { from: '24:00', to: '06:00' },
        { from: '09:30', to: '09:30' },
        { from: '8:00', to: '12:00' },
      ];
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_time', path: ['rules', 1, 'schedule', 'hours', 0, 'to'] },
      { code: 'invalid_time', path: ['rules', 1, 'schedule', 'hours', 1, 'from'] },
      { code: 'invalid_time', path: ['rules', 1, 'schedule', 'hours', 2, 'to'] },
      { code: 'invalid_time', path: ['rules', 1, 'schedule', 'hours', 3, 'from'] },
    ]);
  });

  it('invalid_date_range: a date that does not exist, and a range that ends before it starts', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[0]!.schedule!.dates = [
        { from: '2026-02-30', to: '2026-03-01' },
        { from: '2026-10-07', to: '2026-10-01' },
      ];
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_date_range', path: ['rules', 0, 'schedule', 'dates', 0, 'from'] },
      { code: 'invalid_date_range', path: ['rules', 0, 'schedule', 'dates', 1, 'to'] },
    ]);
  });

  it('invalid_weight: zero, negative and infinite weights', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[2]!.agents = [
        { id: 'a', weight: 0 },
        { id: 'b', weight: -1 },
        { id: 'c', weight: Number.POSITIVE_INFINITY },
        { id: 'd', weight: 0.5 },
      ];
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_weight', path: ['rules', 2, 'agents', 0, 'weight'] },
      { code: 'invalid_weight', path: ['rules', 2, 'agents', 1, 'weight'] },
      { code: 'invalid_weight', path: ['rules', 2, 'agents', 2, 'weight'] },
    ]);
  });

  it('invalid_duration: a pending timeout that is not an ISO-8601 duration', () => {
    for (const pendingTimeout of ['24h', 'P1M', 'PT0S']) {
      const issues = issuesAfter((rs) => {
        rs.settings.pendingTimeout = pendingTimeout;
      });
      expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_duration', path: ['settings', 'pendingTimeout'] }]);
    }
  });

  it('expression_syntax: a broken expression, with its source and position', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.when = "region == '北京' &&";
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'expression_syntax', path: ['rules', 1, 'when'] }]);
    expect(issues[0]!.expression).toBe("region == '北京' &&");
    expect(typeof issues[0]!.index).toBe('number');
  });

  it('expression_too_large: an expression over the size limit', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.when = Array.from({ length: 600 }, (_, i) => `level == ${i}`).join(' || ');
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'expression_too_large', path: ['rules', 1, 'when'] }]);
  });

  it('forbidden_name: a prototype name inside an agent condition', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.eligibility!.agentWhen = 'agent.constructor == 1';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'forbidden_name', path: ['rules', 1, 'eligibility', 'agentWhen'] }]);
  });

  it('unknown_function: a function the language does not have', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.when = "trim(region) == '北京'";
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown_function', path: ['rules', 1, 'when'] }]);
  });

  it('unknown_field: a field that is not declared', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.when = "regoin == '北京'";
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'unknown_field', path: ['rules', 1, 'when'] }]);
  });

  it('type_mismatch: comparing a number field with a string', () => {
    const issues = issuesAfter((rs) => {
      rs.rules[1]!.when = 'level == "3"';
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'type_mismatch', path: ['rules', 1, 'when'] }]);
  });

  it('checks conditions without field declarations when the declarations are invalid', () => {
    const issues = issuesAfter((rs) => {
      rs.fields = { region: 'text' } as never;
      rs.rules[1]!.when = "regoin == '北京'";
    });
    expect(codesAndPaths(issues)).toEqual([{ code: 'invalid_value', path: ['fields', 'region'] }]);
  });
});

describe('validateRuleSet reports all issues at once', () => {
  it('finds every mistake of a carelessly edited rule set', () => {
    const issues = issuesAfter((rs) => {
      (rs as { version: number }).version = 0;
      rs.settings.application = { enabled: true } as never;
      rs.settings.pendingTimeout = 'one day';
      rs.rules[0]!.schedule!.dates![0]!.to = '2026-13-01';
      Object.assign(rs.rules[0]!, { enabeld: true });
      rs.rules[1]!.schedule!.weekdays = [0, 5] as never;
      rs.rules[1]!.eligibility!.presence = ['online', 'sleeping'] as never;
      rs.rules[2]!.id = 'beijing';
      rs.rules[2]!.agents[1]!.weight = 0;
      rs.rules[2]!.when = "level >= 3 && regoin == 'x'";
      rs.defaultRule!.order = { by: 'fewestAssigned' } as never;
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_value', path: ['version'] },
      { code: 'missing', path: ['settings', 'application', 'adminApproval'] },
      { code: 'missing', path: ['settings', 'application', 'agentConfirmation'] },
      { code: 'invalid_duration', path: ['settings', 'pendingTimeout'] },
      { code: 'unknown_key', path: ['rules', 0, 'enabeld'] },
      { code: 'invalid_date_range', path: ['rules', 0, 'schedule', 'dates', 0, 'to'] },
      { code: 'invalid_value', path: ['rules', 1, 'schedule', 'weekdays', 0] },
      { code: 'invalid_value', path: ['rules', 1, 'eligibility', 'presence', 1] },
      { code: 'duplicate_id', path: ['rules', 2, 'id'] },
      { code: 'unknown_field', path: ['rules', 2, 'when'] },
      { code: 'invalid_weight', path: ['rules', 2, 'agents', 1, 'weight'] },
      { code: 'missing', path: ['defaultRule', 'order', 'period'] },
    ]);
  });

  it('gives every issue a known code, a path and a message', () => {
    const issues = issuesAfter((rs) => {
      Object.assign(rs, { rules: [null, 1, 'x', [], { id: '' }], defaultRule: [], fields: 3, settings: {} });
    });
    expect(issues.length).toBeGreaterThan(5);
    for (const issue of issues) {
      expect(issue.message.length).toBeGreaterThan(10);
      expect(Array.isArray(issue.path)).toBe(true);
    }
  });
});

describe('validateRuleSet on hostile input', () => {
  function nested(depth: number, inner: unknown, wrap: (value: unknown) => unknown): unknown {
    let value = inner;
    for (let level = 0; level < depth; level++) value = wrap(value);
    return value;
  }

  it('reports deeply nested junk without overflowing the stack', () => {
    const deepArray = nested(100_000, 1, (value) => [value]);
    const deepObject = nested(100_000, 1, (value) => ({ all: [value] }));
    const issues = issuesAfter((rs) => {
      Object.assign(rs, { extra: deepArray });
      Object.assign(rs.rules[0]!, { when: deepObject });
      Object.assign(rs.rules[1]!, { when: { field: 'tags', op: 'in', value: deepArray } });
      Object.assign(rs.rules, { 3: deepArray });
    });
    expect(issues.map((issue) => issue.path.slice(0, 3))).toEqual(
      expect.arrayContaining([['extra'], ['rules', 0, 'when'], ['rules', 1, 'when'], ['rules', 3]]),
    );
  });

  it('accepts objects without a prototype, as Object.create(null) makes them', () => {
    const bare = (value: object) => Object.assign(Object.create(null) as object, value);
    const input = bare({ ...seedRuleSet(), settings: bare(seedRuleSet().settings) });
    const result = validateRuleSet(input);
    expect(result).toEqual({ ok: true, ruleSet: seedRuleSet() });
    if (result.ok) expect(Object.getPrototypeOf(result.ruleSet)).toBe(Object.prototype);
  });

  it('never reads values inherited from a polluted Object.prototype', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.agentConfirmation = true;
    prototype.extra = 'polluted';
    try {
      const issues = issuesAfter((rs) => {
        delete (rs.settings.manual as { agentConfirmation?: boolean }).agentConfirmation;
      });
      expect(codesAndPaths(issues)).toEqual([{ code: 'missing', path: ['settings', 'manual', 'agentConfirmation'] }]);
    } finally {
      delete prototype.agentConfirmation;
      delete prototype.extra;
    }
  });

  it('refuses class instances and other non-plain objects where objects are expected', () => {
    const issues = issuesAfter((rs) => {
      Object.assign(rs, { settings: new Map(Object.entries(rs.settings)) });
      Object.assign(rs.rules[0]!, { schedule: new Date(0) });
    });
    expect(codesAndPaths(issues)).toEqual([
      { code: 'invalid_type', path: ['settings'] },
      { code: 'invalid_type', path: ['rules', 0, 'schedule'] },
    ]);
    expect(issues[0]!.message).toBe('Expected an object (the settings), got a Map object.');
  });
});

