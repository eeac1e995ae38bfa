import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionOptions } from '../../src/core/expr/compileCondition.js';
import { FUNCTION_NAMES, METHOD_NAMES } from '../../src/core/expr/functionNames.js';
import type { FieldType } from '../../src/core/ruleset/types.js';

const PATH = ['rules', 2, 'when'];

function issuesOf(source: unknown, options: Partial<ConditionOptions> = {}) {
  const result = compileCondition(source, { context: 'subject', path: PATH, ...options });
  return result.ok ? [] : result.issues;
}

/** Index of the `occurrence`-th (0-based) `needle` in `source`. */
function at(source: string, needle: string, occurrence = 0): number {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = source.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in ${source}`);
  return index;
}

const DECLARED: Record<string, FieldType> = {
  level: 'number',
  name: 'string',
  vip: 'boolean',
  created: 'date',
  tags: 'string[]',
  scores: 'number[]',
};

describe('issue positions point at the offending name or character', () => {
  it.each<[string, string, string, number, Partial<ConditionOptions>?]>([
    ["region == 'n' && constructor == 1", 'forbidden_name', 'constructor', 0],
    ['a.b.__proto__', 'forbidden_name', '__proto__', 0],
    ["a['__proto__'] == 1", 'forbidden_name', "'__proto__'", 0],
    ["'constructor' == constructor", 'forbidden_name', 'constructor', 1],
    ['x && y.lower()', 'unknown_function', 'lower', 0],
    ['lower(a) == lower', 'unknown_field', 'lower', 1, { fields: { a: 'string' } }],
    ['len(a, b)', 'expression_syntax', 'len', 0],
    ['a ===  b', 'expression_syntax', '===', 0],
    ['a == 1 && b === 2', 'expression_syntax', '===', 0],
    ['~a', 'expression_syntax', '~', 0],
    ['a b', 'expression_syntax', 'b', 0],
    ['this.x', 'expression_syntax', 'this', 0],
    ['a?.b', 'expression_syntax', 'b', 0],
    ["a?.b == 1 ? 'x' : 'y'", 'expression_syntax', 'b', 0],
    ["a == 1 ? x?.y : 2", 'expression_syntax', 'y', 0],
    ['(x ? 1 : 2) + (level ? 1 : 2)', 'type_mismatch', '?', 1, { fields: { ...DECLARED, x: 'boolean' } }],
    ['[1, a] == b', 'expression_syntax', '[', 0],
    ['tags[a]', 'expression_syntax', '[', 0],
    ['1 == 1 && 1e999 > a', 'invalid_value', '1e999', 0],
    ["level == '3'", 'type_mismatch', '==', 0, { fields: DECLARED }],
    ["level == 3 && name == 3", 'type_mismatch', '==', 1, { fields: DECLARED }],
    ["'x' in level", 'type_mismatch', 'in', 0, { fields: DECLARED }],
    ['a in [1] && (level in name)', 'type_mismatch', 'in', 1, { fields: { ...DECLARED, a: 'number' } }],
    ["'levle' == levle", 'unknown_field', 'levle', 1, { fields: DECLARED }],
    ['customer.levle > 1', 'unknown_field', 'levle', 0, { fields: DECLARED }],
    ['agent.skills', 'unknown_field', 'agent', 0],
    ['客户等级 >= 3 && constructor', 'forbidden_name', 'constructor', 0],
    ['a == (b', 'expression_syntax', '(b', 1],
  ])('%s: %s at %j', (source, code, needle, occurrence, options = {}) => {
    // `(b`'s occurrence 1 does not exist: jsep reports the unclosed group at the end of the source.
    const expected = needle === '(b' ? source.length : at(source, needle, occurrence);
    const issues = issuesOf(source, options);
    expect(issues.map(({ code: c, index }) => ({ code: c, index }))).toEqual([{ code, index: expected }]);
  });

  it('does not mistake the ? of ?. for a conditional', () => {
    const source = 'tags?.length ? (level ? 1 : 2) : 3';
    const issues = issuesOf(source, { fields: DECLARED });
    expect(issues.map(({ code, index }) => ({ code, index }))).toEqual([
      { code: 'expression_syntax', index: at(source, 'length') },
      { code: 'type_mismatch', index: at(source, '?', 2) },
    ]);
  });

  it('reports jsep syntax errors where jsep stopped', () => {
    const [issue] = issuesOf('a == ');
    expect(issue).toMatchObject({ code: 'expression_syntax', path: PATH, index: 5, expression: 'a == ' });
    expect(issuesOf("name == 'unclosed")[0]).toMatchObject({ code: 'expression_syntax', index: 17 });
    expect(issuesOf('a == 1 )')[0]).toMatchObject({ code: 'expression_syntax', index: at('a == 1 )', ')') });
  });

  it('reports every issue of one condition, each with its own position', () => {
    const source = 'foo(a) || levle > 1 || constructor || bar(level) || level == "3"';
    const issues = issuesOf(source, { fields: { ...DECLARED, a: 'number' } });
    expect(issues.map(({ code, index }) => ({ code, index }))).toEqual([
      { code: 'unknown_function', index: at(source, 'foo') },
      { code: 'unknown_field', index: at(source, 'levle') },
      { code: 'forbidden_name', index: at(source, 'constructor') },
      { code: 'unknown_function', index: at(source, 'bar') },
      { code: 'type_mismatch', index: at(source, '==') },
    ]);
  });

  it('gives every string-form issue the path, the index and the source', () => {
    for (const issue of issuesOf('constructor || foo() || a ===')) {
      expect(issue.path).toEqual(PATH);
      expect(issue.expression).toBe('constructor || foo() || a ===');
      expect(issue.index).toEqual(expect.any(Number));
    }
  });

  it('gives structured-form issues a path into the tree and no index', () => {
    const [issue] = issuesOf({ any: [{ field: 'a', op: 'eq', value: 1 }, { field: 'constructor', op: 'exists' }] });
    expect(issue).toEqual({
      code: 'forbidden_name',
      path: [...PATH, 'any', 1, 'field'],
      message: expect.any(String),
      params: { name: 'constructor' },
    });
  });

  it('names what is available in unknown-function messages', () => {
    const [fn] = issuesOf('eval(a)');
    for (const name of FUNCTION_NAMES) expect(fn!.message).toContain(name);
    const [method] = issuesOf('a.call(b)');
    for (const name of METHOD_NAMES) expect(method!.message).toContain(`.${name}()`);
  });

  it('says where agent.* is available', () => {
    expect(issuesOf('agent.presence == "online"')[0]!.message).toContain('eligibility.agentWhen');
    expect(issuesOf('agent.presence == "online"', { context: 'agent' })).toEqual([]);
    expect(issuesOf('agent', { context: 'agent' })[0]).toMatchObject({ code: 'unknown_field', index: 0 });
  });
});

describe('declared fields: unknown fields and type mismatches', () => {
  it.each([
    'level == 3',
    'level == null',
    'level > 2.5',
    "created > '2026-01-01'",
    "created == '2026-01-01'",
    "name < 'M'",
    'level + 1 > 2',
    "'x' in tags",
    '3 in scores',
    "'a' in name",
    'vip && level > 1',
    '!vip',
    'tags.length > 1',
    "tags[0] == 'x'",
    'len(name) > 2',
    "lower(name) == 'x'",
    'daysSince(created) > 3',
    "contains(tags, 'x')",
    "tags.includes('x')",
    "name.startsWith('A')",
    'exists(level)',
    'vip ? level : 0',
    "customer.level == 3 && contact.name == 'x' && subject.vip",
    "tags == ['a', 'b']",
    'level == unknownButNull',
  ])('accepts %s', (source) => {
    const fields = source.includes('unknownButNull') ? { ...DECLARED, unknownButNull: 'number' as const } : DECLARED;
    expect(issuesOf(source, { fields })).toEqual([]);
  });

  it.each([
    ["level == '3'", 'type_mismatch'],
    ['name == 3', 'type_mismatch'],
    ["vip == 'true'", 'type_mismatch'],
    ['name != 3', 'type_mismatch'],
    ["level < 'a'", 'type_mismatch'],
    ['created > 3', 'type_mismatch'],
    ['vip > false', 'type_mismatch'],
    ['tags < 1', 'type_mismatch'],
    ['name + 1', 'type_mismatch'],
    ['-name', 'type_mismatch'],
    ['!level', 'type_mismatch'],
    ['level && vip', 'type_mismatch'],
    ['3 in tags', 'type_mismatch'],
    ["'x' in scores", 'type_mismatch'],
    ["'x' in level", 'type_mismatch'],
    ['1 in name', 'type_mismatch'],
    ['lower(level)', 'type_mismatch'],
    ['len(level)', 'type_mismatch'],
    ['daysSince(vip)', 'type_mismatch'],
    ['contains(level, 1)', 'type_mismatch'],
    ['contains(tags, 1)', 'type_mismatch'],
    ["startsWith(level, 'a')", 'type_mismatch'],
    ["level.startsWith('a')", 'type_mismatch'],
    ['level.foo', 'type_mismatch'],
    ['tags.foo', 'type_mismatch'],
    ["scores == ['a']", 'type_mismatch'],
    ['level ? 1 : 2', 'type_mismatch'],
    ['tags[0] == 1', 'type_mismatch'],
    ['levle == 3', 'unknown_field'],
    ['customer.levle == 3', 'unknown_field'],
    ['process', 'unknown_field'],
  ])('rejects %s with %s', (source, code) => {
    expect(issuesOf(source, { fields: DECLARED }).map((issue) => issue.code)).toEqual([code]);
  });

  it('checks nothing about types when no fields are declared', () => {
    expect(issuesOf("level == '3' && lower(level) == 'x' && 3 in tags && process")).toEqual([]);
  });

  it('types agent properties in agent context', () => {
    const options = { context: 'agent' as const, fields: DECLARED };
    expect(issuesOf("'vip' in agent.skills && agent.capacity > 3 && agent.team == 'north'", options)).toEqual([]);
    expect(issuesOf("agent.capacity == 'many'", options).map((issue) => issue.code)).toEqual(['type_mismatch']);
  });
});
