import type { FieldValues } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../types.js';
import { daysSince } from './daysSince.js';
import { fieldLiteralNode } from './fieldLiteralNode.js';
import { includesValue } from './includesValue.js';
import { readDataProperty } from './readDataProperty.js';
import { toDataValue } from './toDataValue.js';
import { type StaticType, typeOfConstant } from './staticType.js';
import { valuesEqual } from './valuesEqual.js';

/**
 * The instant an expression is evaluated at: epoch ms, or an object holding
 * it as `nowMs`. A decision passes its own input object: an instant is not a
 * small integer, so passing the number itself would box it into a new heap
 * number on every call of every rule's condition.
 */
export type EvaluationNow = number | { readonly nowMs: number };

/**
 * A compiled expression: evaluates against the subject's fields (or, compiled
 * with field slots, the slot values), the agent (or null) and `now`.
 */
export type Evaluator = (fields: FieldValues, agent: AgentSnapshot | null, now: EvaluationNow) => unknown;

/**
 * One compiled node of a condition, in either form: the closure plus what the
 * compiler knows about it. Both the string and the structured form are built
 * from the constructors in this file, so they share one semantics.
 */
export interface ValueNode {
  readonly evaluate: Evaluator;
  readonly type: StaticType;
  /** The value does not depend on fields, agent or now (folded at compile time). */
  readonly constant: boolean;
  /** `evaluate` always returns a boolean. */
  readonly boolean: boolean;
  /**
   * Set only on a plain read of a top-level subject field (its name): a test
   * of it against a literal then compiles to one closure (`fieldLiteralNode`).
   */
  readonly field?: string;
  /** With `field`, when the condition reads slot values: the field's slot. */
  readonly slot?: number;
  /** Set only on an `&&` / `||` chain: its operands, so a longer chain of the same operator joins them into one closure. */
  readonly chain?: { readonly operator: '&&' | '||'; readonly operands: readonly ValueNode[] };
}

/** The ordering operators of the language. */
export type ComparisonOperator = '<' | '<=' | '>' | '>=';

/** The arithmetic operators of the language. */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});
const stringStartsWith = String.prototype.startsWith;
const stringEndsWith = String.prototype.endsWith;
const stringToLowerCase = String.prototype.toLowerCase;
const stringToUpperCase = String.prototype.toUpperCase;

/**
 * The value of a constant node, read once at compile time.
 *
 * @param node - a node whose `constant` is true
 * @returns its value
 * @example
 * ```ts
 * constantValue(constantNode(3)); // 3
 * ```
 */
export function constantValue(node: ValueNode): unknown {
  return node.evaluate(NO_FIELDS, null, 0);
}

/**
 * A literal value. Arrays must already be frozen copies owned by the compiler.
 *
 * @param value - a string, finite number, boolean, null or frozen array of those
 * @returns a constant node
 * @example
 * ```ts
 * constantNode('north').evaluate({}, null, 0); // 'north'
 * ```
 */
export function constantNode(value: unknown): ValueNode {
  return { evaluate: () => value, type: typeOfConstant(value), constant: true, boolean: typeof value === 'boolean' };
}

/**
 * The closure of a node whose children are all constant is run once here, so
 * `[-1, 2]` or `'abc'.length` cost nothing per evaluation.
 */
function derived(evaluate: Evaluator, type: StaticType, boolean: boolean, children: readonly ValueNode[]): ValueNode {
  if (children.every((child) => child.constant)) return constantNode(evaluate(NO_FIELDS, null, 0));
  return { evaluate, type, constant: false, boolean };
}

/**
 * A top-level subject field, read as an own property of the fields record.
 *
 * @param key - the field name
 * @param type - the declared type, or `unknown`
 * @param slot - its slot, when the condition reads slot values
 * @returns a node reading the field (missing: null)
 * @example
 * ```ts
 * subjectFieldNode('region', 'string').evaluate({ region: 'north' }, null, 0); // 'north'
 * ```
 */
export function subjectFieldNode(key: string, type: StaticType, slot?: number): ValueNode {
  if (slot === undefined) return { evaluate: (fields) => readDataProperty(fields, key), type, constant: false, boolean: false, field: key };
  // A slot holds the own property as stored, or undefined: exactly what readDataProperty reads.
  return { evaluate: (values) => toDataValue((values as readonly unknown[])[slot]), type, constant: false, boolean: false, field: key, slot };
}

