/**
 * Size limits of one condition, in both forms. They keep compiling and
 * evaluating bounded whatever an admin types: the source length is checked
 * before parsing, bracket nesting before jsep recurses, nodes and depth while
 * walking the tree.
 *
 * Depth counts real nesting only: a flat chain of one associative operator
 * (`level == 0 || level == 1 || … || level == 59`, as condition builders
 * write it) is one level, like `{ any: [...] }`, so its length is bounded by
 * the node limit alone. Parentheses that change the operator, calls,
 * ternaries and unary operators each add a level. The node limit leaves room
 * for such a chain of 500 comparisons (about 2,000 nodes).
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
  maxNodes: 2048,
  /** Nesting depth of the tree, and of brackets in the source. */
  maxDepth: 32,
});
