import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/core/expr/compileCondition.js';
import { type FieldLiteralTest, fieldLiteralNode } from '../../src/core/expr/fieldLiteralNode.js';
import { FieldSlots, readFieldSlots } from '../../src/core/expr/fieldSlots.js';

// A test of a top-level field against a literal compiles to one fused closure
// (fieldLiteralNode), and `&&` / `||` chains to one closure over their
// operands. Wrapping the field as `(true ? f : null)` gives the same value
// through the general nodes, which these properties compare against.

const NOW = Date.UTC(2026, 0, 10);
const ISO = '2026-01-01T00:00:00.000Z';

function compile(source: string) {
  const result = compileCondition(source, { context: 'subject', path: ['when'] });
  if (!result.ok) throw new Error(`${source}: ${JSON.stringify(result.issues)}`);
  return result;
}

function unreachable(): never {
  throw new Error('data was called or an inherited getter was read');
}

class Timestamp extends Date {}

/** Includes inherited Object.prototype names, which must read as missing. */
const FIELD_NAMES = ['a', 'b', 'tags', 'toString', 'valueOf', 'length'] as const;
const STRINGS = ['north', 'No', '', ISO];

const scalar = fc.oneof(fc.constantFrom<unknown>(...STRINGS, -1, 0, 1, 2.5, true, false), fc.constant(null));

/** Values as a host might store them, most of them hostile to a naive reader. */
const hostile = fc.constantFrom<unknown>(
  undefined,
  Number.NaN,
  -0,
  Number.POSITIVE_INFINITY,
  new Date(Date.UTC(2026, 0, 1)),
  new Timestamp(Date.UTC(2026, 0, 1)),
  new Date(Number.NaN),
  unreachable,
  Symbol('north'),
  1n,
  new String('north'),
  new Number(1),
  { x: 1 },
  Object.create(null),
);
const element = fc.oneof({ arbitrary: scalar, weight: 4 }, hostile, fc.array(scalar, { maxLength: 2 }));

/** Lists with holes, some of them backed by a prototype that has a value or a throwing getter at the hole. */
function listOf(item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  return fc
    .tuple(fc.array(item, { maxLength: 4 }), fc.array(fc.nat(5), { maxLength: 2 }), fc.constantFrom('plain', 'inheritedValue', 'inheritedGetter'))
    .map(([items, holes, backing]) => {
      const array: unknown[] = [...items];
      for (const hole of holes) {
        if (hole < array.length) delete array[hole];
      }
      if (backing !== 'plain') {
        const prototype: object = Object.create(Array.prototype);
        for (let i = 0; i < array.length; i++) {
          if (backing === 'inheritedValue') Object.defineProperty(prototype, i, { value: items[0] ?? 'north' });
          else Object.defineProperty(prototype, i, { get: unreachable });
        }
        Object.setPrototypeOf(array, prototype);
      }
      return array;
    });
}
const dataValue = fc.oneof({ arbitrary: scalar, weight: 4 }, { arbitrary: hostile, weight: 2 }, listOf(element));

/** Values that meet a test's literal: the literal itself, as a Date, as a list element, or anything. */
function around(literals: readonly unknown[]): fc.Arbitrary<unknown> {
  const near = literals.length > 0 ? fc.constantFrom(...literals) : scalar;
  const dates = fc.constantFrom(new Date(Date.UTC(2026, 0, 1)), new Timestamp(Date.UTC(2026, 0, 1)));
  const item = fc.oneof(near, dates, element);
  return fc.oneof(near, dates, dataValue, listOf(item));
}

type Where = 'own' | 'inherited' | 'missing';

/**
 * Subject records whose fields may be own, inherited (as values or throwing
 * getters) or missing; `field` (when given) holds one of `values`, as an own
 * or an inherited property.
 */
function subjects(field?: string, values: fc.Arbitrary<unknown> = dataValue): fc.Arbitrary<Record<string, unknown>[]> {
  const one = fc
    .tuple(
      fc.dictionary(fc.constantFrom(...FIELD_NAMES), dataValue),
      fc.dictionary(fc.constantFrom(...FIELD_NAMES), dataValue),
      fc.constantFrom('object', 'null', 'inheritedValues', 'inheritedGetters'),
      values,
      fc.constantFrom<Where>('own', 'own', 'inherited', 'missing'),
    )
    .map(([own, inherited, kind, value, where]) => {
      const fields = { ...own };
      const inheritedFields = { ...inherited };
      if (field !== undefined && where === 'own') fields[field] = value;
      if (field !== undefined && where !== 'own') delete fields[field];
      if (field !== undefined && where === 'inherited') inheritedFields[field] = value;
      let prototype: object | null = Object.prototype;
      if (kind === 'null') prototype = null;
      else if (kind === 'inheritedValues' || where === 'inherited') prototype = inheritedFields;
      else if (kind === 'inheritedGetters') {
        prototype = Object.create(null) as object;
        for (const name of FIELD_NAMES) Object.defineProperty(prototype, name, { get: unreachable });
      }
      const record = Object.create(prototype) as Record<string, unknown>;
      // Defined, not assigned: assigning would hit the inherited getters.
      for (const [name, value] of Object.entries(fields)) Object.defineProperty(record, name, { value, enumerable: true });
      return record;
    });
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return String(value);
}