const AGENT_PROPERTY_TYPES: Readonly<Record<string, StaticType>> = {
  id: 'string',
  enabled: 'boolean',
  presence: 'string',
  skills: 'string[]',
  languages: 'string[]',
  capacity: 'number',
};

/**
 * `agent.<name>`: the snapshot's `id`, `enabled` (default true), `presence`
 * (default `'online'`), `skills`, `languages`, `capacity`, or else the own
 * property `name` of `agent.attributes`. Without an agent, everything is null.
 *
 * @param name - the property after `agent.`
 * @returns a node reading it
 * @example
 * ```ts
 * agentPropertyNode('presence').evaluate({}, { id: 'a1' }, 0); // 'online'
 * ```
 */
export function agentPropertyNode(name: string): ValueNode {
  const type = Object.hasOwn(AGENT_PROPERTY_TYPES, name) ? AGENT_PROPERTY_TYPES[name]! : 'unknown';
  let evaluate: Evaluator;
  if (name === 'enabled' || name === 'presence') {
    const fallback = name === 'enabled' ? true : 'online';
    evaluate = (_fields, agent) => {
      if (agent === null) return null;
      const value = readDataProperty(agent, name);
      return value === null ? fallback : value;
    };
  } else if (type !== 'unknown') {
    evaluate = (_fields, agent) => (agent === null ? null : readDataProperty(agent, name));
  } else {
    evaluate = (_fields, agent) => (agent === null ? null : readDataProperty(readDataProperty(agent, 'attributes'), name));
  }
  return { evaluate, type, constant: false, boolean: false };
}

/**
 * A property of a value: own properties of objects and arrays, `length` of strings.
 *
 * @param object - the node whose value is read
 * @param key - property name or array index
 * @param type - the property's static type, as the caller inferred it
 * @returns a node reading the property (missing: null)
 * @example
 * ```ts
 * memberNode(subjectFieldNode('address', 'unknown'), 'city', 'unknown');
 * ```
 */
export function memberNode(object: ValueNode, key: string | number, type: StaticType): ValueNode {
  const read = object.evaluate;
  return derived((f, a, n) => readDataProperty(read(f, a, n), key), type, false, [object]);
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/**
 * `left == right` (or `!=` when `negate`): strict, arrays element-wise.
 *
 * @param left - a node
 * @param right - a node
 * @param negate - build `!=`
 * @returns a boolean node
 * @example
 * ```ts
 * equalityNode(subjectFieldNode('level', 'number'), constantNode(3), false);
 * ```
 */
export function equalityNode(left: ValueNode, right: ValueNode, negate: boolean): ValueNode {
  let evaluate: Evaluator;
  const constantSide = right.constant ? right : left.constant ? left : null;
  if (constantSide !== null && isPrimitive(constantValue(constantSide))) {
    // Values are normalised (undefined → null, NaN → null), so === is exact here.
    const value = constantValue(constantSide);
    const other = constantSide === right ? left : right;
    const fused = other.field === undefined ? null : fieldLiteralNode(negate ? '!=' : '==', other.field, value, other.slot);
    if (fused !== null) return fused;
    const read = other.evaluate;
    evaluate = negate ? (f, a, n) => read(f, a, n) !== value : (f, a, n) => read(f, a, n) === value;
  } else {
    const l = left.evaluate;
    const r = right.evaluate;
    evaluate = negate
      ? (f, a, n) => !valuesEqual(l(f, a, n), r(f, a, n))
      : (f, a, n) => valuesEqual(l(f, a, n), r(f, a, n));
  }
  return derived(evaluate, 'boolean', true, [left, right]);
}

/**
 * `<`, `<=`, `>`, `>=`: only number with number or string with string (by
 * UTF-16 code units, so ISO dates order correctly); anything else is false.
 *
 * @param operator - the comparison
 * @param left - a node
 * @param right - a node
 * @returns a boolean node
 * @example
 * ```ts
 * comparisonNode('>=', subjectFieldNode('level', 'number'), constantNode(3));
 * ```
 */
export function comparisonNode(operator: ComparisonOperator, left: ValueNode, right: ValueNode): ValueNode {
  const fused =
    left.field !== undefined && right.constant
      ? fieldLiteralNode(operator, left.field, constantValue(right), left.slot)
      : right.field !== undefined && left.constant
        ? fieldLiteralNode(MIRRORED[operator], right.field, constantValue(left), right.slot)
        : null;
  if (fused !== null) return fused;
  const l = left.evaluate;
  const r = right.evaluate;
  const rightValue = right.constant ? constantValue(right) : undefined;
  let evaluate: Evaluator;
  if (typeof rightValue === 'number' || typeof rightValue === 'string') {
    const kind = typeof rightValue;
    const c = rightValue;
    switch (operator) {
      case '<':
        evaluate = (f, a, n) => {
          const x = l(f, a, n);
          return typeof x === kind && (x as number) < (c as number);
        };
        break;
      case '<=':
        evaluate = (f, a, n) => {
          const x = l(f, a, n);
          return typeof x === kind && (x as number) <= (c as number);
        };
        break;
      case '>':
        evaluate = (f, a, n) => {
          const x = l(f, a, n);
          return typeof x === kind && (x as number) > (c as number);
        };
        break;
      case '>=':
        evaluate = (f, a, n) => {
          const x = l(f, a, n);
          return typeof x === kind && (x as number) >= (c as number);
        };
        break;
    }
  } else {
    const compare = COMPARE[operator];
    evaluate = (f, a, n) => {
      const x = l(f, a, n);
      const y = r(f, a, n);
      return typeof x === typeof y && (typeof x === 'number' || typeof x === 'string') && compare(x as number, y as number);
    };
  }
  return derived(evaluate, 'boolean', true, [left, right]);
}

/** `c < x` is `x > c`: the comparison with its operands swapped. */
const MIRRORED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

const COMPARE: Readonly<Record<ComparisonOperator, (x: number, y: number) => boolean>> = {
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
};

const ARITHMETIC: Readonly<Record<ArithmeticOperator, (x: number, y: number) => number>> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '%': (x, y) => x % y,
};

