/**
 * JSON with object keys sorted, so two values with the same content give the
 * same text whatever order their keys were written in.
 *
 * @param value - plain JSON data (a validated rule set or a part of it)
 * @returns the JSON text, keys sorted at every depth
 * @example
 * ```ts
 * stableJson({ op: 'eq', field: 'region' }) === stableJson({ field: 'region', op: 'eq' }); // true
 * ```
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
