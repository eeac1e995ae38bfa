import type { FieldType } from '../ruleset/types.js';

/**
 * What the compiler knows about the value of an expression before running it,
 * from declared fields and literals. `unknown` never mismatches; `null` (the
 * `null` literal) is compatible with everything.
 */
export type StaticType = FieldType | 'array' | 'null' | 'unknown';

const DESCRIPTIONS: Readonly<Record<StaticType, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  date: 'a date',
  'string[]': 'a list of strings',
  'number[]': 'a list of numbers',
  array: 'a list',
  null: 'null',
  unknown: 'a value',
};

/**
 * Names a static type for issue messages.
 *
 * @param type - a static type
 * @returns e.g. `'a list of strings'`
 * @example
 * ```ts
 * describeType('number[]'); // 'a list of numbers'
 * ```
 */
export function describeType(type: StaticType): string {
  return DESCRIPTIONS[type];
}

/**
 * The static type of a constant (a literal or a structured condition's value).
 *
 * @param value - a JSON-like constant
 * @returns its static type
 * @example
 * ```ts
 * typeOfConstant(['a', 'b']); // 'string[]'
 * ```
 */
export function typeOfConstant(value: unknown): StaticType {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return Array.isArray(value) ? typeOfList(value) : 'unknown';
  }
}

function typeOfList(list: readonly unknown[]): StaticType {
  let element: StaticType = 'null';
  for (const item of list) {
    const type = typeOfConstant(item);
    if (type === 'null') continue;
    if (element !== 'null' && element !== type) return 'array';
    element = type;
  }
  if (element === 'string') return 'string[]';
  return element === 'number' ? 'number[]' : 'array';
}

/**
 * Tells whether the compiler knows anything about a value of this type.
 *
 * @param type - a static type
 * @returns false for `unknown` and `null`, which never mismatch
 * @example
 * ```ts
 * isKnownType('null'); // false
 * ```
 */
export function isKnownType(type: StaticType): boolean {
  return type !== 'unknown' && type !== 'null';
}

/**
 * Folds `date` into `string` (dates compare as ISO strings) and every list into `array`
 * when asked for the broad kind of a type.
 *
 * @param type - a static type
 * @returns `'string'`, `'number'`, `'boolean'`, `'array'`, `'null'` or `'unknown'`
 * @example
 * ```ts
 * kindOfType('date'); // 'string'
 * ```
 */
export function kindOfType(type: StaticType): StaticType {
  if (type === 'date') return 'string';
  if (type === 'string[]' || type === 'number[]') return 'array';
  return type;
}

/**
 * The type of the elements of a list type.
 *
 * @param type - a static type
 * @returns the element type, `unknown` when not known
 * @example
 * ```ts
 * elementTypeOf('string[]'); // 'string'
 * ```
 */
export function elementTypeOf(type: StaticType): StaticType {
  if (type === 'string[]') return 'string';
  return type === 'number[]' ? 'number' : 'unknown';
}

/**
 * Tells whether two values of these types can ever be equal (`==`, `in`).
 *
 * @param left - a static type
 * @param right - a static type
 * @returns false only when both are known and can never be equal
 * @example
 * ```ts
 * canBeEqual('number', 'string'); // false
 * canBeEqual('date', 'string'); // true
 * ```
 */
export function canBeEqual(left: StaticType, right: StaticType): boolean {
  if (!isKnownType(left) || !isKnownType(right)) return true;
  if (kindOfType(left) !== kindOfType(right)) return false;
  if (kindOfType(left) !== 'array') return true;
  return canBeEqual(elementTypeOf(left), elementTypeOf(right));
}

/**
 * Tells whether `<`, `<=`, `>`, `>=` can ever hold between values of these
 * types: both numbers or both strings (dates are ISO strings).
 *
 * @param left - a static type
 * @param right - a static type
 * @returns false when a known side is not orderable, or the sides differ
 * @example
 * ```ts
 * canBeOrdered('date', 'string'); // true
 * canBeOrdered('boolean', 'unknown'); // false
 * ```
 */
export function canBeOrdered(left: StaticType, right: StaticType): boolean {
  if (!isOrderable(left) || !isOrderable(right)) return false;
  return !isKnownType(left) || !isKnownType(right) || kindOfType(left) === kindOfType(right);
}

function isOrderable(type: StaticType): boolean {
  const kind = kindOfType(type);
  return kind === 'number' || kind === 'string' || !isKnownType(kind);
}

/**
 * Tells whether a value of `type` may be one of the `accepted` kinds.
 *
 * @param type - a static type
 * @param accepted - broad kinds (`string` covers dates, `array` covers lists)
 * @returns true when `type` is unknown, null or one of the kinds
 * @example
 * ```ts
 * fitsKinds('date', ['string']); // true
 * fitsKinds('number', ['string', 'array']); // false
 * ```
 */
export function fitsKinds(type: StaticType, accepted: readonly StaticType[]): boolean {
  return !isKnownType(type) || accepted.includes(kindOfType(type));
}

/**
 * The static type of a property read, for declared-type checks.
 *
 * @param objectType - the static type of the value read from
 * @param key - the property
 * @returns the property's type, or null when such a read can never give a value
 * @example
 * ```ts
 * memberTypeOf('string[]', 0); // 'string'
 * memberTypeOf('number', 'city'); // null
 * ```
 */
export function memberTypeOf(objectType: StaticType, key: string | number): StaticType | null {
  switch (kindOfType(objectType)) {
    case 'unknown':
      return 'unknown';
    case 'null':
      return 'null';
    case 'string':
      return key === 'length' ? 'number' : null;
    case 'array':
      if (key === 'length') return 'number';
      return typeof key === 'number' || /^(0|[1-9]\d*)$/.test(key) ? elementTypeOf(objectType) : null;
    default:
      return null;
  }
}
