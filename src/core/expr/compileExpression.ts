import type jsep from 'jsep';
import type { IssueCode, IssueParams, ValidationIssue } from '../ruleset/issues.js';
import { closestName } from '../text/closestName.js';
import type { ConditionOptions } from './compileCondition.js';
import { EXPRESSION_LIMITS } from './expressionLimits.js';
import { FORBIDDEN_NAMES } from './forbiddenNames.js';
import { FUNCTION_NAMES, METHOD_NAMES } from './functionNames.js';
import { parseExpression } from './parseExpression.js';
import { binaryTypeMismatch } from './binaryTypeMismatch.js';
import { functionCallNode } from './functionCallNode.js';
import { describeType, fitsKinds, memberTypeOf, type StaticType } from './staticType.js';
import { SUBJECT_ROOTS, subjectFieldReference } from './subjectFieldReference.js';
import { createTokenLocator, type TokenLocator } from './tokenLocator.js';
import {
  agentPropertyNode,
  arithmeticNode,
  comparisonNode,
  conditionalNode,
  constantNode,
  constantValue,
  equalityNode,
  everyNode,
  INVALID_NODE,
  membershipNode,
  memberNode,
  negationNode,
  notNode,
  type ValueNode,
} from './valueNode.js';

/** What compiling one expression string gives: the root node, or every issue found. */
export type ExpressionCompilation = { ok: true; node: ValueNode } | { ok: false; issues: ValidationIssue[] };

/** A token the walk met, identified as the locator knows it. */
interface Anchor {
  readonly key: string;
  readonly ordinal: number;
}

interface Walk {
  readonly source: string;
  readonly options: ConditionOptions;
  readonly typed: boolean;
  readonly issues: ValidationIssue[];
  readonly seen: Map<string, number>;
  /** Every anchor in the order met; a subtree's first one is where it starts. */
  readonly anchors: Anchor[];
  locator: TokenLocator | null;
}

/**
 * Compiles an expression string (SPEC §3) to a closure tree: parses it with
 * jsep in isolation (see `parseExpression`), checks the size limits, then
 * walks the tree once, reporting every issue with its character position.
 *
 * @param source - the expression
 * @param options - context, declared fields and the issue path
 * @returns the root node, or the issues
 * @example
 * ```ts
 * const compiled = compileExpression("region == 'north'", { context: 'subject', path: ['rules', 0, 'when'] });
 * compiled.ok && compiled.node.evaluate({ region: 'north' }, null, 0); // true
 * ```
 */
export function compileExpression(source: string, options: ConditionOptions): ExpressionCompilation {
  const issue = (code: IssueCode, message: string, index: number): ExpressionCompilation => ({
    ok: false,
    issues: [{ code, path: [...options.path], message, index, expression: source }],
  });
  const parsed = parseExpression(source);
  if (!parsed.ok) return issue(parsed.code, parsed.message, parsed.index);
  const size = { nodes: 0 };
  if (!measure(parsed.ast, 1, size)) {
    const { maxNodes, maxDepth } = EXPRESSION_LIMITS;
    return issue('expression_too_large', `The expression has more than ${maxNodes} nodes or is nested more than ${maxDepth} deep.`, 0);
  }
  const walk: Walk = {
    source,
    options,
    typed: options.fields !== undefined,
    issues: [],
    seen: new Map(),
    anchors: [],
    locator: null,
  };
  const node = compileNode(walk, parsed.ast);
  return walk.issues.length > 0 ? { ok: false, issues: walk.issues } : { ok: true, node };
}

function childrenOf(node: jsep.Expression): readonly (jsep.Expression | null)[] {
  switch (node.type) {
    case 'BinaryExpression':
      return [(node as jsep.BinaryExpression).left, (node as jsep.BinaryExpression).right];
    case 'UnaryExpression':
      return [(node as jsep.UnaryExpression).argument];
    case 'MemberExpression':
      return [(node as jsep.MemberExpression).object, (node as jsep.MemberExpression).property];
    case 'CallExpression':
      return [(node as jsep.CallExpression).callee, ...(node as jsep.CallExpression).arguments];
    case 'ConditionalExpression': {
      const conditional = node as jsep.ConditionalExpression;
      return [conditional.test, conditional.consequent, conditional.alternate];
    }
    case 'ArrayExpression':
      return (node as jsep.ArrayExpression).elements;
    case 'Compound':
      return (node as jsep.Compound).body;
    case 'SequenceExpression':
      return (node as jsep.SequenceExpression).expressions;
    default:
      return [];
  }
}

