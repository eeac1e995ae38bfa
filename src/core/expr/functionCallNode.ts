import type { IssueCode } from '../ruleset/issues.js';
import { membershipTypeMismatch } from './binaryTypeMismatch.js';
import { describeType, fitsKinds, type StaticType } from './staticType.js';
import {
  affixNode,
  caseNode,
  daysSinceNode,
  existsNode,
  INVALID_NODE,
  lengthNode,
  membershipNode,
  type ValueNode,
} from './valueNode.js';

/** What each function accepts: one list of broad kinds per argument (empty: anything). */
const SIGNATURES: Readonly<Record<string, readonly (readonly StaticType[])[]>> = {
  contains: [['string', 'array'], []],
  startsWith: [['string'], ['string']],
  endsWith: [['string'], ['string']],
  lower: [['string']],
  upper: [['string']],
  len: [['string', 'array']],
  exists: [[]],
  daysSince: [['string', 'number']],
};

/**
 * A call of a whitelisted function (`FUNCTION_NAMES`; methods are passed with
 * the target as first argument, `.includes` as `contains`), with its arity
 * and, when fields are declared, its argument types checked.
 *
 * @param name - a name from `FUNCTION_NAMES`
 * @param args - the compiled arguments
 * @param typed - whether to check argument types (the rule set declares fields)
 * @returns the node, or the issue code and message
 * @example
 * ```ts
 * functionCallNode('lower', [subjectFieldNode('name', 'string')], true); // { ok: true, node: … }
 * functionCallNode('lower', [], false); // { ok: false, code: 'expression_syntax', message: 'takes 1 argument, not 0.' }
 * ```
 */
export function functionCallNode(
  name: string,
  args: readonly ValueNode[],
  typed: boolean,
): { ok: true; node: ValueNode } | { ok: false; code: IssueCode; message: string } {
  const signature = SIGNATURES[name]!;
  if (args.length !== signature.length) {
    const expected = `${signature.length} argument${signature.length === 1 ? '' : 's'}`;
    return { ok: false, code: 'expression_syntax', message: `takes ${expected}, not ${args.length}.` };
  }
  if (args.includes(INVALID_NODE)) return { ok: true, node: INVALID_NODE };
  if (typed) {
    for (let i = 0; i < args.length; i++) {
      const accepted = signature[i]!;
      if (accepted.length > 0 && !fitsKinds(args[i]!.type, accepted)) {
        const wanted = accepted.map(describeType).join(' or ');
        return { ok: false, code: 'type_mismatch', message: `needs ${wanted}, not ${describeType(args[i]!.type)}.` };
      }
    }
    const mismatch = name === 'contains' ? membershipTypeMismatch(args[1]!.type, args[0]!.type) : null;
    if (mismatch !== null) return { ok: false, code: 'type_mismatch', message: mismatch };
  }
  return { ok: true, node: build(name, args) };
}

function build(name: string, args: readonly ValueNode[]): ValueNode {
  const [first, second] = args as [ValueNode, ValueNode];
  switch (name) {
    case 'contains':
      return membershipNode(second, first);
    case 'startsWith':
    case 'endsWith':
      return affixNode(name, first, second);
    case 'lower':
    case 'upper':
      return caseNode(name, first);
    case 'len':
      return lengthNode(first);
    case 'exists':
      return existsNode(first);
    default:
      return daysSinceNode(first);
  }
}
