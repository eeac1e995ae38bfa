import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionOptions } from '../../src/core/expr/compileCondition.js';
import type { Condition, ConditionOp } from '../../src/core/ruleset/types.js';

const NOW = Date.UTC(2026, 0, 10);
const PATH = ['rules', 0, 'when'];

function compile(input: unknown, options: Partial<ConditionOptions> = {}) {
  return compileCondition(input, { context: 'subject', path: PATH, ...options });
}

function issues(input: unknown, options: Partial<ConditionOptions> = {}) {
  const result = compile(input, options);
  return result.ok ? [] : result.issues.map(({ code, path }) => ({ code, path }));
}

describe('structured conditions that are not conditions', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a list', []],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Condition {})()],
    ['an empty object', {}],
    ['an object without condition keys', { when: 'a == 1' }],
  ])('reports %s as invalid_type at the condition path', (_what, input) => {
    expect(issues(input)).toEqual([{ code: 'invalid_type', path: PATH }]);
  });

  it.each([
    [{ field: 'a' }, [{ code: 'missing', path: [...PATH, 'op'] }]],
    [{ op: 'eq', value: 1 }, [{ code: 'missing', path: [...PATH, 'field'] }]],
    [{ field: 1, op: 'eq', value: 1 }, [{ code: 'invalid_type', path: [...PATH, 'field'] }]],
    [{ field: 'a', op: 7, value: 1 }, [{ code: 'invalid_type', path: [...PATH, 'op'] }]],
    [{ field: 'a', op: 'like', value: 1 }, [{ code: 'invalid_value', path: [...PATH, 'op'] }]],
    [{ field: 'a', op: 'eq' }, [{ code: 'missing', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'gt' }, [{ code: 'missing', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'in', value: 'north' }, [{ code: 'invalid_type', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'notIn', value: 1 }, [{ code: 'invalid_type', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'gt', value: true }, [{ code: 'invalid_type', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'startsWith', value: 1 }, [{ code: 'invalid_type', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'exists', value: 'yes' }, [{ code: 'invalid_type', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'eq', value: { x: 1 } }, [{ code: 'invalid_value', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'eq', value: Number.NaN }, [{ code: 'invalid_value', path: [...PATH, 'value'] }]],
    [{ field: 'a', op: 'in', value: [1, () => 1] }, [{ code: 'invalid_value', path: [...PATH, 'value', 1] }]],
    // biome-ignore lint/suspicious/noSparseArray: a list with a hole is the point of this case
    [{ field: 'a', op: 'in', value: [1, , 2] }, [{ code: 'invalid_value', path: [...PATH, 'value', 1] }]],
    [{ field: 'a', op: 'eq', value: 1, label: 'x' }, [{ code: 'unknown_key', path: [...PATH, 'label'] }]],
    [{ all: [], any: [] }, [{ code: 'unknown_key', path: [...PATH, 'any'] }]],
    [{ all: 'a == 1' }, [{ code: 'invalid_type', path: [...PATH, 'all'] }]],
    [{ any: ['a == 1'] }, [{ code: 'invalid_type', path: [...PATH, 'any', 0] }]],
    [{ not: null }, [{ code: 'invalid_type', path: [...PATH, 'not'] }]],
    [{ field: '', op: 'exists' }, [{ code: 'invalid_value', path: [...PATH, 'field'] }]],
    [{ field: 'a..b', op: 'exists' }, [{ code: 'invalid_value', path: [...PATH, 'field'] }]],
    [{ field: 'agent.skills', op: 'exists' }, [{ code: 'unknown_field', path: [...PATH, 'field'] }]],
  ])('%j gives %j', (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it('reports every issue in the tree, not only the first', () => {
    const input = {
      all: [
        { field: 'a', op: 'eq', value: 1 },
        { field: 'b', op: 'near', value: 1 },
        { any: [{ field: 'constructor', op: 'exists' }, { not: 5 }] },
        { field: 'c', op: 'in', value: 'x', extra: true },
      ],
    };
    expect(issues(input)).toEqual([
      { code: 'invalid_value', path: [...PATH, 'all', 1, 'op'] },
      { code: 'forbidden_name', path: [...PATH, 'all', 2, 'any', 0, 'field'] },
      { code: 'invalid_type', path: [...PATH, 'all', 2, 'any', 1, 'not'] },
      { code: 'unknown_key', path: [...PATH, 'all', 3, 'extra'] },
      { code: 'invalid_type', path: [...PATH, 'all', 3, 'value'] },
    ]);
  });

  it('ignores accessor properties: only data properties count', () => {
    const input = {
      get field() {
        return 'a';
      },
      op: 'exists',
    };
    expect(issues(input)).toEqual([{ code: 'missing', path: [...PATH, 'field'] }]);
  });

  it('accepts agent.* in agent context and a prefixed or dotted field', () => {
    expect(compile({ field: 'agent.presence', op: 'eq', value: 'online' }, { context: 'agent' }).ok).toBe(true);
    expect(compile({ field: 'contact.address.city', op: 'eq', value: 'Oslo' }).ok).toBe(true);
  });
});

describe('declared fields in the structured form', () => {
  const fields = { level: 'number', name: 'string', tags: 'string[]', created: 'date' } as const;
  it.each([
    [{ field: 'level', op: 'eq', value: '3' }, [{ code: 'type_mismatch', path: [...PATH, 'value'] }]],
    [{ field: 'level', op: 'gt', value: 'a' }, [{ code: 'type_mismatch', path: [...PATH, 'value'] }]],
    [{ field: 'created', op: 'gt', value: '2026-01-01' }, []],
    [{ field: 'level', op: 'in', value: [1, '2', 3] }, [{ code: 'type_mismatch', path: [...PATH, 'value', 1] }]],
    [{ field: 'level', op: 'contains', value: 1 }, [{ code: 'type_mismatch', path: [...PATH, 'field'] }]],
    [{ field: 'tags', op: 'contains', value: 1 }, [{ code: 'type_mismatch', path: [...PATH, 'value'] }]],
    [{ field: 'tags', op: 'contains', value: 'vip' }, []],
    [{ field: 'level', op: 'startsWith', value: '1' }, [{ code: 'type_mismatch', path: [...PATH, 'field'] }]],
    [{ field: 'levle', op: 'eq', value: 3 }, [{ code: 'unknown_field', path: [...PATH, 'field'] }]],
    [{ field: 'customer.level', op: 'eq', value: 3 }, []],
    [{ field: 'level', op: 'eq', value: null }, []],
    [{ field: 'level.x', op: 'exists' }, [{ code: 'type_mismatch', path: [...PATH, 'field'] }]],
  ])('%j gives %j', (input, expected) => {
    expect(issues(input, { fields })).toEqual(expected);
  });
});

// ---- The two forms agree -------------------------------------------------

const FIELD_NAMES = ['a', 'b', 'tags', 'name', 'nested.x'];
const PREFIXES = ['', 'customer.', 'contact.', 'subject.'];
// Small domains, so that data and condition values often meet (equal, prefix, member).
const STRINGS = ['north', 'No', '', "it's", 'back\\slash'];

const scalar = fc.oneof(fc.constantFrom(...STRINGS), fc.integer({ min: -1, max: 1 }), fc.boolean(), fc.constant(null));
const dataValue = fc.oneof(
  { arbitrary: scalar, weight: 6 },
  fc.array(scalar, { maxLength: 3 }),
  fc.constant(undefined),
  fc.constant(new Date(Date.UTC(2026, 0, 1))),
  fc.double({ noNaN: true, min: -3, max: 3 }),
);
const subject = fc.record({
  a: dataValue,
  b: dataValue,
  tags: dataValue,
  name: dataValue,
  nested: fc.oneof(fc.record({ x: dataValue }), dataValue),
});

const field = fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...FIELD_NAMES)).map(([p, f]) => p + f);
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ field, op: fc.constantFrom<ConditionOp>('eq', 'ne'), value: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })) }),
  fc.record({
    field,
    op: fc.constantFrom<ConditionOp>('gt', 'gte', 'lt', 'lte'),
    value: fc.oneof(fc.constantFrom(...STRINGS), fc.integer({ min: -1, max: 1 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
  }),
  fc.record({ field, op: fc.constantFrom<ConditionOp>('in', 'notIn'), value: fc.array(fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), { maxLength: 4 }) }),
  fc.record({ field, op: fc.constant<ConditionOp>('contains'), value: scalar }),
  fc.record({ field, op: fc.constantFrom<ConditionOp>('startsWith', 'endsWith'), value: fc.constantFrom(...STRINGS) }),
  fc.record({ field, op: fc.constant<ConditionOp>('exists'), value: fc.boolean() }, { requiredKeys: ['field', 'op'] }),
);
const condition = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    leaf,
    fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

/** Renders a value as a literal of the expression language. */
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return String(value);
}

/** Renders a structured condition in the string language, choosing among equivalent spellings. */
function render(node: Condition, variant: number): string {
  if ('all' in node) return node.all.length === 0 ? 'true' : node.all.map((c) => `(${render(c, variant)})`).join(' && ');
  if ('any' in node) return node.any.length === 0 ? 'false' : node.any.map((c) => `(${render(c, variant)})`).join(' || ');
  if ('not' in node) return `!(${render(node.not, variant)})`;
  const { field: f, op, value } = node;
  const v = literal(value);
  const method = variant % 2 === 1;
  switch (op) {
    case 'eq':
      return `${f} == ${v}`;
    case 'ne':
      return `${f} != ${v}`;
    case 'gt':
      return `${f} > ${v}`;
    case 'gte':
      return `${f} >= ${v}`;
    case 'lt':
      return `${f} < ${v}`;
    case 'lte':
      return `${f} <= ${v}`;
    case 'in':
      return `${f} in ${v}`;
    case 'notIn':
      return `!(${f} in ${v})`;
    case 'contains':
      return method ? `${f}.includes(${v})` : variant % 4 === 0 ? `contains(${f}, ${v})` : `${v} in ${f}`;
    case 'startsWith':
    case 'endsWith':
      return method ? `${f}.${op}(${v})` : `${op}(${f}, ${v})`;
    case 'exists':
      return value === false ? `!exists(${f})` : `exists(${f})`;
  }
}

/** The semantics of SPEC §3 written out plainly, independent of the compiler's closures. */
function reference(node: Condition, fields: Record<string, unknown>): boolean {
  if ('all' in node) return node.all.every((c) => reference(c, fields));
  if ('any' in node) return node.any.some((c) => reference(c, fields));
  if ('not' in node) return !reference(node.not, fields);
  const path = node.field.replace(/^(customer|contact|subject)\./, '').split('.');
  let x: unknown = fields;
  for (const key of path) {
    x = x !== null && typeof x === 'object' && Object.hasOwn(x, key) ? (x as Record<string, unknown>)[key] : null;
    if (x instanceof Date) x = x.toISOString();
    if (x === undefined) x = null;
  }
  const equal = (p: unknown, q: unknown): boolean =>
    Array.isArray(p) && Array.isArray(q) ? p.length === q.length && p.every((e, i) => equal(e ?? null, q[i] ?? null)) : p === q;
  const contains = (list: unknown, item: unknown) =>
    Array.isArray(list)
      ? list.some((e) => equal(e instanceof Date ? e.toISOString() : (e ?? null), item))
      : typeof list === 'string' && typeof item === 'string' && list.includes(item);
  const v = node.value;
  const sameKind = (typeof x === 'number' && typeof v === 'number') || (typeof x === 'string' && typeof v === 'string');
  switch (node.op) {
    case 'eq':
      return equal(x, v);
    case 'ne':
      return !equal(x, v);
    case 'gt':
      return sameKind && (x as number) > (v as number);
    case 'gte':
      return sameKind && (x as number) >= (v as number);
    case 'lt':
      return sameKind && (x as number) < (v as number);
    case 'lte':
      return sameKind && (x as number) <= (v as number);
    case 'in':
      return contains(v, x);
    case 'notIn':
      return !contains(v, x);
    case 'contains':
      return contains(x, v);
    case 'startsWith':
      return typeof x === 'string' && x.startsWith(v as string);
    case 'endsWith':
      return typeof x === 'string' && x.endsWith(v as string);
    case 'exists':
      return v === false ? x === null : x !== null;
  }
}

/** A leaf and a subject whose field often holds the leaf's own value (or one of its list items). */
const leafWithSubject = leaf.chain((node) => {
  const { field: path, value } = node as { field: string; value?: unknown };
  const near = Array.isArray(value) && value.length > 0 ? fc.constantFrom(...value) : fc.constant(value);
  return fc.tuple(subject, fc.oneof(near, dataValue)).map(([fields, x]) => {
    const [head, nested] = path.replace(/^(customer|contact|subject)\./, '').split('.') as [string, string?];
    return { node, fields: { ...fields, [head]: nested === undefined ? x : { [nested]: x } } };
  });
});

describe('structured conditions follow the reference semantics', () => {
  it('every structured leaf evaluates as a plain reference interpreter of SPEC §3 says', () => {
    fc.assert(
      fc.property(leafWithSubject, ({ node, fields }) => {
        const structured = compile(node);
        if (!structured.ok) throw new Error(JSON.stringify(structured.issues));
        expect(structured.evaluate(fields, null, NOW)).toBe(reference(node, fields));
      }),
      { numRuns: 3000 },
    );
  });

  it('every structured condition evaluates as a plain reference interpreter of SPEC §3 says', () => {
    fc.assert(
      fc.property(condition, subject, (tree, fields) => {
        const structured = compile(tree);
        if (!structured.ok) throw new Error(JSON.stringify(structured.issues));
        expect(structured.evaluate(fields, null, NOW)).toBe(reference(tree, fields));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the string form and the structured form agree', () => {
  it('a structured condition and its rendering in the string language evaluate the same on every subject', () => {
    fc.assert(
      fc.property(condition, fc.nat(7), fc.array(subject, { minLength: 1, maxLength: 5 }), (tree, variant, subjects) => {
        const structured = compile(tree);
        const source = render(tree, variant);
        const expression = compile(source);
        if (!structured.ok || !expression.ok) {
          throw new Error(`${JSON.stringify(tree)} / ${source}: ${JSON.stringify([structured, expression])}`);
        }
        for (const fields of subjects) {
          expect(expression.evaluate(fields, null, NOW)).toEqual(structured.evaluate(fields, null, NOW));
          expect(expression.test(fields, null, NOW)).toBe(structured.test(fields, null, NOW));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('renders a few conditions as expected (the property above relies on it)', () => {
    expect(render({ all: [{ field: 'a', op: 'in', value: ['x', 1] }, { not: { field: 'b', op: 'exists', value: false } }] }, 0)).toBe(
      "(a in ['x', 1]) && (!(!exists(b)))",
    );
    expect(render({ field: 'name', op: 'eq', value: "it's" }, 0)).toBe("name == 'it\\'s'");
  });
});
