import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionOptions } from '../../src/core/expr/compileCondition.js';
import type { AgentSnapshot } from '../../src/core/types.js';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const DAY = 86_400_000;

function compiled(source: unknown, options: Partial<ConditionOptions> = {}) {
  const result = compileCondition(source, { context: 'subject', path: ['when'], ...options });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(source)} to compile: ${JSON.stringify(result.issues)}`);
  return result;
}

function value(source: string, fields: object = {}, agent: AgentSnapshot | null = null, now = NOW): unknown {
  const context = agent === null ? 'subject' : 'agent';
  return compiled(source, { context }).evaluate(fields as Record<string, unknown>, agent, now);
}

describe('literals', () => {
  it.each([
    ['1', 1],
    ['2.5', 2.5],
    ['1e3', 1000],
    ["'single'", 'single'],
    ['"double"', 'double'],
    ["'it\\'s'", "it's"],
    ['true', true],
    ['false', false],
    ['null', null],
    ['-1', -1],
    ["[1, 'a', null, true]", [1, 'a', null, true]],
    ['[[1], []]', [[1], []]],
  ])('%s evaluates to %j', (source, expected) => {
    expect(value(source)).toEqual(expected);
  });

  it('hands out list literals frozen, so a caller cannot change the compiled condition', () => {
    expect(Object.isFrozen(value('[1, 2]'))).toBe(true);
  });
});

describe('fields', () => {
  it.each([
    ['region', { region: 'north' }, 'north'],
    ['region', {}, null],
    ['region', { region: undefined }, null],
    ['region', { region: null }, null],
    ['customer.region', { region: 'north' }, 'north'],
    ['contact.region', { region: 'north' }, 'north'],
    ['subject.region', { region: 'north' }, 'north'],
    ["subject['annual revenue']", { 'annual revenue': 5 }, 5],
    ['subject', { subject: 'Refund' }, 'Refund'],
    ['address.city', { address: { city: 'Oslo' } }, 'Oslo'],
    ['address.city', { address: 'Oslo' }, null],
    ['address.city', {}, null],
    ["address['city']", { address: { city: 'Oslo' } }, 'Oslo'],
    ['tags[0]', { tags: ['vip', 'new'] }, 'vip'],
    ['tags[2]', { tags: ['vip', 'new'] }, null],
    ['tags.length', { tags: ['vip', 'new'] }, 2],
    ['name.length', { name: 'Ada' }, 3],
    ['name[0]', { name: 'Ada' }, null],
    ['客户等级', { 客户等级: 3 }, 3],
  ])('%s of %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toEqual(expected);
  });

  it('gives null, never undefined, for a missing field', () => {
    expect(value('missing')).toBeNull();
    expect(value('a.b.c', { a: {} })).toBeNull();
  });
});

describe('values found in the data', () => {
  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 10n],
    ['NaN', Number.NaN],
    ['an invalid Date', new Date(Number.NaN)],
  ])('reads %s as null', (_what, data) => {
    expect(value('x', { x: data })).toBeNull();
  });

  it('reads a real Date as its ISO-8601 string', () => {
    expect(value('x', { x: new Date(Date.UTC(2026, 2, 1, 9, 30)) })).toBe('2026-03-01T09:30:00.000Z');
  });

  it('compares Dates with ISO strings as strings', () => {
    const fields = { created: new Date(Date.UTC(2026, 2, 1)) };
    expect(value("created > '2026-01-01'", fields)).toBe(true);
    expect(value("created < '2026-01-01'", fields)).toBe(false);
  });

  it('keeps Infinity, which compares like any number', () => {
    expect(value('x > 1e300', { x: Number.POSITIVE_INFINITY })).toBe(true);
  });
});

describe('== and !=', () => {
  it.each([
    ['a == 1', { a: 1 }, true],
    ["a == '1'", { a: 1 }, false],
    ["a != '1'", { a: 1 }, true],
    ['a == true', { a: 1 }, false],
    ['a == 0', { a: false }, false],
    ["a == ''", { a: 0 }, false],
    ['a == null', {}, true],
    ['a == null', { a: undefined }, true],
    ['a != null', { a: 0 }, true],
    ['a == b', {}, true],
    ["tags == ['a', 'b']", { tags: ['a', 'b'] }, true],
    ["tags == ['b', 'a']", { tags: ['a', 'b'] }, false],
    ["tags == ['a']", { tags: ['a', 'b'] }, false],
    ["tags != ['a', 'b']", { tags: ['a', 'b'] }, false],
    ['[1, [2, 3]] == [1, [2, 3]]', {}, true],
    ['a == b', { a: [1, [2]], b: [1, [2]] }, true],
    ['a == b', { a: { x: 1 }, b: { x: 1 } }, false],
    ["a == 'a'", { a: ['a'] }, false],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('< <= > >=', () => {
  it.each([
    ['a < 2', { a: 1 }, true],
    ['a <= 1', { a: 1 }, true],
    ['a > 1', { a: 1 }, false],
    ['a >= 1', { a: 1 }, true],
    ["a < '2'", { a: 1 }, false],
    ["a >= '1'", { a: 1 }, false],
    ["'apple' < 'banana'", {}, true],
    ["a > 'B'", { a: 'a' }, true],
    ['a < b', { a: 1, b: 2 }, true],
    ['a < b', { a: '1', b: 2 }, false],
    ['a < 1', {}, false],
    ['a >= 0', { a: null }, false],
    ['true > false', {}, false],
    ['a <= b', { a: [1], b: [1] }, false],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('arithmetic', () => {
  it.each([
    ['a + 1', { a: 1 }, 2],
    ['a - 1', { a: 1 }, 0],
    ['a * 3', { a: 2 }, 6],
    ['a / 4', { a: 2 }, 0.5],
    ['a % 3', { a: 7 }, 1],
    ['-a', { a: 2 }, -2],
    ['a + 1', { a: '1' }, null],
    ["'a' + 'b'", {}, null],
    ['a + 1', {}, null],
    ['a * 2', { a: true }, null],
    ['-a', { a: 'x' }, null],
    ['1 / 0', {}, null],
    ['a / 0', { a: 1 }, null],
    ['5 % 0', {}, null],
    ['a * a', { a: 1e200 }, null],
    ['2 + 3 * 4', {}, 14],
    ['(2 + 3) * 4', {}, 20],
    ['a + 1 > 2', { a: 2 }, true],
    ['a + 1 == null', { a: 'x' }, true],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('&& || ! and ? : treat only exactly true as true', () => {
  it.each([
    ['a && b', { a: true, b: true }, true],
    ['a && b', { a: true, b: 1 }, false],
    ['a && b', { a: 'true', b: true }, false],
    ['a || b', { a: 1, b: 'yes' }, false],
    ['a || b', { a: null, b: true }, true],
    ['a || b', {}, false],
    ['!a', { a: true }, false],
    ['!a', { a: false }, true],
    ['!a', { a: 1 }, true],
    ['!a', {}, true],
    ['!!a', { a: 1 }, false],
    ["a ? 'y' : 'n'", { a: true }, 'y'],
    ["a ? 'y' : 'n'", { a: 1 }, 'n'],
    ["a ? 'y' : 'n'", {}, 'n'],
    ["a ? 'y' : b ? 'z' : 'n'", { b: true }, 'z'],
    ['a == 1 || a == 2 && b', { a: 2, b: false }, false],
    ['a == 1 || a == 2 && b', { a: 1, b: false }, true],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('in', () => {
  it.each([
    ['a in [1, 2]', { a: 2 }, true],
    ["a in [1, 2]", { a: '2' }, false],
    ['a in [1, 2]', {}, false],
    ['a in [1, null]', {}, true],
    ["a in ['north', 'west']", { a: 'west' }, true],
    ["'vip' in tags", { tags: ['new', 'vip'] }, true],
    ["'vip' in tags", { tags: ['new'] }, false],
    ["'vip' in tags", { tags: 'supervip' }, true],
    ["'vip' in tags", {}, false],
    ["'vip' in tags", { tags: { vip: true } }, false],
    ["1 in 'a1'", {}, false],
    ['a in [[1], [2]]', { a: [2] }, true],
    ['a in b', { a: 1, b: [3, 1] }, true],
    ['a in b', { a: [1], b: [[1]] }, true],
    ["x in tags", { x: '2026-01-01T00:00:00.000Z', tags: [new Date(Date.UTC(2026, 0, 1))] }, true],
    ['x in tags', { x: null, tags: [undefined] }, true],
    ['!(a in [1, 2])', { a: 3 }, true],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('functions and methods', () => {
  it.each([
    ["contains(tags, 'x')", { tags: ['x'] }, true],
    ["contains(tags, 'y')", { tags: ['x'] }, false],
    ["contains(name, 'da')", { name: 'Ada' }, true],
    ['contains(n, 5)', { n: 5 }, false],
    ["startsWith(name, 'Ad')", { name: 'Ada' }, true],
    ["startsWith(name, 'da')", { name: 'Ada' }, false],
    ["startsWith(n, '5')", { n: 55 }, false],
    ["endsWith(name, 'da')", { name: 'Ada' }, true],
    ['endsWith(name, 1)', { name: 'Ada1' }, false],
    ['lower(name)', { name: 'ÀDA' }, 'àda'],
    ['upper(name)', { name: 'straße' }, 'STRASSE'],
    ['lower(n)', { n: 5 }, null],
    ['upper(missing)', {}, null],
    ['len(name)', { name: 'Ada' }, 3],
    ['len(tags)', { tags: [1, 2] }, 2],
    ['len(n)', { n: 12 }, null],
    ['len(o)', { o: { length: 3 } }, null],
    ['exists(a)', { a: 0 }, true],
    ["exists(a)", { a: '' }, true],
    ['exists(a)', { a: null }, false],
    ['exists(a)', {}, false],
    ['exists(a.b)', { a: { b: false } }, true],
    ["name.includes('d')", { name: 'Ada' }, true],
    ["tags.includes('x')", { tags: ['x'] }, true],
    ["n.includes('x')", { n: 1 }, false],
    ["name.startsWith('A')", { name: 'Ada' }, true],
    ["name.endsWith('a')", { name: 'Ada' }, true],
    ["tags.startsWith('x')", { tags: ['x'] }, false],
    ["lower(name).startsWith('ad')", { name: 'ADA' }, true],
    ['len(lower(name))', { name: 'ADA' }, 3],
  ])('%s with %j is %j', (source, fields, expected) => {
    expect(value(source, fields)).toBe(expected);
  });
});

describe('daysSince', () => {
  it.each([
    ['a date (midnight UTC)', '2026-01-01', 9],
    ['a date-time in UTC', '2026-01-09T12:00:00Z', 1],
    ['a date-time one millisecond short of a day', '2026-01-09T12:00:00.001Z', 0],
    ['a date-time with an offset', '2026-01-10T19:00:00+08:00', 0],
    ['a date-time with an offset, a day earlier', '2026-01-09T19:00:00+08:00', 1],
    ['a date-time without zone (read as UTC)', '2026-01-08T12:00', 2],
    ['epoch milliseconds', NOW - 3 * DAY, 3],
    ['a future date (negative)', '2026-01-20', -10],
    ['a real Date', new Date(NOW - 30 * DAY), 30],
  ])('counts whole days since %s', (_what, date, expected) => {
    expect(value('daysSince(d)', { d: date })).toBe(expected);
  });

  it.each([['not a date'], ['2026-02-30'], ['2026-13-01'], ['01/02/2026'], [true], [null], [[2026]]])(
    'is null for %j',
    (date) => {
      expect(value('daysSince(d)', { d: date })).toBeNull();
    },
  );

  it('uses the now given to the evaluator, not the clock', () => {
    const { evaluate } = compiled('daysSince(d)');
    expect(evaluate({ d: '2026-01-01' }, null, Date.UTC(2026, 0, 2))).toBe(1);
    expect(evaluate({ d: '2026-01-01' }, null, Date.UTC(2027, 0, 1))).toBe(365);
  });
});

describe('agent properties (eligibility.agentWhen)', () => {
  const agent: AgentSnapshot = {
    id: 'li-lei',
    skills: ['billing', 'vip'],
    languages: ['zh', 'en'],
    attributes: { team: 'north', seniority: 3 },
  };

  it.each([
    ['agent.id', agent, 'li-lei'],
    ['agent.enabled', agent, true],
    ['agent.enabled', { ...agent, enabled: false }, false],
    ['agent.presence', agent, 'online'],
    ['agent.presence', { ...agent, presence: 'busy' }, 'busy'],
    ['agent.capacity', agent, null],
    ['agent.capacity', { ...agent, capacity: 20 }, 20],
    ["'vip' in agent.skills", agent, true],
    ["agent.languages.includes('en')", agent, true],
    ['agent.team', agent, 'north'],
    ['agent.seniority >= 3', agent, true],
    ['agent.unknown', agent, null],
    ['agent.team', { id: 'x' }, null],
    ['agent.skills', { id: 'x' }, null],
  ])('%s of %j is %j', (source, snapshot, expected) => {
    expect(value(source, {}, snapshot as AgentSnapshot)).toEqual(expected);
  });

  it('sees the subject too', () => {
    expect(value('agent.team == region', { region: 'north' }, agent)).toBe(true);
  });

  it('reads everything as null without an agent', () => {
    const { evaluate } = compiled('agent.enabled', { context: 'agent' });
    expect(evaluate({}, null, NOW)).toBeNull();
  });
});

describe('test(): a condition holds only when it is exactly true', () => {
  it.each([
    ['true', {}, true],
    ['a', { a: true }, true],
    ['a', { a: 1 }, false],
    ['a', { a: 'true' }, false],
    ['a', { a: [true] }, false],
    ['a', {}, false],
    ["a ? true : 'yes'", { a: false }, false],
    ['a == 1', { a: 1 }, true],
  ])('%s with %j holds: %j', (source, fields, expected) => {
    expect(compiled(source).test(fields, null, NOW)).toBe(expected);
  });
});

describe('the structured form', () => {
  const fields = { level: 3, region: 'north', tags: ['vip'], name: 'Ada', address: { city: 'Oslo' } };
  it.each([
    [{ field: 'level', op: 'eq', value: 3 }, true],
    [{ field: 'level', op: 'eq', value: '3' }, false],
    [{ field: 'level', op: 'ne', value: '3' }, true],
    [{ field: 'level', op: 'gt', value: 2 }, true],
    [{ field: 'level', op: 'gte', value: 4 }, false],
    [{ field: 'level', op: 'lt', value: 4 }, true],
    [{ field: 'level', op: 'lte', value: 3 }, true],
    [{ field: 'level', op: 'lt', value: '4' }, false],
    [{ field: 'region', op: 'in', value: ['north', 'west'] }, true],
    [{ field: 'region', op: 'notIn', value: ['north', 'west'] }, false],
    [{ field: 'missing', op: 'notIn', value: ['north'] }, true],
    [{ field: 'tags', op: 'contains', value: 'vip' }, true],
    [{ field: 'name', op: 'contains', value: 'd' }, true],
    [{ field: 'name', op: 'startsWith', value: 'A' }, true],
    [{ field: 'name', op: 'endsWith', value: 'A' }, false],
    [{ field: 'name', op: 'exists' }, true],
    [{ field: 'name', op: 'exists', value: false }, false],
    [{ field: 'missing', op: 'exists', value: false }, true],
    [{ field: 'customer.region', op: 'eq', value: 'north' }, true],
    [{ field: 'address.city', op: 'eq', value: 'Oslo' }, true],
    [{ field: 'tags.length', op: 'eq', value: 1 }, true],
    [{ all: [] }, true],
    [{ any: [] }, false],
    [{ all: [{ field: 'level', op: 'eq', value: 3 }, { field: 'region', op: 'eq', value: 'north' }] }, true],
    [{ all: [{ field: 'level', op: 'eq', value: 3 }, { field: 'region', op: 'eq', value: 'south' }] }, false],
    [{ any: [{ field: 'level', op: 'eq', value: 1 }, { field: 'region', op: 'eq', value: 'north' }] }, true],
    [{ not: { field: 'level', op: 'eq', value: 3 } }, false],
  ])('%j is %j', (condition, expected) => {
    expect(compiled(condition).evaluate(fields, null, NOW)).toBe(expected);
  });

  it('reads agent.* in agent context', () => {
    const { test } = compiled({ field: 'agent.skills', op: 'contains', value: 'vip' }, { context: 'agent' });
    expect(test({}, { id: 'a', skills: ['vip'] }, NOW)).toBe(true);
    expect(test({}, { id: 'b', skills: [] }, NOW)).toBe(false);
  });

  it('copies its values, so changing the rule set afterwards changes nothing', () => {
    const list = ['north'];
    const { test } = compiled({ field: 'region', op: 'in', value: list });
    list[0] = 'south';
    expect(test({ region: 'north' }, null, NOW)).toBe(true);
  });
});
