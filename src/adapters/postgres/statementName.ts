/**
 * A prepared-statement name derived from the statement's text (a 53-bit
 * hash), so one name never stands for two texts on a connection — not even
 * when stores for different schemas share a pool — and no registry is needed.
 *
 * @internal
 * @param text - the statement's SQL
 * @returns a name such as `dedicated_agent_1x9k2m3p4q`
 * @example
 * ```ts
 * statementName('SELECT 1') === statementName('SELECT 1'); // true
 * ```
 */
export function statementName(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `dedicated_agent_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}