interface FieldTest {
  /** Source whose field reads compile to the fused closure. */
  fused: string;
  /** The same test with `{}` standing for the field, to be filled with the general read. */
  template: string;
  /** What fieldLiteralNode is given for this shape, when it is one. */
  direct: { test: FieldLiteralTest; literal: unknown } | null;
  /** The literals in the test, from which subjects take values that meet them. */
  literals: readonly unknown[];
}

const ORDERINGS = ['<', '<=', '>', '>='] as const;
const MIRRORED = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

const fieldTest: fc.Arbitrary<FieldTest & { field: string }> = fc
  .tuple(
    fc.constantFrom(...FIELD_NAMES),
    fc.oneof(
      fc.tuple(fc.constantFrom('==', '!='), scalar).map(([op, value]) => ({
        template: `{} ${op} ${literal(value)}`,
        direct: { test: op as FieldLiteralTest, literal: value },
        literals: [value],
      })),
      fc.tuple(fc.constantFrom('==', '!='), scalar).map(([op, value]) => ({
        template: `${literal(value)} ${op} {}`,
        direct: null,
        literals: [value],
      })),
      fc.tuple(fc.constantFrom(...ORDERINGS), scalar).map(([op, value]) => ({
        template: `{} ${op} ${literal(value)}`,
        direct: { test: op, literal: value },
        literals: [value],
      })),
      fc.tuple(fc.constantFrom(...ORDERINGS), scalar).map(([op, value]) => ({
        template: `${literal(value)} ${op} {}`,
        direct: { test: MIRRORED[op], literal: value },
        literals: [value],
      })),
      fc.array(fc.oneof({ arbitrary: scalar, weight: 5 }, fc.array(scalar, { maxLength: 2 })), { maxLength: 6 }).map((values) => ({
        template: `{} in ${literal(values)}`,
        direct: { test: 'in' as const, literal: values },
        literals: values,
      })),
      fc.tuple(fc.constantFrom('{L} in {}', 'contains({}, {L})', '{}.includes({L})'), scalar).map(([form, value]) => ({
        template: form.replace('{L}', literal(value)),
        direct: { test: 'contains' as const, literal: value },
        literals: [value],
      })),
      fc.constant({ template: '!{}', direct: { test: '!=' as const, literal: true }, literals: [true] }),
    ),
  )
  .map(([field, shape]) => ({ field, fused: shape.template.replace('{}', field), ...shape }));

function general(test: FieldTest & { field: string }): string {
  return test.template.replace('{}', `(true ? ${test.field} : null)`);
}

/** A test and subjects whose tested field often meets its literals. */
const withSubjects = fieldTest.chain((test) => subjects(test.field, around(test.literals)).map((list) => ({ test, subjects: list })));