/**
 * `+ - * / %` on numbers; anything else, and a result that is not finite
 * (division by zero), is null. `+` does not join strings.
 *
 * @param operator - the arithmetic operator
 * @param left - a node
 * @param right - a node
 * @returns a node of type number (null at run time when undefined)
 * @example
 * ```ts
 * arithmeticNode('/', constantNode(1), constantNode(0)).evaluate({}, null, 0); // null
 * ```
 */
export function arithmeticNode(operator: ArithmeticOperator, left: ValueNode, right: ValueNode): ValueNode {
  const l = left.evaluate;
  const r = right.evaluate;
  const apply = ARITHMETIC[operator];
  const evaluate: Evaluator = (f, a, n) => {
    const x = l(f, a, n);
    const y = r(f, a, n);
    if (typeof x !== 'number' || typeof y !== 'number') return null;
    const result = apply(x, y);
    return Number.isFinite(result) ? result : null;
  };
  return derived(evaluate, 'number', false, [left, right]);
}

/**
 * Unary `-`: a number's negation, null for anything else.
 *
 * @param argument - a node
 * @returns a node of type number
 * @example
 * ```ts
 * negationNode(constantNode(2)).evaluate({}, null, 0); // -2
 * ```
 */
export function negationNode(argument: ValueNode): ValueNode {
  const read = argument.evaluate;
  return derived(
    (f, a, n) => {
      const x = read(f, a, n);
      return typeof x === 'number' ? -x : null;
    },
    'number',
    false,
    [argument],
  );
}

/**
 * `!x`: true unless `x` is exactly true.
 *
 * @param argument - a node
 * @returns a boolean node
 * @example
 * ```ts
 * notNode(constantNode(null)).evaluate({}, null, 0); // true
 * ```
 */
export function notNode(argument: ValueNode): ValueNode {
  // `!field` is `field != true`: both hold unless the field is exactly true.
  const fused = argument.field === undefined ? null : fieldLiteralNode('!=', argument.field, true, argument.slot);
  if (fused !== null) return fused;
  const read = argument.evaluate;
  return derived((f, a, n) => read(f, a, n) !== true, 'boolean', true, [argument]);
}

function chainOperands(operator: '&&' | '||', node: ValueNode): readonly ValueNode[] {
  return node.chain !== undefined && node.chain.operator === operator ? node.chain.operands : [node];
}

function chainNode(operator: '&&' | '||', operands: readonly ValueNode[]): ValueNode {
  const tests = operands.map((node) => node.evaluate);
  const evaluate = operator === '&&' ? allTrue(tests) : anyTrue(tests);
  if (operands.every((node) => node.constant)) return constantNode(evaluate(NO_FIELDS, null, 0));
  return { evaluate, type: 'boolean', constant: false, boolean: true, chain: { operator, operands } };
}

