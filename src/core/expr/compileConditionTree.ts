import type { IssueCode, IssueParams, IssuePath, ValidationIssue } from '../ruleset/issues.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import type { ConditionOp } from '../ruleset/types.js';
import { binaryTypeMismatch, membershipTypeMismatch } from './binaryTypeMismatch.js';
import type { ConditionOptions } from './compileCondition.js';
import type { ExpressionCompilation } from './compileExpression.js';
import { EXPRESSION_LIMITS } from './expressionLimits.js';
import { FORBIDDEN_NAMES } from './forbiddenNames.js';
import { readOwnData } from './readOwnData.js';
import { describeType, fitsKinds, memberTypeOf, typeOfConstant } from './staticType.js';
import { SUBJECT_ROOTS, subjectFieldReference } from './subjectFieldReference.js';
import {
  affixNode,
  agentPropertyNode,
  comparisonNode,
  constantNode,
  equalityNode,
  everyNode,
  existsNode,
  INVALID_NODE,
  memberNode,
  membershipNode,
  notNode,
  type ValueNode,
} from './valueNode.js';

const OPERATORS: readonly ConditionOp[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'endsWith',
  'exists',
];
const ORDERING = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const LEAF_KEYS: readonly string[] = ['field', 'op', 'value'];

interface TreeWalk {
  readonly options: ConditionOptions;
  readonly typed: boolean;
  readonly issues: ValidationIssue[];
  nodes: number;
  tooLarge: boolean;
}

/** A constant read from a structured condition's `value`, or the marker that it had an issue. */
const INVALID_VALUE = Symbol('invalid value');

/**
 * Compiles the structured form of a condition (`{ all }`, `{ any }`, `{ not }`,
 * `{ field, op, value }`) to the same closures as the string form, reporting
 * every issue with a path into the tree. Anything else — null, numbers,
 * arrays, class instances, cyclic or huge trees — gives issues, never a crash.
 *
 * @param input - the structured condition (or anything)
 * @param options - context, declared fields and the path of the condition
 * @returns the root node, or the issues
 * @example
 * ```ts
 * compileConditionTree({ all: [{ field: 'level', op: 'gte', value: 3 }] }, { context: 'subject', path: ['rules', 0, 'when'] });
 * ```
 */
export function compileConditionTree(input: unknown, options: ConditionOptions): ExpressionCompilation {
  const walk: TreeWalk = { options, typed: options.fields !== undefined, issues: [], nodes: 0, tooLarge: false };
  const node = compileTree(walk, input, [...options.path], 1, true);
  return walk.issues.length > 0 ? { ok: false, issues: walk.issues } : { ok: true, node };
}

function report(walk: TreeWalk, code: IssueCode, path: IssuePath, message: string, params?: IssueParams): void {
  walk.issues.push({ code, path, message, ...(params !== undefined && { params }) });
}

/** Counts a node against the limits; once over, reports it once and stops the walk. */
function enter(walk: TreeWalk, path: IssuePath, depth: number): boolean {
  if (walk.tooLarge) return false;
  const { maxNodes, maxDepth } = EXPRESSION_LIMITS;
  if (depth <= maxDepth && ++walk.nodes <= maxNodes) return true;
  walk.tooLarge = true;
  report(walk, 'expression_too_large', path, `The condition has more than ${maxNodes} nodes or is nested more than ${maxDepth} deep.`);
  return false;
}

function compileTree(walk: TreeWalk, value: unknown, path: IssuePath, depth: number, topLevel: boolean): ValueNode {
  if (!enter(walk, path, depth)) return INVALID_NODE;
  if (!isPlainObject(value)) {
    const expected = topLevel ? 'an expression string or a condition object' : 'a condition object';
    report(walk, 'invalid_type', path, `Expected ${expected} ({ all }, { any }, { not } or { field, op, value }).`);
    return INVALID_NODE;
  }
  const keys = Object.keys(value);
  const form = (['all', 'any', 'not'] as const).find((key) => keys.includes(key)) ?? (keys.includes('field') || keys.includes('op') ? 'leaf' : null);
  const allowed: readonly string[] = form === 'leaf' ? LEAF_KEYS : [form ?? ''];
  for (const key of keys) {
    if (FORBIDDEN_NAMES.has(key)) report(walk, 'forbidden_name', [...path, key], `\`${key}\` is not allowed as a key.`, { name: key });
    else if (form !== null && !allowed.includes(key)) {
      report(walk, 'unknown_key', [...path, key], `Unknown key \`${key}\` in ${form === 'leaf' ? 'a { field, op, value }' : `an { ${form} }`} condition.`, { key });
    }
  }
  switch (form) {
    case null:
      report(walk, 'invalid_type', path, 'Expected a condition object with `all`, `any`, `not`, or `field` and `op`.');
      return INVALID_NODE;
    case 'all':
    case 'any':
      return compileList(walk, value, form, path, depth);
    case 'not': {
      const inner = compileTree(walk, readOwnData(value, 'not'), [...path, 'not'], depth + 1, false);
      return inner === INVALID_NODE ? INVALID_NODE : notNode(inner);
    }
    default:
      return compileLeaf(walk, value, path, depth);
  }
}

