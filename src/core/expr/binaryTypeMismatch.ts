import {
  canBeEqual,
  canBeOrdered,
  describeType,
  elementTypeOf,
  fitsKinds,
  kindOfType,
  type StaticType,
} from './staticType.js';

/**
 * Why a binary operator can never give a useful result for operands of these
 * static types (`level == "3"` with `level` a number), or null when it can.
 * Used only when the rule set declares its fields.
 *
 * @param operator - `==`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `/`, `%`, `&&`, `||` or `in`
 * @param left - the left operand's static type
 * @param right - the right operand's static type
 * @returns a message for the issue `type_mismatch`, or null
 * @example
 * ```ts
 * binaryTypeMismatch('==', 'number', 'string'); // '`==` compares a number with a string: never true.'
 * binaryTypeMismatch('in', 'string', 'string[]'); // null
 * ```
 */
export function binaryTypeMismatch(operator: string, left: StaticType, right: StaticType): string | null {
  switch (operator) {
    case '==':
    case '!=':
      return canBeEqual(left, right)
        ? null
        : `\`${operator}\` compares ${describeType(left)} with ${describeType(right)}: ${operator === '==' ? 'never' : 'always'} true.`;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return canBeOrdered(left, right)
        ? null
        : `\`${operator}\` compares numbers with numbers or strings with strings, not ${describeType(left)} with ${describeType(right)}.`;
    case '&&':
    case '||':
      return needs(operator, 'boolean', left, right);
    case 'in':
      return membershipTypeMismatch(left, right);
    default:
      return needs(operator, 'number', left, right);
  }
}

function needs(operator: string, kind: StaticType, left: StaticType, right: StaticType): string | null {
  const wrong = [left, right].find((type) => !fitsKinds(type, [kind]));
  return wrong === undefined ? null : `\`${operator}\` needs ${describeType(kind)}, not ${describeType(wrong)}.`;
}

/**
 * Why `item in container` (or `contains(container, item)`) can never hold for
 * these static types, or null.
 *
 * @param item - the static type of the value looked for
 * @param container - the static type of the list or string
 * @returns a message for the issue `type_mismatch`, or null
 * @example
 * ```ts
 * membershipTypeMismatch('number', 'string[]'); // 'a number is never in a list of strings.'
 * ```
 */
export function membershipTypeMismatch(item: StaticType, container: StaticType): string | null {
  if (!fitsKinds(container, ['string', 'array'])) {
    return `Membership needs a list or a string to look in, not ${describeType(container)}.`;
  }
  if (kindOfType(container) === 'string') {
    return fitsKinds(item, ['string']) ? null : `Only a string can be part of a string, not ${describeType(item)}.`;
  }
  const element = kindOfType(container) === 'array' ? elementTypeOf(container) : 'unknown';
  return canBeEqual(item, element) ? null : `${describeType(item)} is never in ${describeType(container)}.`;
}