/** Closures specialised by length, so the common chains of two to four tests make no extra call. */
function allTrue(tests: readonly Evaluator[]): Evaluator {
  const [a, b, c, d] = tests as [Evaluator, Evaluator, Evaluator, Evaluator];
  switch (tests.length) {
    case 2:
      return (f, g, n) => a(f, g, n) === true && b(f, g, n) === true;
    case 3:
      return (f, g, n) => a(f, g, n) === true && b(f, g, n) === true && c(f, g, n) === true;
    case 4:
      return (f, g, n) => a(f, g, n) === true && b(f, g, n) === true && c(f, g, n) === true && d(f, g, n) === true;
    default:
      return (f, g, n) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(f, g, n) !== true) return false;
        return true;
      };
  }
}

function anyTrue(tests: readonly Evaluator[]): Evaluator {
  const [a, b, c, d] = tests as [Evaluator, Evaluator, Evaluator, Evaluator];
  switch (tests.length) {
    case 2:
      return (f, g, n) => a(f, g, n) === true || b(f, g, n) === true;
    case 3:
      return (f, g, n) => a(f, g, n) === true || b(f, g, n) === true || c(f, g, n) === true;
    case 4:
      return (f, g, n) => a(f, g, n) === true || b(f, g, n) === true || c(f, g, n) === true || d(f, g, n) === true;
    default:
      return (f, g, n) => {
        for (let i = 0; i < tests.length; i++) if (tests[i]!(f, g, n) === true) return true;
        return false;
      };
  }
}

/**
 * `&&` / `||` over any number of operands (a string chain `a && b && c`, or
 * a structured `all` / `any`), each counting only when exactly true: `a && b`
 * is `a === true && b === true`. The operands become one closure, evaluated
 * left to right and stopping at the first that decides, as the nested form
 * would; an operand that is itself a chain of the same operator is joined in.
 * An empty `&&` holds, an empty `||` does not; one operand is returned as is.
 *
 * @param operator - `'&&'` (all) or `'||'` (any)
 * @param children - boolean-valued nodes
 * @returns a boolean node
 * @example
 * ```ts
 * everyNode('||', [constantNode(1), constantNode(true)]).evaluate({}, null, 0); // true
 * everyNode('&&', []).evaluate({}, null, 0); // true
 * ```
 */
export function everyNode(operator: '&&' | '||', children: readonly ValueNode[]): ValueNode {
  if (children.length === 0) return constantNode(operator === '&&');
  if (children.length === 1) return children[0]!;
  return chainNode(operator, children.flatMap((child) => chainOperands(operator, child)));
}

/**
 * `test ? then : otherwise`: the `then` branch only when `test` is exactly true.
 *
 * @param test - a node
 * @param then - the value when `test` is true
 * @param otherwise - the value in every other case
 * @returns a node
 * @example
 * ```ts
 * conditionalNode(constantNode(1), constantNode('a'), constantNode('b')).evaluate({}, null, 0); // 'b'
 * ```
 */
export function conditionalNode(test: ValueNode, then: ValueNode, otherwise: ValueNode): ValueNode {
  const t = test.evaluate;
  const c = then.evaluate;
  const e = otherwise.evaluate;
  const type = then.type === otherwise.type || otherwise.type === 'null' ? then.type : then.type === 'null' ? otherwise.type : 'unknown';
  return derived(
    (f, a, n) => (t(f, a, n) === true ? c(f, a, n) : e(f, a, n)),
    type,
    then.boolean && otherwise.boolean,
    [test, then, otherwise],
  );
}

/**
 * `item in container`: membership in an array (see `includesValue`) or
 * substring of a string. A literal list of primitives becomes a `Set`.
 *
 * @param item - the node looked for
 * @param container - an array- or string-valued node
 * @returns a boolean node
 * @example
 * ```ts
 * membershipNode(subjectFieldNode('region', 'string'), constantNode(Object.freeze(['n', 's'])));
 * ```
 */
