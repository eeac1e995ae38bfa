import fc from 'fast-check';
import jsep from 'jsep';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCondition, type ConditionOptions } from '../../src/core/expr/compileCondition.js';
import { FORBIDDEN_NAMES } from '../../src/core/expr/forbiddenNames.js';

const NOW = Date.UTC(2026, 0, 10);

function compile(source: unknown, options: Partial<ConditionOptions> = {}) {
  return compileCondition(source, { context: 'subject', path: ['when'], ...options });
}

function evaluate(source: string, fields: object, options: Partial<ConditionOptions> = {}): unknown {
  const result = compile(source, options);
  if (!result.ok) throw new Error(`expected ${source} to compile: ${JSON.stringify(result.issues)}`);
  return result.evaluate(fields as Record<string, unknown>, null, NOW);
}

function codes(source: unknown, options: Partial<ConditionOptions> = {}): string[] {
  const result = compile(source, options);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}

describe('prototype names are banned by exact match', () => {
  it('holds exactly __proto__, constructor and prototype', () => {
    expect([...FORBIDDEN_NAMES].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it.each([
    ['constructor.constructor("return process")()', 'forbidden_name'],
    ['__proto__.polluted', 'forbidden_name'],
    ['a.__proto__', 'forbidden_name'],
    ["a['__proto__']", 'forbidden_name'],
    ['a["constructor"]', 'forbidden_name'],
    ['tags.constructor', 'forbidden_name'],
    ['prototype', 'forbidden_name'],
    ['a.prototype.x', 'forbidden_name'],
    ["customer['constructor']", 'forbidden_name'],
    ['constructor(1)', 'forbidden_name'],
    ['name.constructor()', 'forbidden_name'],
  ])('rejects %s with %s', (source, code) => {
    expect(codes(source)).toContain(code);
  });

  it('does not reject names that merely contain them', () => {
    expect(evaluate('constructorId == 1 && a.prototypes == null', { constructorId: 1 })).toBe(true);
  });

  it('rejects them in structured fields and keys too', () => {
    expect(codes({ field: 'constructor', op: 'exists' })).toEqual(['forbidden_name']);
    expect(codes({ field: 'a.__proto__.b', op: 'exists' })).toEqual(['forbidden_name']);
    expect(codes(JSON.parse('{"field":"a","op":"exists","__proto__":{"x":1}}'))).toEqual(['forbidden_name']);
  });
});

describe('only whitelisted functions can be called', () => {
  it.each([
    'eval("1")',
    'Function("return 1")()',
    'require("fs")',
    'process.exit()',
    'a.toString()',
    'name.valueOf()',
    'tags.push(1)',
    'name.lower()',
    "tags['includes']('x')",
    'lower(name)()',
    '(a)(1)',
  ])('rejects %s with unknown_function', (source) => {
    expect(codes(source)).toContain('unknown_function');
  });
});

describe('reads see only own data properties', () => {
  it.each([['toString'], ['hasOwnProperty'], ['valueOf'], ['isPrototypeOf'], ['__defineGetter__']])(
    'reads %s of a plain object as null',
    (name) => {
      expect(evaluate(name, {})).toBeNull();
      expect(evaluate(`a.${name}`, { a: {} })).toBeNull();
    },
  );

  it('reads methods of arrays and strings as null', () => {
    expect(evaluate('tags.push', { tags: [] })).toBeNull();
    expect(evaluate('name.toUpperCase', { name: 'a' })).toBeNull();
  });

  it('treats globals as field names', () => {
    expect(evaluate('process', {})).toBeNull();
    expect(evaluate('globalThis.process', {})).toBeNull();
    expect(evaluate('process', { process: 'onboarding' })).toBe('onboarding');
  });

  it('does not see inherited properties (Object.create)', () => {
    const fields = Object.create({ inherited: 1, nested: { x: 1 } }) as Record<string, unknown>;
    fields.own = Object.create({ deep: 2 });
    expect(evaluate('inherited', fields)).toBeNull();
    expect(evaluate('nested.x', fields)).toBeNull();
    expect(evaluate('own.deep', fields)).toBeNull();
  });

  it('reads an own __proto__ key of JSON data as data, never as the prototype', () => {
    const fields = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}') as object;
    expect(evaluate('a', fields)).toBe(1);
    expect(evaluate('polluted', fields)).toBeNull();
  });

  it('runs own getters (as any property read would) but never inherited ones', () => {
    // Documented choice: JSON has no getters; only the host's own code can put one on its data.
    let calls = 0;
    const fields = {
      get own() {
        calls++;
        return 'yes';
      },
    };
    class Customer {
      get region() {
        calls += 100;
        return 'north';
      }
    }
    expect(evaluate('own', fields)).toBe('yes');
    expect(evaluate('region', new Customer())).toBeNull();
    expect(evaluate('c.region', { c: new Customer() })).toBeNull();
    expect(calls).toBe(1);
  });

  it('reads own properties of non-plain objects, never their prototype', () => {
    class Address {
      city = 'Oslo';
      describe() {
        return this.city;
      }
    }
    expect(evaluate('a.city', { a: new Address() })).toBe('Oslo');
    expect(evaluate('a.describe', { a: new Address() })).toBeNull();
  });
});

describe('functions found in the data are never called', () => {
  function trap() {
    const calls: string[] = [];
    const spy = (name: string) => () => {
      calls.push(name);
      return 1;
    };
    const hostile = {
      valueOf: spy('valueOf'),
      toString: spy('toString'),
      toJSON: spy('toJSON'),
      [Symbol.toPrimitive]: spy('toPrimitive'),
      length: 2,
      includes: spy('includes'),
      startsWith: spy('startsWith'),
      toLowerCase: spy('toLowerCase'),
    };
    return { calls, fields: { h: hostile, f: spy('field'), tags: [spy('element')] } };
  }

  it.each([
    'h + 1',
    'h * h',
    '-h',
    'h < 2',
    "h > 'a'",
    'h == 1',
    "h == '[object]'",
    'lower(h)',
    'upper(h)',
    'len(h)',
    "contains(h, 'a')",
    "h.includes('a')",
    "h.startsWith('a')",
    "startsWith(h, 'a')",
    'daysSince(h)',
    "'a' in h",
    'h in [1, 2]',
    'f',
    'f == 1',
    'exists(f)',
    'f + 1',
    'tags[0]',
    'tags == [1]',
    '1 in tags',
    'h.length',
  ])('%s calls nothing', (source) => {
    const { calls, fields } = trap();
    const result = evaluate(source, fields);
    expect(typeof result).not.toBe('function');
    expect(calls).toEqual([]);
  });

  it('uses Date.prototype, not the methods on a Date object', () => {
    const date = new Date(Date.UTC(2026, 0, 1));
    Object.assign(date, {
      toISOString: () => 'fake',
      getTime: () => 0,
    });
    expect(evaluate('d', { d: date })).toBe('2026-01-01T00:00:00.000Z');
    expect(evaluate('d', { d: { getTime: () => 0, toISOString: () => 'fake' } })).toEqual(expect.any(Object));
  });
});

/** The state of the host's jsep that our compiler must leave exactly as it found it. */
interface JsepStatics {
  binary_ops: Record<string, number>;
  unary_ops: Record<string, number>;
  max_binop_len: number;
  max_unop_len: number;
  right_associative: Set<string>;
  additional_identifier_chars: Set<string>;
  literals: Record<string, unknown>;
  this_str: string;
  hooks: Record<string, unknown>;
}
const Jsep = (jsep as unknown as { Jsep: JsepStatics }).Jsep;
const STATE_KEYS = [
  'binary_ops',
  'unary_ops',
  'max_binop_len',
  'max_unop_len',
  'right_associative',
  'additional_identifier_chars',
  'literals',
  'this_str',
  'hooks',
] as const;

function jsepState() {
  const references = STATE_KEYS.map((key) => Jsep[key]);
  const contents = {
    binary: Object.entries(Jsep.binary_ops),
    unary: Object.entries(Jsep.unary_ops),
    lengths: [Jsep.max_binop_len, Jsep.max_unop_len],
    rightAssociative: [...Jsep.right_associative],
    identifierChars: [...Jsep.additional_identifier_chars],
    literals: Object.entries(Jsep.literals),
    thisName: Jsep.this_str,
    hooks: Object.entries(Jsep.hooks).map(([name, callbacks]) => [name, Array.isArray(callbacks) ? [...callbacks] : callbacks]),
    wrapper: [jsep.binary_ops, jsep.unary_ops, jsep.literals, jsep.hooks],
  };
  return { references, contents };
}

/** Same objects (so a host holding a reference sees no swap) and same contents (so nothing was added or re-ranked). */
function expectJsepUnchanged(before: ReturnType<typeof jsepState>): void {
  const after = jsepState();
  after.references.forEach((reference, i) => {
    expect(reference).toBe(before.references[i]);
  });
  expect(after.contents).toEqual(before.contents);
}

describe("the host's jsep is left exactly as it was", () => {
  const undo: (() => void)[] = [];
  afterEach(() => {
    while (undo.length > 0) undo.pop()!();
  });

  const conditions = [
    "region in ['north', 'west'] && level >= 3",
    "a ? b : c == 'x'",
    'lower(name).startsWith("a") || !exists(email)',
    'a === b',
    'a ==',
    '(((a',
    `${'!'.repeat(40)}a`,
    { all: [{ field: 'a', op: 'eq', value: 1 }] },
  ];

  it('has the same operator tables (same objects, same precedences) after compiling', () => {
    const before = jsepState();
    for (const condition of conditions) compile(condition);
    expectJsepUnchanged(before);
  });

  it('keeps a host operator registered with another precedence, and parses ours as ours', () => {
    jsep.addBinaryOp('in', 20);
    undo.push(() => jsep.removeBinaryOp('in'));
    const before = jsepState();
    // With our precedence (relational, below +) this is (1 + 1) in [2]; with the host's it would be 1 + (1 in [2]).
    expect(evaluate('1 + 1 in [2]', {})).toBe(true);
    expectJsepUnchanged(before);
    expect(Jsep.binary_ops.in).toBe(20);
    expect(jsep('1 + 1 in x')).toMatchObject({ type: 'BinaryExpression', operator: '+' });
  });

  it('does not let host operators, literals or plugins widen the language', () => {
    jsep.addBinaryOp('~>', 3);
    jsep.addUnaryOp('@');
    jsep.addLiteral('NaN', Number.NaN);
    jsep.addLiteral('danger', () => 'called');
    const hook = function (this: jsep.HookScope, env: { node?: jsep.Expression }) {
      if (this.code === 35) {
        this.index++;
        env.node = { type: 'Literal', value: 'hash', raw: '#' };
      }
    };
    jsep.hooks.add('gobble-token', hook);
    undo.push(() => {
      jsep.removeBinaryOp('~>');
      jsep.removeUnaryOp('@');
      jsep.removeLiteral('NaN');
      jsep.removeLiteral('danger');
      const hooks = Jsep.hooks['gobble-token'] as unknown[];
      hooks.splice(hooks.indexOf(hook), 1);
    });
    const before = jsepState();
    expect(codes('a ~> b')).toEqual(['expression_syntax']);
    expect(codes('@a')).toEqual(['expression_syntax']);
    expect(codes('#')).toEqual(['expression_syntax']);
    expect(evaluate('NaN', {})).toBeNull();
    expect(evaluate('danger', {})).toBeNull();
    expectJsepUnchanged(before);
    expect(jsep('#')).toMatchObject({ type: 'Literal', value: 'hash' });
  });

  it('works even when the host removed every operator', () => {
    const saved = { binary: Jsep.binary_ops, unary: Jsep.unary_ops, bl: Jsep.max_binop_len, ul: Jsep.max_unop_len };
    jsep.removeAllBinaryOps();
    jsep.removeAllUnaryOps();
    undo.push(() => {
      Object.assign(Jsep, { binary_ops: saved.binary, unary_ops: saved.unary, max_binop_len: saved.bl, max_unop_len: saved.ul });
    });
    const before = jsepState();
    expect(evaluate('-a + 1 == 0 && !b', { a: 1 })).toBe(true);
    expectJsepUnchanged(before);
    expect(Object.keys(Jsep.binary_ops)).toEqual([]);
  });
});

describe('limits', () => {
  const pad = (n: number) => `a == '${'x'.repeat(n - 7)}'`;

  it('accepts 4096 characters and rejects 4097 before parsing', () => {
    expect(pad(4096)).toHaveLength(4096);
    expect(compile(pad(4096)).ok).toBe(true);
    expect(codes(pad(4097))).toEqual(['expression_too_large']);
  });

  const list = (n: number) => `x in [${Array.from({ length: n }, () => '1').join(',')}]`;
  const chain = (n: number) => Array.from({ length: n }, () => 'a').join('||');
  it('accepts 2048 nodes and rejects 2049', () => {
    // binary + identifier + array + n literals, in exactly 4096 characters
    expect(list(2045)).toHaveLength(4096);
    expect(compile(list(2045)).ok).toBe(true);
    // n identifiers + n - 1 operators
    expect(compile(chain(1024)).ok).toBe(true);
    expect(codes(chain(1025))).toEqual(['expression_too_large']);
  });

  it('accepts depth 32 and rejects depth 33', () => {
    expect(compile(`${'!'.repeat(31)}a`).ok).toBe(true);
    expect(codes(`${'!'.repeat(32)}a`)).toEqual(['expression_too_large']);
  });

  it('accepts brackets nested 32 deep and rejects 33', () => {
    expect(compile(`${'('.repeat(32)}a${')'.repeat(32)}`).ok).toBe(true);
    expect(codes(`${'('.repeat(33)}a${')'.repeat(33)}`)).toEqual(['expression_too_large']);
  });

  it('turns 10,000 nested parentheses into an issue, not a stack overflow', () => {
    const source = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    expect(codes(source)).toEqual(['expression_too_large']);
    expect(codes(`${'['.repeat(3000)}`)).toEqual(['expression_too_large']);
  });

  it.each([
    ['unary operators', `${'-'.repeat(4000)}1`],
    ['nested conditionals', `${'a?'.repeat(1000)}1${':2'.repeat(1000)}`],
    ['a long chain of operators', Array.from({ length: 1000 }, () => 'a').join(' + ')],
    ['a long member chain', `a${'.b'.repeat(2000)}`],
  ])('turns deep %s within the length limit into an issue', (_what, source) => {
    expect(source.length).toBeLessThanOrEqual(4096);
    expect(codes(source)).toEqual(['expression_too_large']);
  });

  it('turns a stack overflow inside jsep into an issue and still restores jsep', () => {
    // Find how deep this thread can recurse, then compile close to that limit, so that
    // jsep's own recursion (not ours) is what overflows.
    const atDepth = (n: number, run: () => unknown): unknown => (n === 0 ? run() : atDepth(n - 1, run));
    let low = 0;
    let high = 1 << 20;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      try {
        atDepth(middle, () => 0);
        low = middle;
      } catch {
        high = middle - 1;
      }
    }
    const before = jsepState();
    const result = atDepth(low - 1000, () => compile(`${'-'.repeat(4000)}1`)) as ReturnType<typeof compile>;
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(['expression_too_large']);
    expectJsepUnchanged(before);
  });

  it('limits the structured form the same way, cyclic trees included', () => {
    let deep: object = { field: 'a', op: 'exists' };
    for (let i = 0; i < 32; i++) deep = { not: deep };
    expect(codes(deep)).toEqual(['expression_too_large']);
    let ok: object = { field: 'a', op: 'exists' };
    for (let i = 0; i < 31; i++) ok = { not: ok };
    expect(compile(ok).ok).toBe(true);

    const wide = { any: Array.from({ length: 2048 }, () => ({ field: 'a', op: 'exists' })) };
    expect(codes(wide)).toEqual(['expression_too_large']);

    const cyclic: { not: unknown } = { not: null };
    cyclic.not = cyclic;
    expect(codes(cyclic)).toEqual(['expression_too_large']);
    const cyclicList: unknown[] = [];
    cyclicList.push(cyclicList);
    expect(codes({ field: 'a', op: 'in', value: cyclicList })).toEqual(['expression_too_large']);
    expect(codes({ all: new Array(1e9) })).toContain('expression_too_large');
  });
});

// A grammar of expressions with every dangerous name and unsupported operator mixed in.
const NAMES = [
  'a',
  'b',
  'tags',
  'name',
  'nested',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__proto__',
  'constructor',
  'prototype',
  'process',
  'globalThis',
  'this',
  'eval',
  'Function',
  'require',
  'length',
  'agent',
  'customer',
  '__defineGetter__',
  'then',
  'call',
  'apply',
  'bind',
];
const FUNCTIONS = ['contains', 'startsWith', 'endsWith', 'lower', 'upper', 'len', 'exists', 'daysSince', ...NAMES];
const BINARY = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '&&', '||', 'in', '===', '|', '**', '??', '&'];