describe('a field tested against a literal', () => {
  it('gives what the general nodes give, on any subject, hostile values and inherited properties included', () => {
    fc.assert(
      fc.property(withSubjects, ({ test, subjects }) => {
        const fused = compile(test.fused);
        const reference = compile(general(test));
        const direct = test.direct === null ? null : fieldLiteralNode(test.direct.test, test.field, test.direct.literal);
        for (const fields of subjects) {
          const expected = reference.evaluate(fields, null, NOW);
          expect(fused.evaluate(fields, null, NOW)).toBe(expected);
          expect(fused.test(fields, null, NOW)).toBe(expected === true);
          if (direct !== null) expect(direct.evaluate(fields, null, NOW)).toBe(expected);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('gives the same when compiled with field slots and evaluated on the slot values, hostile values and inherited properties included', () => {
    fc.assert(
      fc.property(withSubjects, ({ test, subjects }) => {
        for (const source of [test.fused, general(test)]) {
          const slots = new FieldSlots();
          const slotted = compileCondition(source, { context: 'subject', path: ['when'], slots });
          if (!slotted.ok) throw new Error(source);
          const keyed = compile(source);
          for (const fields of subjects) {
            const values = readFieldSlots(slots.names, fields);
            expect(slotted.evaluate(values, null, NOW)).toBe(keyed.evaluate(fields, null, NOW));
            expect(slotted.test(values, null, NOW)).toBe(keyed.test(fields, null, NOW));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['== null', '==', null],
    ['!= null', '!=', null],
    ['== a list', '==', ['north']],
    ['< a boolean', '<', true],
    ['in an empty list', 'in', []],
    ['in a list holding null', 'in', ['north', null]],
    ['in a list holding a list', 'in', [['north']]],
    ['in a string', 'in', 'north'],
    ['contains null', 'contains', null],
    ['contains a list', 'contains', ['north']],
  ] as const)('does not fuse %s, which keeps the general node', (_what, test, value) => {
    expect(fieldLiteralNode(test, 'a', value)).toBeNull();
  });

  it('matches a listed value in lists longer than four as in shorter ones', () => {
    const long = fieldLiteralNode('in', 'a', ['p', 'q', 'r', 's', 't', 'north']);
    const short = fieldLiteralNode('in', 'a', ['s', 'north']);
    for (const [fields, expected] of [
      [{ a: 'north' }, true],
      [{ a: new Date(Date.UTC(2026, 0, 1)) }, false],
      [{ a: 'west' }, false],
      [Object.create({ a: 'north' }), false],
    ] as const) {
      expect(long?.evaluate(fields, null, NOW)).toBe(expected);
      expect(short?.evaluate(fields, null, NOW)).toBe(expected);
    }
    expect(fieldLiteralNode('in', 'a', ['p', 'q', 'r', 's', ISO])?.evaluate({ a: new Date(Date.UTC(2026, 0, 1)) }, null, NOW)).toBe(true);
  });
});

const operand = fc.oneof(
  fieldTest.map((test) => ({ fused: test.fused, general: general(test) })),
  fc.constantFrom(...FIELD_NAMES).map((field) => ({ fused: field, general: `(true ? ${field} : null)` })),
  fc.constantFrom('true', 'false', '1', 'null').map((source) => ({ fused: source, general: source })),
);

/** Joins operands with one operator, grouped as the random splits say. */
function grouped(operands: readonly string[], operator: string, splits: readonly number[], depth = 0): string {
  if (operands.length === 1) return operands[0]!;
  const at = 1 + ((splits[depth % splits.length] ?? 0) % (operands.length - 1));
  return `(${grouped(operands.slice(0, at), operator, splits, depth + 1)}) ${operator} (${grouped(operands.slice(at), operator, splits, depth + 1)})`;
}

describe('&& and || chains', () => {
  it('give what their operands give combined left to right, however they are grouped', () => {
    fc.assert(
      fc.property(
        fc.array(operand, { minLength: 2, maxLength: 7 }),
        fc.constantFrom('&&', '||'),
        fc.array(fc.nat(6), { minLength: 1, maxLength: 6 }),
        subjects(),
        (operands, operator, splits, records) => {
          const chain = compile(grouped(operands.map((o) => o.fused), operator, splits));
          const parts = operands.map((o) => compile(o.general));
          for (const fields of records) {
            const values = parts.map((part) => part.evaluate(fields, null, NOW) === true);
            const expected = operator === '&&' ? values.every(Boolean) : values.some(Boolean);
            expect(chain.evaluate(fields, null, NOW)).toBe(expected);
            expect(chain.test(fields, null, NOW)).toBe(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a == 1 && b == 1 && c == 1 && d == 1 && e == 1', { a: 1, b: 1, c: 2 }, ['a', 'b', 'c']],
    ['a == 1 || b == 1 || c == 1 || d == 1 || e == 1', { a: 2, b: 2, c: 1 }, ['a', 'b', 'c']],
    ['a == 1 && b == 1 && c == 1 && d == 1', { a: 1, b: 1, c: 1, d: 1 }, ['a', 'b', 'c', 'd']],
    ['a == 1 || b == 1 || c == 1 || d == 1', { d: 1 }, ['a', 'b', 'c', 'd']],
    ['a == 1 && b == 1 && c == 1', { a: 1, b: 1 }, ['a', 'b', 'c']],
    ['a == 1 || b == 1 || c == 1', { a: 2, b: 1 }, ['a', 'b']],
    ['a == 1 && (b == 1 && c == 1)', { a: 1, b: 2 }, ['a', 'b']],
    ['a == 1 || b == 1', { a: 1 }, ['a']],
    ['a == 1 && b == 1', { a: 1, b: 1 }, ['a', 'b']],
  ])('%s with %j reads %j, in that order, and stops there', (source, values, expected) => {
    const reads: string[] = [];
    const fields = {};
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      Object.defineProperty(fields, name, {
        enumerable: true,
        get: () => {
          reads.push(name);
          return (values as Record<string, unknown>)[name];
        },
      });
    }
    compile(source).test(fields, null, NOW);
    expect(reads).toEqual(expected);
  });

  it('joins structured all / any the same way', () => {
    const result = compileCondition(
      { all: [{ field: 'a', op: 'eq', value: 1 }, { all: [{ field: 'b', op: 'gte', value: 2 }, { any: [] }] }] },
      { context: 'subject', path: ['when'] },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.test({ a: 1, b: 3 }, null, NOW)).toBe(false);
    const any = compileCondition(
      { any: [{ field: 'a', op: 'eq', value: 1 }, { any: [{ field: 'b', op: 'gte', value: 2 }, { all: [] }] }] },
      { context: 'subject', path: ['when'] },
    );
    if (!any.ok) throw new Error(JSON.stringify(any.issues));
    expect(any.test({}, null, NOW)).toBe(true);
  });
});