function compileList(walk: TreeWalk, value: object, form: 'all' | 'any', path: IssuePath, depth: number): ValueNode {
  const list = readOwnData(value, form);
  if (!Array.isArray(list)) {
    report(walk, 'invalid_type', [...path, form], `\`${form}\` must be a list of conditions.`);
    return INVALID_NODE;
  }
  const children: ValueNode[] = [];
  for (let i = 0; i < list.length && !walk.tooLarge; i++) {
    children.push(compileTree(walk, readOwnData(list, i), [...path, form, i], depth + 1, false));
  }
  return children.includes(INVALID_NODE) || walk.tooLarge ? INVALID_NODE : everyNode(form === 'all' ? '&&' : '||', children);
}

function compileLeaf(walk: TreeWalk, leaf: object, path: IssuePath, depth: number): ValueNode {
  const field = readOwnData(leaf, 'field');
  const op = readOwnData(leaf, 'op');
  const raw = readOwnData(leaf, 'value');
  const valuePath = [...path, 'value'];
  let subject = INVALID_NODE;
  if (field === undefined) report(walk, 'missing', [...path, 'field'], 'A condition needs a `field`.');
  else if (typeof field !== 'string') report(walk, 'invalid_type', [...path, 'field'], '`field` must be a string.');
  else subject = fieldReference(walk, field, [...path, 'field']);

  let operator: ConditionOp | null = null;
  if (op === undefined) report(walk, 'missing', [...path, 'op'], 'A condition needs an `op`.');
  else if (typeof op !== 'string') report(walk, 'invalid_type', [...path, 'op'], '`op` must be a string.');
  else if (!(OPERATORS as readonly string[]).includes(op)) {
    report(walk, 'invalid_value', [...path, 'op'], `Unknown operator \`${op}\`; expected one of ${OPERATORS.join(', ')}.`);
  } else operator = op as ConditionOp;

  const value = raw === undefined ? undefined : readConstant(walk, raw, valuePath, depth + 1);
  if (operator === null || value === INVALID_VALUE) return INVALID_NODE;
  const shapeProblem = checkValueShape(operator, value);
  if (shapeProblem !== null) {
    report(walk, value === undefined ? 'missing' : 'invalid_type', valuePath, shapeProblem);
    return INVALID_NODE;
  }
  if (subject === INVALID_NODE) return INVALID_NODE;
  if (walk.typed && !checkLeafTypes(walk, operator, subject, value, path)) return INVALID_NODE;
  return buildLeaf(operator, subject, value);
}

/** What `value` must be for each operator, as an issue message, or null when it fits. */
function checkValueShape(operator: ConditionOp, value: unknown): string | null {
  switch (operator) {
    case 'exists':
      return value === undefined || typeof value === 'boolean' ? null : '`exists` takes true, false or no value.';
    case 'in':
    case 'notIn':
      return Array.isArray(value) ? null : `\`${operator}\` needs a list as its value.`;
    case 'startsWith':
    case 'endsWith':
      return typeof value === 'string' ? null : `\`${operator}\` needs a string as its value.`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' || typeof value === 'string' ? null : `\`${operator}\` needs a number or a string as its value.`;
    default:
      return value === undefined ? `\`${operator}\` needs a value.` : null;
  }
}

function checkLeafTypes(walk: TreeWalk, operator: ConditionOp, subject: ValueNode, value: unknown, path: IssuePath): boolean {
  const valuePath = [...path, 'value'];
  const mismatch = (problem: string | null, where: IssuePath): boolean => {
    if (problem !== null) report(walk, 'type_mismatch', where, problem);
    return problem === null;
  };
  switch (operator) {
    case 'eq':
    case 'ne':
      return mismatch(binaryTypeMismatch('==', subject.type, typeOfConstant(value)), valuePath);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return mismatch(binaryTypeMismatch(ORDERING[operator], subject.type, typeOfConstant(value)), valuePath);
    case 'in':
    case 'notIn':
      return (value as readonly unknown[])
        .map((item, i) => mismatch(binaryTypeMismatch('==', subject.type, typeOfConstant(item)), [...valuePath, i]))
        .every(Boolean);
    case 'contains':
      if (!fitsKinds(subject.type, ['string', 'array'])) {
        return mismatch(membershipTypeMismatch(typeOfConstant(value), subject.type), [...path, 'field']);
      }
      return mismatch(membershipTypeMismatch(typeOfConstant(value), subject.type), valuePath);
    case 'startsWith':
    case 'endsWith':
      return mismatch(fitsKinds(subject.type, ['string']) ? null : `\`${operator}\` needs a string field.`, [...path, 'field']);
    default:
      return true;
  }
}