/**
 * Counts nodes and checks depth without ever recursing deeper than the limit.
 * A chain of one associative operator (`a || b || c`, which jsep builds as a
 * left-deep tree) is one level, like `{ any: [a, b, c] }`: its operands sit
 * one level below it, however long it is. Its operator nodes still count.
 */
function measure(node: jsep.Expression, depth: number, size: { nodes: number }): boolean {
  if (depth > EXPRESSION_LIMITS.maxDepth || ++size.nodes > EXPRESSION_LIMITS.maxNodes) return false;
  const chain = chainOperator(node);
  let children = childrenOf(node);
  if (chain !== null) {
    children = chainOperands(node, chain);
    // The chain's other operator nodes, beside the one counted above.
    size.nodes += children.length - 2;
    if (size.nodes > EXPRESSION_LIMITS.maxNodes) return false;
  }
  for (const child of children) {
    if (child !== null && !measure(child, depth + 1, size)) return false;
  }
  return true;
}

/** `&&` or `||` when the node is one of them (an associative chain), else null. */
function chainOperator(node: jsep.Expression): '&&' | '||' | null {
  if (node.type !== 'BinaryExpression') return null;
  const operator = (node as jsep.BinaryExpression).operator;
  return operator === '&&' || operator === '||' ? operator : null;
}

/**
 * The operands of a chain of one operator, left to right, gathered with a
 * loop rather than recursion: `a || (b || c) || d` gives a, b, c, d;
 * `a || b && c` gives a and `b && c` (a different operator is nesting).
 */
function chainOperands(node: jsep.Expression, operator: '&&' | '||'): jsep.Expression[] {
  const operands: jsep.Expression[] = [];
  const pending: jsep.Expression[] = [node];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (chainOperator(next) === operator) {
      const binary = next as jsep.BinaryExpression;
      pending.push(binary.right, binary.left);
    } else {
      operands.push(next);
    }
  }
  return operands;
}

function mark(walk: Walk, key: string): Anchor {
  const ordinal = walk.seen.get(key) ?? 0;
  walk.seen.set(key, ordinal + 1);
  const anchor = { key, ordinal };
  walk.anchors.push(anchor);
  return anchor;
}

function report(walk: Walk, code: IssueCode, message: string, anchor: Anchor | undefined, params?: IssueParams): void {
  let index = 0;
  if (anchor !== undefined) {
    walk.locator ??= createTokenLocator(walk.source);
    index = walk.locator.position(anchor.key, anchor.ordinal) ?? 0;
  }
  walk.issues.push({ code, path: [...walk.options.path], message, index, expression: walk.source, ...(params !== undefined && { params }) });
}

function compileNode(walk: Walk, node: jsep.Expression): ValueNode {
  switch (node.type) {
    case 'Literal':
      return compileLiteral(walk, node as jsep.Literal);
    case 'Identifier':
      return compileIdentifier(walk, node as jsep.Identifier);
    case 'MemberExpression':
      return compileMember(walk, node as jsep.MemberExpression);
    case 'CallExpression':
      return compileCall(walk, node as jsep.CallExpression);
    case 'UnaryExpression':
      return compileUnary(walk, node as jsep.UnaryExpression);
    case 'BinaryExpression':
      return compileBinary(walk, node as jsep.BinaryExpression);
    case 'ConditionalExpression':
      return compileConditional(walk, node as jsep.ConditionalExpression);
    case 'ArrayExpression':
      return compileArray(walk, node as jsep.ArrayExpression);
    case 'ThisExpression':
      report(walk, 'expression_syntax', '`this` is not available in conditions.', mark(walk, 'word:this'));
      return INVALID_NODE;
    case 'Compound':
    case 'SequenceExpression':
      return compileSeveral(walk, childrenOf(node));
    default:
      report(walk, 'expression_syntax', `Unsupported syntax (${String(node.type)}).`, undefined);
      return INVALID_NODE;
  }
}

