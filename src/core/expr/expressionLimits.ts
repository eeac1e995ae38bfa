/**
 * Size limits of one condition, in both forms. They keep compiling and
 * evaluating bounded whatever an admin types: the source length is checked
 * before parsing, bracket nesting before jsep recurses, nodes and depth while
 * walking the tree.
 *
 * @example
 * ```ts
 * source.length > EXPRESSION_LIMITS.maxLength; // → issue expression_too_large
 * ```
 */
export const EXPRESSION_LIMITS = Object.freeze({
  /** Characters of an expression string. */
  maxLength: 4096,
  /** Nodes of the parsed tree (structured form: condition objects and value items). */
  maxNodes: 256,
  /** Nesting depth of the tree, and of brackets in the source. */
  maxDepth: 32,
});