const expressionArbitrary = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NAMES),
    fc.constantFrom('1', '0', '-1', "'x'", "'constructor'", '"__proto__"', 'true', 'false', 'null', '[1, 2]', "['a']", '1e400'),
    fc.tuple(tie('expression'), fc.constantFrom(...BINARY), tie('expression')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('!', '-', '~', '+'), tie('expression')).map(([op, x]) => `${op}${x}`),
    fc.tuple(tie('expression'), fc.constantFrom(...NAMES)).map(([x, name]) => `${x}.${name}`),
    fc.tuple(tie('expression'), fc.constantFrom(...NAMES)).map(([x, name]) => `${x}['${name}']`),
    fc.tuple(tie('expression'), fc.nat(3)).map(([x, i]) => `${x}[${i}]`),
    fc
      .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expression'), { maxLength: 3 }))
      .map(([name, args]) => `${name}(${args.join(', ')})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('includes', 'startsWith', 'endsWith', ...NAMES), tie('expression'))
      .map(([x, method, arg]) => `${x}.${method}(${arg})`),
    fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([t, c, e]) => `(${t} ? ${c} : ${e})`),
  ),
})).expression;

const hostileSubject = fc.constant(null).map(() => {
  const fields = JSON.parse(
    '{"a": 1, "b": "x", "tags": ["vip", "x"], "name": "Ada", "__proto__": {"polluted": true}, "nested": {"__proto__": {"polluted": true}, "a": [1, {"b": 2}]}}',
  ) as Record<string, unknown>;
  fields.toString = () => 'called';
  fields.call = () => 'called';
  fields.process = { exit: () => 'called' };
  fields.eval = Object.create({ inherited: () => 'called' });
  fields.length = new Date(0);
  return fields;
});

const subjectArbitrary = fc.oneof(
  hostileSubject,
  fc.dictionary(fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
);

describe('invariants', () => {
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

  it('random expressions with dangerous names never throw at evaluation, never return a function and never touch Object.prototype', () => {
    fc.assert(
      fc.property(expressionArbitrary, subjectArbitrary, fc.constantFrom<'subject' | 'agent'>('subject', 'agent'), (source, fields, context) => {
        const compiled = compile(source, { context });
        if (compiled.ok) {
          const agent = { id: 'x', attributes: fields };
          const result = compiled.evaluate(fields, agent, NOW);
          expect(typeof result).not.toBe('function');
          expect(typeof compiled.test(fields, agent, NOW)).toBe('boolean');
        } else {
          expect(compiled.issues.length).toBeGreaterThan(0);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('compiling any string gives a result or issues, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (source) => {
        const compiled = compile(source);
        expect(compiled.ok || compiled.issues.every((issue) => typeof issue.index === 'number')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('compiling any value gives a result or issues, never an exception', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true }), (input) => {
        const compiled = compile(input);
        expect(typeof compiled.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
