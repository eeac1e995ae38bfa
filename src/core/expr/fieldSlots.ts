/**
 * Field slots: the subject fields a rule set's conditions mention, numbered.
 * A decision reads each of them once (`readFieldSlots`), and conditions
 * compiled with the slots read the array by index instead of looking up an
 * own property of the fields object every time they test a field: a region
 * tested by six rules costs one property lookup, not six.
  *
 * @example
 * ```ts
 * const slots = new FieldSlots();
 * compileCondition("region == '北京'", { context: 'subject', path: ['when'], slots });
 * slots.names; // ['region']
 * ```
 */
export class FieldSlots {
  /** Field names in slot order. */
  readonly names: string[] = [];
  readonly #index = new Map<string, number>();

  /**
   * The slot of a top-level subject field, numbering it on first use.
   *
   * @param name - the field name
   * @returns its slot
   * @example
   * ```ts
   * const slots = new FieldSlots();
   * slots.slotOf('region'); // 0
   * slots.slotOf('level');  // 1
   * slots.slotOf('region'); // 0
   * ```
   */
  slotOf(name: string): number {
    let slot = this.#index.get(name);
    if (slot === undefined) {
      slot = this.names.length;
      this.names.push(name);
      this.#index.set(name, slot);
    }
    return slot;
  }
}

const hasOwn = Object.hasOwn;
const getPrototypeOf = Object.getPrototypeOf;
const objectPrototype = Object.prototype;

/**
 * How one list of field names meets subjects' keys: each name's slot, and the
 * keys of the last subject read in their enumeration order with their slots
 * (-1: not a slotted field). Subjects built the same way list their keys in
 * the same order, so a key is matched by one comparison with the key seen at
 * that place last time instead of a lookup.
 */
interface KeyOrder {
  readonly slotOf: ReadonlyMap<string, number>;
  readonly keys: string[];
  readonly slots: number[];
}

const keyOrders = new WeakMap<readonly string[], KeyOrder>();
// The list read last and its order: decisions in a row use the same rule set.
let lastNames: readonly string[] | null = null;
let lastOrder: KeyOrder | null = null;

function keyOrderOf(names: readonly string[]): KeyOrder {
  if (names === lastNames) return lastOrder!;
  let order = keyOrders.get(names);
  if (order === undefined) {
    order = { slotOf: new Map(names.map((name, slot) => [name, slot])), keys: [], slots: [] };
    keyOrders.set(names, order);
  }
  lastNames = names;
  lastOrder = order;
  return order;
}

/** Whether `for…in` over the object lists its own enumerable keys only: nothing enumerable is inherited. */
function listsOwnKeysOnly(fields: object): boolean {
  const prototype: unknown = getPrototypeOf(fields);
  if (prototype === null) return true;
  if (prototype !== objectPrototype) return false;
  return !hasEnumerableKey(objectPrototype);
}

/** Whether `for…in` lists any key of the object: Object.prototype lists none unless polluted (an assigned property is enumerable). */
function hasEnumerableKey(object: object): boolean {
  for (const key in object) if (typeof key === 'string') return true;
  return false;
}

/**
 * Reads the slotted fields of a subject: each own property as stored (the
 * value found, before conditions interpret it), `undefined` when the subject
 * has no such own property. Inherited properties are never read.
 *
 * For a plain object with nothing enumerable to inherit, its own enumerable
 * keys are listed by `for…in` (V8 reads a key it lists by the key's place in
 * the object, instead of looking the name up) and matched to slots, until
 * every slot is read or a few more keys than slots were listed; the slots not
 * met that way (own non-enumerable properties, keys past that point) are then
 * read by name. Any other object is read name by name with an own-property
 * check. Either way an own getter runs once, as any property read would (a
 * getter that deletes other fields while being read is the host's own
 * doing, and outside what this promises).
 *
 * @param names - the field names in slot order (`FieldSlots.names`)
 * @param fields - the subject's fields
 * @returns the values by slot
 * @example
 * ```ts
 * readFieldSlots(['region', 'level'], { region: '北京' }); // ['北京', undefined]
 * ```
 */
export function readFieldSlots(names: readonly string[], fields: Readonly<Record<string, unknown>>): unknown[] {
  const values: unknown[] = new Array(names.length);
  if (names.length === 0) return values;
  if (!listsOwnKeysOnly(fields)) {
    for (let slot = 0; slot < names.length; slot++) {
      const name = names[slot]!;
      values[slot] = hasOwn(fields, name) ? fields[name] : undefined;
    }
    return values;
  }
  const order = keyOrderOf(names);
  const { keys, slots } = order;
  // A record with many more keys than the rule set reads stops being listed here: a decision is not slowed by its size.
  const limit = names.length * 2 + 16;
  let read = 0;
  let place = 0;
  for (const key in fields) {
    if (place === limit) break;
    let slot: number;
    if (keys[place] === key) slot = slots[place]!;
    else {
      slot = order.slotOf.get(key) ?? -1;
      keys[place] = key;
      slots[place] = slot;
    }
    place++;
    if (slot >= 0) {
      values[slot] = fields[key];
      if (++read === names.length) return values;
    }
  }
  // Own properties not listed: non-enumerable ones, and those past the limit.
  const listed = new Uint8Array(names.length);
  for (let at = 0; at < place; at++) if (slots[at]! >= 0) listed[slots[at]!] = 1;
  for (let slot = 0; slot < names.length; slot++) {
    const name = names[slot]!;
    if (listed[slot] === 0 && hasOwn(fields, name)) values[slot] = fields[name];
  }
  return values;
}
