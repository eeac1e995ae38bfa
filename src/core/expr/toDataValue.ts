const getTime = Date.prototype.getTime;
const toISOString = Date.prototype.toISOString;
const getPrototypeOf = Object.getPrototypeOf;
const objectPrototype = Object.prototype;

/**
 * Reads a value found in subject or agent data the way expressions see it:
 * `undefined`, functions, symbols, bigints and `NaN` become `null`; a real
 * `Date` becomes its ISO-8601 string (an invalid one `null`); everything else
 * is returned as it is. Nothing found on the value itself is ever called: a
 * Date is recognised by `Date.prototype.getTime`, not by its own methods.
 *
 * @param value - a value read from the data
 * @returns the value as expressions see it
 * @example
 * ```ts
 * toDataValue(undefined); // null
 * toDataValue(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * toDataValue(() => 1); // null
 * ```
 */
export function toDataValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN is not a number anyone can compare with: it reads as missing.
      return Number.isNaN(value) ? null : value;
    case 'object':
      return value === null ? null : objectValue(value);
    default:
      return null;
  }
}

function objectValue(value: object): unknown {
  if (Array.isArray(value)) return value;
  const prototype: unknown = getPrototypeOf(value);
  if (prototype === objectPrototype || prototype === null) return value;
  let ms: number;
  try {
    // Throws for anything that is not a real Date, whatever it claims to be.
    ms = getTime.call(value as Date);
  } catch {
    return value;
  }
  return Number.isNaN(ms) ? null : toISOString.call(value as Date);
}