function compileSeveral(walk: Walk, expressions: readonly (jsep.Expression | null)[]): ValueNode {
  if (expressions.length === 0) {
    report(walk, 'expression_syntax', 'The expression is empty.', undefined);
    return INVALID_NODE;
  }
  let secondStart: Anchor | undefined;
  expressions.forEach((expression, i) => {
    const before = walk.anchors.length;
    if (expression !== null) compileNode(walk, expression);
    if (i === 1) secondStart = walk.anchors[before];
  });
  report(
    walk,
    'expression_syntax',
    'Expected one expression but found several: an operator is missing, or a comma or semicolon is out of place.',
    secondStart,
  );
  return INVALID_NODE;
}

function compileLiteral(walk: Walk, node: jsep.Literal): ValueNode {
  const anchor = mark(walk, `lit:${node.raw}`);
  const value: unknown = node.value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return constantNode(value);
    report(walk, 'invalid_value', `The number ${node.raw} is out of range.`, anchor);
    return INVALID_NODE;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return constantNode(value);
  report(walk, 'expression_syntax', `Unsupported literal ${node.raw}.`, anchor);
  return INVALID_NODE;
}

function compileIdentifier(walk: Walk, node: jsep.Identifier): ValueNode {
  const anchor = mark(walk, `word:${node.name}`);
  if (FORBIDDEN_NAMES.has(node.name)) {
    report(walk, 'forbidden_name', `\`${node.name}\` is not allowed in conditions.`, anchor, { name: node.name });
    return INVALID_NODE;
  }
  if (node.name === 'agent' && walk.options.context === 'agent') {
    report(walk, 'unknown_field', '`agent` needs a property, e.g. `agent.skills` or `agent.presence`.', anchor);
    return INVALID_NODE;
  }
  return subjectField(walk, node.name, anchor);
}

function subjectField(walk: Walk, key: string, anchor: Anchor): ValueNode {
  const reference = subjectFieldReference(key, walk.options.fields, walk.options.slots);
  if (reference.ok) return reference.node;
  report(walk, 'unknown_field', reference.message, anchor, reference.params);
  return INVALID_NODE;
}

/** The property of a member expression: a name, or a literal string or number in brackets. */
function propertyKey(walk: Walk, node: jsep.MemberExpression): { key: string | number; anchor: Anchor } | null {
  if (!node.computed) {
    const name = (node.property as jsep.Identifier).name;
    const anchor = mark(walk, `word:${name}`);
    if (!FORBIDDEN_NAMES.has(name)) return { key: name, anchor };
    report(walk, 'forbidden_name', `\`${name}\` is not allowed in conditions.`, anchor, { name });
    return null;
  }
  const bracket = mark(walk, 'op:[');
  const before = walk.anchors.length;
  const property = compileNode(walk, node.property);
  const anchor = walk.anchors[before] ?? bracket;
  const key = property.constant ? constantValue(property) : undefined;
  if (typeof key === 'string') {
    if (!FORBIDDEN_NAMES.has(key)) return { key, anchor };
    report(walk, 'forbidden_name', `\`${key}\` is not allowed in conditions.`, anchor, { name: key });
    return null;
  }
  if (typeof key === 'number') return { key, anchor };
  if (property !== INVALID_NODE) {
    report(walk, 'expression_syntax', 'A property in brackets must be a literal string or number.', bracket);
  }
  return null;
}