function buildLeaf(operator: ConditionOp, subject: ValueNode, value: unknown): ValueNode {
  const constant = constantNode(value ?? null);
  switch (operator) {
    case 'eq':
    case 'ne':
      return equalityNode(subject, constant, operator === 'ne');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return comparisonNode(ORDERING[operator], subject, constant);
    case 'in':
      return membershipNode(subject, constant);
    case 'notIn':
      return notNode(membershipNode(subject, constant));
    case 'contains':
      return membershipNode(constant, subject);
    case 'startsWith':
    case 'endsWith':
      return affixNode(operator, subject, constant);
    default:
      return value === false ? notNode(existsNode(subject)) : existsNode(subject);
  }
}

/** A frozen copy of a JSON-like value (string, finite number, boolean, null, lists of them). */
function readConstant(walk: TreeWalk, value: unknown, path: IssuePath, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      report(walk, 'invalid_value', path, `${value} is not a finite number.`);
      return INVALID_VALUE;
    default:
      if (value === null) return null;
      if (!Array.isArray(value)) {
        report(walk, 'invalid_value', path, 'A value must be a string, number, boolean, null or a list of them.');
        return INVALID_VALUE;
      }
  }
  const items: unknown[] = [];
  let valid = true;
  for (let i = 0; i < value.length && !walk.tooLarge; i++) {
    const itemPath = [...path, i];
    if (!enter(walk, itemPath, depth + 1)) break;
    if (!Object.hasOwn(value, i)) {
      report(walk, 'invalid_value', itemPath, 'A list must not have empty slots.');
      valid = false;
      continue;
    }
    const item = readConstant(walk, readOwnData(value, i), itemPath, depth + 1);
    if (item === INVALID_VALUE) valid = false;
    items.push(item);
  }
  return valid && !walk.tooLarge ? Object.freeze(items) : INVALID_VALUE;
}

/**
 * `field` of a structured condition: a subject field (`region`, optionally
 * `customer.` / `contact.` / `subject.` prefixed), or `agent.*` in agent
 * context, followed by dotted properties into nested data. A declared field
 * whose name contains dots is read as one field.
 */
function fieldReference(walk: TreeWalk, field: string, path: IssuePath): ValueNode {
  const dot = field.indexOf('.');
  const head = dot < 0 ? field : field.slice(0, dot);
  const agentContext = walk.options.context === 'agent';
  let root: 'subject' | 'agent' = 'subject';
  let rest = field;
  if (dot >= 0 && SUBJECT_ROOTS.has(head)) rest = field.slice(dot + 1);
  else if (head === 'agent' && (dot >= 0 || agentContext)) {
    root = 'agent';
    rest = dot < 0 ? '' : field.slice(dot + 1);
  }
  if (root === 'agent' && !agentContext) {
    report(walk, 'unknown_field', path, '`agent.*` is only available in `eligibility.agentWhen`.');
    return INVALID_NODE;
  }
  if (root === 'agent' && rest === '') {
    report(walk, 'unknown_field', path, '`agent` needs a property, e.g. `agent.skills` or `agent.presence`.');
    return INVALID_NODE;
  }
  const fields = walk.options.fields;
  const segments = root === 'subject' && fields !== undefined && Object.hasOwn(fields, rest) ? [rest] : rest.split('.');
  if (segments.includes('')) {
    report(walk, 'invalid_value', path, `\`${field}\` is not a field name: it has an empty part.`);
    return INVALID_NODE;
  }
  const forbidden = segments.find((segment) => FORBIDDEN_NAMES.has(segment));
  if (forbidden !== undefined) {
    report(walk, 'forbidden_name', path, `\`${forbidden}\` is not allowed in conditions.`, { name: forbidden });
    return INVALID_NODE;
  }
  let node: ValueNode;
  if (root === 'agent') {
    node = agentPropertyNode(segments[0]!);
  } else {
    const reference = subjectFieldReference(segments[0]!, fields, walk.options.slots);
    if (!reference.ok) {
      report(walk, 'unknown_field', path, reference.message, reference.params);
      return INVALID_NODE;
    }
    node = reference.node;
  }
  for (const segment of segments.slice(1)) {
    const type = memberTypeOf(node.type, segment);
    if (type === null && walk.typed) {
      report(walk, 'type_mismatch', path, `\`${field}\`: ${describeType(node.type)} has no property \`${segment}\`.`);
      return INVALID_NODE;
    }
    node = memberNode(node, segment, type ?? 'unknown');
  }
  return node;
}
