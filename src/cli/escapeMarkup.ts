const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and SVG content and attribute values.
 *
 * @param text - any text
 * @returns the text with `& < > " '` escaped
 * @example
 * ```ts
 * escapeMarkup('A & B <rules>'); // 'A &amp; B &lt;rules&gt;'
 * ```
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