export function membershipNode(item: ValueNode, container: ValueNode): ValueNode {
  const read = item.evaluate;
  const list = container.constant ? constantValue(container) : undefined;
  const fused =
    item.field !== undefined && container.constant
      ? fieldLiteralNode('in', item.field, list, item.slot)
      : container.field !== undefined && item.constant
        ? fieldLiteralNode('contains', container.field, constantValue(item), container.slot)
        : null;
  if (fused !== null) return fused;
  let evaluate: Evaluator;
  if (Array.isArray(list) && list.every(isPrimitive)) {
    const members = new Set<unknown>(list);
    evaluate = (f, a, n) => members.has(read(f, a, n));
  } else if (typeof list === 'string') {
    evaluate = (f, a, n) => includesValue(list, read(f, a, n));
  } else {
    const readContainer = container.evaluate;
    evaluate = (f, a, n) => includesValue(readContainer(f, a, n), read(f, a, n));
  }
  return derived(evaluate, 'boolean', true, [item, container]);
}

/**
 * `startsWith(s, p)` / `endsWith(s, p)`: false unless both are strings.
 *
 * @param test - which end
 * @param text - the string node
 * @param part - the prefix or suffix node
 * @returns a boolean node
 * @example
 * ```ts
 * affixNode('startsWith', constantNode('North'), constantNode('No')).evaluate({}, null, 0); // true
 * ```
 */
export function affixNode(test: 'startsWith' | 'endsWith', text: ValueNode, part: ValueNode): ValueNode {
  const s = text.evaluate;
  const p = part.evaluate;
  const method = test === 'startsWith' ? stringStartsWith : stringEndsWith;
  return derived(
    (f, a, n) => {
      const x = s(f, a, n);
      const y = p(f, a, n);
      return typeof x === 'string' && typeof y === 'string' && method.call(x, y);
    },
    'boolean',
    true,
    [text, part],
  );
}

/**
 * `lower(s)` / `upper(s)`: locale-independent case mapping; null for non-strings.
 *
 * @param mapping - which case
 * @param text - a node
 * @returns a string node
 * @example
 * ```ts
 * caseNode('lower', constantNode('VIP')).evaluate({}, null, 0); // 'vip'
 * ```
 */
export function caseNode(mapping: 'lower' | 'upper', text: ValueNode): ValueNode {
  const s = text.evaluate;
  const method = mapping === 'lower' ? stringToLowerCase : stringToUpperCase;
  return derived(
    (f, a, n) => {
      const x = s(f, a, n);
      return typeof x === 'string' ? method.call(x) : null;
    },
    'string',
    false,
    [text],
  );
}

/**
 * `len(x)`: length of a string or array; null for anything else.
 *
 * @param value - a node
 * @returns a number node
 * @example
 * ```ts
 * lengthNode(constantNode('abc')).evaluate({}, null, 0); // 3
 * ```
 */
export function lengthNode(value: ValueNode): ValueNode {
  const read = value.evaluate;
  return derived(
    (f, a, n) => {
      const x = read(f, a, n);
      return typeof x === 'string' || Array.isArray(x) ? x.length : null;
    },
    'number',
    false,
    [value],
  );
}

/**
 * `exists(x)`: true unless `x` is null (missing fields are null).
 *
 * @param value - a node
 * @returns a boolean node
 * @example
 * ```ts
 * existsNode(subjectFieldNode('email', 'string')).evaluate({}, null, 0); // false
 * ```
 */
export function existsNode(value: ValueNode): ValueNode {
  const read = value.evaluate;
  return derived((f, a, n) => read(f, a, n) !== null, 'boolean', true, [value]);
}

/**
 * `daysSince(date)`: whole days from `date` until the evaluation's `now`.
 * Never folded: it depends on `now`.
 *
 * @param value - an ISO-string or epoch-ms node
 * @returns a number node
 * @example
 * ```ts
 * daysSinceNode(subjectFieldNode('createdAt', 'date'));
 * ```
 */
export function daysSinceNode(value: ValueNode): ValueNode {
  const read = value.evaluate;
  return { evaluate: (f, a, n) => daysSince(read(f, a, n), typeof n === 'number' ? n : n.nowMs), type: 'number', constant: false, boolean: false };
}

/**
 * Stands for a part of a condition that has an issue; it is never evaluated,
 * since a condition with issues does not compile. Compared by identity.
 *
 * @example
 * ```ts
 * if (node === INVALID_NODE) return INVALID_NODE; // the issue is already reported
 * ```
 */
export const INVALID_NODE: ValueNode = Object.freeze({
  evaluate: () => null,
  type: 'unknown' as const,
  constant: false,
  boolean: false,
});
