import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionOptions } from '../../src/core/expr/compileCondition.js';
import { EXPRESSION_LIMITS } from '../../src/core/expr/expressionLimits.js';

const NOW = Date.UTC(2026, 0, 10);

function compile(source: unknown, options: Partial<ConditionOptions> = {}) {
  return compileCondition(source, { context: 'subject', path: ['when'], ...options });
}

function codes(source: unknown, options: Partial<ConditionOptions> = {}): string[] {
  const result = compile(source, options);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}

function test(source: unknown, fields: Record<string, unknown>, options: Partial<ConditionOptions> = {}): boolean {
  const result = compile(source, options);
  if (!result.ok) throw new Error(`expected the condition to compile: ${JSON.stringify(result.issues)}`);
  return result.test(fields, null, NOW);
}

/** How deep this thread can still recurse, found by trying. */
function recursionHeadroom(): number {
  const atDepth = (n: number): number => (n === 0 ? 0 : atDepth(n - 1) + 1);
  let low = 0;
  let high = 1 << 20;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    try {
      atDepth(middle);
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

/** Runs `run` with only about `spare` frames of stack left. */
function nearStackLimit<T>(spare: number, run: () => T): T {
  const atDepth = (n: number): T => (n === 0 ? run() : atDepth(n - 1));
  return atDepth(recursionHeadroom() - spare);
}

const sixty = Array.from({ length: 60 }, (_, i) => `level == ${i}`).join(' || ');
const sixtyLeaves = { any: Array.from({ length: 60 }, (_, i) => ({ field: 'level', op: 'eq', value: i })) };

describe('a flat chain of one operator is one level of depth', () => {
  it("compiles a condition builder's 60-term chain, in the string and the structured form", () => {
    const fields = { level: 'number', region: 'string' } as const;
    for (const condition of [sixty, sixtyLeaves]) {
      expect(codes(condition, { fields })).toEqual([]);
      expect(test(condition, { level: 0 }, { fields })).toBe(true);
      expect(test(condition, { level: 59 }, { fields })).toBe(true);
      expect(test(condition, { level: 60 }, { fields })).toBe(false);
      expect(test(condition, {}, { fields })).toBe(false);
    }
    const prefixed = Array.from({ length: 60 }, (_, i) => `customer.level == ${i}`).join(' || ');
    expect(test(prefixed, { level: 42 }, { fields })).toBe(true);
  });

  it('compiles a chain of 500 comparisons, && as well as ||', () => {
    const any = Array.from({ length: 500 }, (_, i) => `a==${i % 10}`).join('||');
    const all = Array.from({ length: 500 }, (_, i) => `a!=${i}`).join('&&');
    expect(test(any, { a: 9 })).toBe(true);
    expect(test(any, { a: 10 })).toBe(false);
    expect(test(all, { a: 500 })).toBe(true);
    expect(test(all, { a: 499 })).toBe(false);
  });

  it('lets a chain of any length sit as deep as a single comparison', () => {
    // k unary operators, then the chain one level below them, its operands one more.
    const wrapped = (k: number, terms: number) => `${'!'.repeat(k)}(${Array.from({ length: terms }, () => 'a').join(' || ')})`;
    const deepest = EXPRESSION_LIMITS.maxDepth - 2;
    for (const terms of [2, 3, 60, 500]) {
      expect(codes(wrapped(deepest, terms))).toEqual([]);
      expect(codes(wrapped(deepest + 1, terms))).toEqual(['expression_too_large']);
    }
  });

  it('joins parenthesised groups of the same operator into the chain', () => {
    const grouped = '(a == 1 || (b == 1 || c == 1)) || ((d == 1) || e == 1)';
    expect(test(grouped, { e: 1 })).toBe(true);
    expect(test(grouped, { c: 1 })).toBe(true);
    expect(test(grouped, { f: 1 })).toBe(false);
  });

  it('still counts parentheses that change the operator as nesting', () => {
    // !(a && !(b || !(c && …))): each level adds a `!` and a chain, with half as many brackets.
    const alternating = (levels: number): string => {
      let source = 'z';
      for (let i = 0; i < levels; i++) source = `!(x${i} ${i % 2 === 0 ? '&&' : '||'} ${source})`;
      return source;
    };
    expect(codes(alternating(15))).toEqual([]);
    expect(codes(alternating(16))).toEqual(['expression_too_large']);
    // !(x2 && !(x1 || !(x0 && z)))
    expect(test(alternating(3), { x0: true, x2: true, z: true })).toBe(false);
    expect(test(alternating(3), { x0: true, x1: true, x2: true, z: true })).toBe(true);
  });

  it('still counts nested ternaries, calls and unary chains', () => {
    expect(codes(`${'a ? '.repeat(40)}1${' : 2'.repeat(40)}`)).toEqual(['expression_too_large']);
    expect(codes(`${'lower('.repeat(32)}a${')'.repeat(32)}`)).toEqual(['expression_too_large']);
    expect(codes(`${'!'.repeat(40)}a || b`)).toEqual(['expression_too_large']);
  });

  it('counts nested { any } and { all } objects as nesting, as written', () => {
    let deep: object = { any: sixtyLeaves.any.slice(0, 2) };
    for (let i = 0; i < EXPRESSION_LIMITS.maxDepth; i++) deep = { all: [deep] };
    expect(codes(deep)).toEqual(['expression_too_large']);
  });

  it('reports a wrong-typed operand at the operator beside it', () => {
    const source = 'level && vip && name';
    const result = compile(source, { fields: { level: 'number', vip: 'boolean', name: 'string' } });
    expect(result.ok ? [] : result.issues.map(({ code, index }) => ({ code, index }))).toEqual([
      { code: 'type_mismatch', index: source.indexOf('&&') },
      { code: 'type_mismatch', index: source.lastIndexOf('&&') },
    ]);
  });
});

describe('hostile chains', () => {
  it('refuses a 100,000-term chain in either form without overflowing the stack', () => {
    const source = Array.from({ length: 100_000 }, (_, i) => `level == ${i}`).join(' || ');
    const leaves = { any: Array.from({ length: 100_000 }, (_, i) => ({ field: 'level', op: 'eq', value: i })) };
    expect(nearStackLimit(2000, () => codes(source))).toEqual(['expression_too_large']);
    expect(nearStackLimit(2000, () => codes(leaves))).toEqual(['expression_too_large']);
  });

  it('compiles and evaluates the longest chain the node limit allows without deep recursion', () => {
    const terms = (EXPRESSION_LIMITS.maxNodes + 1) / 2;
    const source = Array.from({ length: terms }, () => 'a').join('||');
    const result = nearStackLimit(2000, () => compile(source));
    expect(result.ok).toBe(true);
    if (result.ok) expect(nearStackLimit(2000, () => result.test({ a: true }, null, NOW))).toBe(true);
    expect(codes(`${source}||a`)).toEqual(['expression_too_large']);
  });
});

type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
const SYMBOL: Record<Op, string> = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const FIELDS = ['f0', 'f1', 'f2', 'f3', 'f4'] as const;

/** What a comparison means, written out: a missing field is null; other types never compare. */
function holds(value: unknown, op: Op, literal: number): boolean {
  switch (op) {
    case 'eq':
      return value === literal;
    case 'ne':
      return value !== literal;
    default:
      if (typeof value !== 'number') return false;
      return op === 'gt' ? value > literal : op === 'gte' ? value >= literal : op === 'lt' ? value < literal : value <= literal;
  }
}

const comparison = fc.record({
  field: fc.constantFrom(...FIELDS),
  op: fc.constantFrom<Op>('eq', 'ne', 'gt', 'gte', 'lt', 'lte'),
  value: fc.integer({ min: 0, max: 9 }),
});
const subject = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('5'), fc.constant(null)));

describe('property: a flat chain means what it says', () => {
  it('for random flat chains of up to 500 comparisons, the compiled condition equals the obvious evaluation (both forms)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('&&', '||'),
        fc.array(comparison, { minLength: 1, maxLength: 500 }),
        fc.array(subject, { minLength: 1, maxLength: 5 }),
        (operator, terms, subjects) => {
          const source = terms.map((t) => `${t.field}${SYMBOL[t.op]}${t.value}`).join(operator);
          const tree = { [operator === '&&' ? 'all' : 'any']: terms };
          const strings = compile(source);
          const structured = compile(tree);
          if (!strings.ok || !structured.ok) return false;
          return subjects.every((fields) => {
            const results = terms.map((t) => holds(fields[t.field] ?? null, t.op, t.value));
            const expected = operator === '&&' ? results.every(Boolean) : results.some(Boolean);
            return strings.test(fields, null, NOW) === expected && structured.test(fields, null, NOW) === expected;
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