function compileMember(walk: Walk, node: jsep.MemberExpression): ValueNode {
  const object = node.object;
  let result: ValueNode;
  if (object.type === 'Identifier' && isRoot((object as jsep.Identifier).name)) {
    const root = (object as jsep.Identifier).name;
    const rootAnchor = mark(walk, `word:${root}`);
    const property = propertyKey(walk, node);
    if (property === null) {
      result = INVALID_NODE;
    } else if (root !== 'agent') {
      result = subjectField(walk, String(property.key), property.anchor);
    } else if (walk.options.context === 'agent') {
      result = agentPropertyNode(String(property.key));
    } else {
      report(walk, 'unknown_field', '`agent.*` is only available in `eligibility.agentWhen`.', rootAnchor);
      result = INVALID_NODE;
    }
  } else {
    const base = compileNode(walk, object);
    const property = propertyKey(walk, node);
    if (property === null || base === INVALID_NODE) {
      result = INVALID_NODE;
    } else {
      const type = memberTypeOf(base.type, property.key);
      if (type === null && walk.typed) {
        report(walk, 'type_mismatch', `${describeType(base.type)} has no property \`${property.key}\`.`, property.anchor);
        result = INVALID_NODE;
      } else {
        result = memberNode(base, property.key, type ?? 'unknown');
      }
    }
  }
  if (node.optional) {
    report(walk, 'expression_syntax', '`?.` is not needed: reading a property of null gives null. Use `.`.', walk.anchors.at(-1));
    return INVALID_NODE;
  }
  return result;
}

/** `customer.`, `contact.`, `subject.` and `agent.` start references rather than reading a field of that name. */
function isRoot(name: string): boolean {
  return SUBJECT_ROOTS.has(name) || name === 'agent';
}

function compileCall(walk: Walk, node: jsep.CallExpression): ValueNode {
  const callee = node.callee;
  let name: string | null = null;
  let anchor: Anchor | undefined;
  let kind: 'function' | 'method' = 'function';
  const args: ValueNode[] = [];
  if (callee.type === 'Identifier') {
    name = (callee as jsep.Identifier).name;
    anchor = mark(walk, `word:${name}`);
  } else if (callee.type === 'MemberExpression' && !(callee as jsep.MemberExpression).computed) {
    const member = callee as jsep.MemberExpression;
    args.push(compileNode(walk, member.object));
    name = (member.property as jsep.Identifier).name;
    anchor = mark(walk, `word:${name}`);
    kind = 'method';
    if (member.optional) name = null;
  } else {
    const before = walk.anchors.length;
    compileNode(walk, callee);
    anchor = walk.anchors[before];
  }
  for (const argument of node.arguments) args.push(compileNode(walk, argument));
  if (name !== null && FORBIDDEN_NAMES.has(name)) {
    report(walk, 'forbidden_name', `\`${name}\` is not allowed in conditions.`, anchor, { name });
    return INVALID_NODE;
  }
  const known = kind === 'function' ? FUNCTION_NAMES : METHOD_NAMES;
  if (name === null || !known.has(name)) {
    const shown = (n: string) => (kind === 'function' ? `\`${n}\`` : `\`.${n}()\``);
    const what = name === null ? 'This' : shown(name);
    const list = kind === 'function' ? [...FUNCTION_NAMES].join(', ') : [...METHOD_NAMES].map((m) => `.${m}()`).join(', ');
    const suggestion = name === null ? undefined : closestName(name, known);
    const hint = suggestion === undefined ? '' : ` Did you mean ${shown(suggestion)}?`;
    const params = name === null ? undefined : { name, ...(suggestion !== undefined && { suggestion }) };
    report(walk, 'unknown_function', `${what} is not a function conditions can call.${hint} Available: ${list}.`, anchor, params);
    return INVALID_NODE;
  }
  const call = functionCallNode(kind === 'method' && name === 'includes' ? 'contains' : name, args, walk.typed);
  if (call.ok) return call.node;
  const shown = kind === 'method' ? `.${name}()` : `${name}()`;
  report(walk, call.code, `${shown}: ${call.message}`, anchor);
  return INVALID_NODE;
}

function compileUnary(walk: Walk, node: jsep.UnaryExpression): ValueNode {
  const anchor = mark(walk, `op:${node.operator}`);
  const argument = compileNode(walk, node.argument);
  const expected: StaticType | null = node.operator === '-' ? 'number' : node.operator === '!' ? 'boolean' : null;
  if (expected === null) {
    report(walk, 'expression_syntax', `The operator \`${node.operator}\` is not supported.`, anchor);
    return INVALID_NODE;
  }
  if (argument === INVALID_NODE) return INVALID_NODE;
  if (walk.typed && !fitsKinds(argument.type, [expected])) {
    report(walk, 'type_mismatch', `\`${node.operator}\` needs ${describeType(expected)}, not ${describeType(argument.type)}.`, anchor);
    return INVALID_NODE;
  }
  return node.operator === '-' ? negationNode(argument) : notNode(argument);
}

