import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { INPUT_LIMITS } from './inputLimits.js';
import { textProblem } from './textProblem.js';

/** How deep and how large JSON data may be. */
export interface JsonDataLimits {
  /** Deepest nesting; the value itself is depth 1. */
  readonly depth: number;
  /** Largest size, as the length of its JSON text. */
  readonly size: number;
}

const EXPECTED = 'JSON data (finite numbers, strings, booleans, null, arrays and plain objects)';
const getTime = Date.prototype.getTime;
const toISOString = Date.prototype.toISOString;
const objectTag = Object.prototype.toString;
const MIN_DATE_MS = -62_135_596_800_000;
const MAX_DATE_MS = 253_402_300_799_999;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Key = string | number;

/**
 * Reads caller data the library stores and hands to conditions (a subject's
 * `fields`, an agent's `attributes`): JSON data only, so what the core decides
 * on is exactly what every store keeps. Plain data comes back as it is (no
 * copy: a decision per customer should not pay for one); a value that had to
 * change (a `Date`, an `undefined` property) comes back in a copy of the
 * objects and arrays holding it. Stores copy what they keep themselves. Finite numbers (NaN, ±Infinity
 * and -0 refused — JSON would silently change them), strings and field names
 * well-formed without NUL, booleans, null, arrays, plain objects. A valid `Date`
 * becomes its ISO-8601 string (years 0001–9999; others refused). A property
 * whose value is `undefined` is left out, as `JSON.stringify` does. Refused:
 * BigInt, functions, symbols, other class instances, cycles, accessor
 * properties (getters are never called), a `toJSON` property, nesting deeper
 * than `limits.depth` and JSON text longer than `limits.size`.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subject.fields'`)
 * @param limits - depth and size bounds
 * @returns the value, or a copy where something had to change
 * @throws InputError (`invalid_input`) naming the exact path of the first bad value
 * @example
 * ```ts
 * readJsonData({ region: '北京', since: new Date(0) }, 'subject.fields', { depth: 32, size: 65536 });
 * // { region: '北京', since: '1970-01-01T00:00:00.000Z' }
 * readJsonData({ level: Number.NaN }, 'subject.fields', { depth: 32, size: 65536 });
 * // throws: subject.fields.level must be JSON data …, got the number NaN
 * ```
 */
export function readJsonData(value: unknown, path: string, limits: JsonDataLimits): unknown {
  const reader = new JsonReader(path, limits);
  return reader.read(value, 1);
}

class JsonReader {
  readonly #path: string;
  readonly #limits: JsonDataLimits;
  readonly #keys: Key[] = [];
  /** The objects being read (the ancestors of the current value), to tell a cycle from shared data. */
  readonly #open: object[] = [];
  #size = 0;

  constructor(path: string, limits: JsonDataLimits) {
    this.#path = path;
    this.#limits = limits;
  }

  read(value: unknown, depth: number): unknown {
    switch (typeof value) {
      case 'string': {
        const problem = textProblem(value, Number.POSITIVE_INFINITY);
        if (problem !== null) this.#fail(problem);
        this.#grow(value.length + 2);
        return value;
      }
      case 'number':
        if (!Number.isFinite(value)) this.#fail(describeValue(value));
        if (Object.is(value, -0)) this.#fail('-0 (JSON keeps it as 0; give 0)');
        this.#grow(String(value).length);
        return value;
      case 'boolean':
        this.#grow(5);
        return value;
      case 'object':
        if (value === null) {
          this.#grow(4);
          return null;
        }
        return this.#object(value, depth);
      default:
        return this.#fail(describeValue(value));
    }
  }

  #object(value: object, depth: number): unknown {
    const ms = dateTime(value);
    if (ms !== null) {
      if (Number.isNaN(ms) || ms < MIN_DATE_MS || ms > MAX_DATE_MS) this.#fail('a Date that is invalid or outside the years 0001–9999');
      this.#grow(26);
      return toISOString.call(value as Date);
    }
    if (depth > this.#limits.depth) this.#fail(`nesting deeper than ${this.#limits.depth} levels`);
    if (this.#open.includes(value)) this.#fail('a circular reference');
    this.#open.push(value);
    let read: unknown;
    try {
      read = Array.isArray(value) ? this.#array(value, depth) : this.#record(value, depth);
    } catch (error) {
      if (error instanceof InputError) throw error;
      // A proxy's traps, for instance: whatever the value does when looked at.
      this.#fail('a value that throws when read');
    }
    this.#open.pop();
    return read;
  }

  #array(value: readonly unknown[], depth: number): readonly unknown[] {
    if (Object.getPrototypeOf(value) !== Array.prototype) this.#fail('an array subclass');
    let copy: unknown[] | null = null;
    this.#grow(2 + value.length);
    for (let i = 0; i < value.length; i++) {
      this.#keys.push(i);
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined) this.#fail('a hole in an array');
      if (!('value' in descriptor)) this.#fail('an accessor property (getter)');
      const item = this.read(descriptor.value, depth + 1);
      // Copy on write: plain data comes back as it is, only a changed value (a Date) costs a copy.
      if (copy === null && item !== descriptor.value) copy = value.slice(0, i);
      copy?.push(item);
      this.#keys.pop();
    }
    return copy ?? value;
  }

  #record(value: object, depth: number): object {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) this.#fail(describeValue(value));
    const keys: string[] = [];
    const items: unknown[] = [];
    let changed = false;
    this.#grow(2);
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') this.#fail('an object with a symbol key');
      this.#keys.push(key);
      const problem = textProblem(key, INPUT_LIMITS.fieldNameLength);
      if (problem !== null) this.#fail(`a property name that is ${problem}`);
      if (key === 'toJSON') this.#fail('a toJSON property (it would change what is stored)');
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if (!('value' in descriptor)) this.#fail('an accessor property (getter)');
      if (descriptor.value === undefined || descriptor.enumerable !== true) changed = true;
      else {
        this.#grow(key.length + 4);
        const item = this.read(descriptor.value, depth + 1);
        if (item !== descriptor.value) changed = true;
        keys.push(key);
        items.push(item);
      }
      this.#keys.pop();
    }
    if (!changed) return value;
    const copy: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      // An own "__proto__" key stays a plain key of the copy (assigning it would set the prototype).
      if (key === '__proto__') Object.defineProperty(copy, key, { value: items[k], enumerable: true, writable: true, configurable: true });
      else copy[key] = items[k];
    }
    return copy;
  }

  #grow(characters: number): void {
    this.#size += characters;
    if (this.#size > this.#limits.size) this.#fail(`more than ${this.#limits.size} characters of JSON`);
  }

  #fail(received: string): never {
    let path = this.#path;
    for (const key of this.#keys) {
      if (typeof key === 'number') path += `[${key}]`;
      else path += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
    }
    throw new InputError(path, EXPECTED, received);
  }
}

/** A real Date's time (NaN when invalid), or null for anything else; nothing on the value is called. */
function dateTime(value: object): number | null {
  // Cheap test first: a thrown TypeError per plain object would cost more than the whole read.
  if (objectTag.call(value) !== '[object Date]') return null;
  try {
    return getTime.call(value as Date);
  } catch {
    return null;
  }
}