const UNSUPPORTED_OPERATOR_HINTS: Readonly<Record<string, string>> = {
  '===': ' `==` is already strict.',
  '!==': ' `!=` is already strict.',
  '??': ' Use `exists(x) ? x : other`.',
};

function compileBinary(walk: Walk, node: jsep.BinaryExpression): ValueNode {
  const chain = chainOperator(node);
  if (chain !== null) return compileChain(walk, node, chain);
  const left = compileNode(walk, node.left);
  const operator = node.operator;
  const anchor = mark(walk, operator === 'in' ? 'word:in' : `op:${operator}`);
  const right = compileNode(walk, node.right);
  switch (operator) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case 'in':
      break;
    default:
      report(
        walk,
        'expression_syntax',
        `The operator \`${operator}\` is not supported.${UNSUPPORTED_OPERATOR_HINTS[operator] ?? ''}`,
        anchor,
      );
      return INVALID_NODE;
  }
  if (left === INVALID_NODE || right === INVALID_NODE) return INVALID_NODE;
  const mismatch = walk.typed ? binaryTypeMismatch(operator, left.type, right.type) : null;
  if (mismatch !== null) {
    report(walk, 'type_mismatch', mismatch, anchor);
    return INVALID_NODE;
  }
  switch (operator) {
    case '==':
    case '!=':
      return equalityNode(left, right, operator === '!=');
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparisonNode(operator, left, right);
    case 'in':
      return membershipNode(left, right);
    default:
      return arithmeticNode(operator, left, right);
  }
}

/**
 * `a || b || c`: every operand compiled in source order (so issue positions
 * stay right), joined into one closure. Each operand must be a boolean when
 * the fields are declared; a wrong one is reported at the operator beside it.
 */
function compileChain(walk: Walk, node: jsep.BinaryExpression, operator: '&&' | '||'): ValueNode {
  const operands: ValueNode[] = [];
  const anchors: Anchor[] = [];
  chainOperands(node, operator).forEach((operand, i) => {
    if (i > 0) anchors.push(mark(walk, `op:${operator}`));
    operands.push(compileNode(walk, operand));
  });
  if (operands.includes(INVALID_NODE)) return INVALID_NODE;
  let valid = true;
  operands.forEach((operand, i) => {
    const mismatch = walk.typed ? binaryTypeMismatch(operator, operand.type, 'boolean') : null;
    if (mismatch === null) return;
    report(walk, 'type_mismatch', mismatch, anchors[Math.max(0, i - 1)]);
    valid = false;
  });
  return valid ? everyNode(operator, operands) : INVALID_NODE;
}

function compileConditional(walk: Walk, node: jsep.ConditionalExpression): ValueNode {
  const test = compileNode(walk, node.test);
  const anchor = mark(walk, 'op:?');
  const then = compileNode(walk, node.consequent);
  const otherwise = compileNode(walk, node.alternate);
  if (test === INVALID_NODE || then === INVALID_NODE || otherwise === INVALID_NODE) return INVALID_NODE;
  if (walk.typed && !fitsKinds(test.type, ['boolean'])) {
    report(walk, 'type_mismatch', `The test of \`? :\` must be a boolean, not ${describeType(test.type)}.`, anchor);
    return INVALID_NODE;
  }
  return conditionalNode(test, then, otherwise);
}

function compileArray(walk: Walk, node: jsep.ArrayExpression): ValueNode {
  const anchor = mark(walk, 'op:[');
  const elements = node.elements.map((element) => (element === null ? null : compileNode(walk, element)));
  if (elements.includes(null)) {
    report(walk, 'expression_syntax', 'A list has an empty slot (two commas in a row?).', anchor);
    return INVALID_NODE;
  }
  const nodes = elements as ValueNode[];
  if (nodes.includes(INVALID_NODE)) return INVALID_NODE;
  if (!nodes.every((element) => element.constant)) {
    report(walk, 'expression_syntax', 'A list literal may contain only literal values.', anchor);
    return INVALID_NODE;
  }
  return constantNode(Object.freeze(nodes.map(constantValue)));
}
