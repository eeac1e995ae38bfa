import jsep from 'jsep';
import { EXPRESSION_LIMITS } from './expressionLimits.js';

/** What `parseExpression` gives back: jsep's tree, or a problem with its position. */
export type ParseOutcome =
  | { ok: true; ast: jsep.Expression }
  | { ok: false; code: 'expression_syntax' | 'expression_too_large'; message: string; index: number };

/** The static, global state of jsep 1.x that decides how it parses. */
interface JsepParserState {
  binary_ops: Record<string, number>;
  unary_ops: Record<string, number>;
  max_binop_len: number;
  max_unop_len: number;
  right_associative: Set<string>;
  additional_identifier_chars: Set<string>;
  literals: Record<string, unknown>;
  this_str: string;
  hooks: unknown;
}

interface JsepClass extends JsepParserState {
  parse(expression: string): jsep.Expression;
}

const Jsep = (jsep as unknown as { Jsep: JsepClass }).Jsep;
const STATE_KEYS = [
  'binary_ops',
  'unary_ops',
  'max_binop_len',
  'max_unop_len',
  'right_associative',
  'additional_identifier_chars',
  'literals',
  'this_str',
  'hooks',
] as const satisfies readonly (keyof JsepParserState)[];

const QUESTION_MARK = 63;
const COLON = 58;

/**
 * jsep's built-in ternary plugin lives in the host's hook table, which may
 * also hold the host's own plugins; ours is a private copy so neither leaks in.
 */
function gobbleConditional(this: jsep.HookScope, env: { node?: jsep.Expression }): void {
  if (!env.node || this.code !== QUESTION_MARK) return;
  this.index++;
  const test = env.node;
  const consequent = this.gobbleExpression();
  if (!consequent) this.throwError('Expected expression');
  this.gobbleSpaces();
  // `this.index++` moved on, so the code read above is stale for the type checker.
  if ((this.code as number) !== COLON) this.throwError('Expected :');
  this.index++;
  const alternate = this.gobbleExpression();
  if (!alternate) this.throwError('Expected expression');
  env.node = { type: 'ConditionalExpression', test, consequent, alternate };
}

/**
 * The parser state used for our conditions: jsep 1.x's default operators
 * (unsupported ones stay in so the compiler can name them in its issue), plus
 * `in` as a relational operator, plus the ternary. Never mutated.
 */
const LANGUAGE: JsepParserState = {
  binary_ops: {
    '||': 1,
    '??': 1,
    '&&': 2,
    '|': 3,
    '^': 4,
    '&': 5,
    '==': 6,
    '!=': 6,
    '===': 6,
    '!==': 6,
    '<': 7,
    '>': 7,
    '<=': 7,
    '>=': 7,
    in: 7,
    '<<': 8,
    '>>': 8,
    '>>>': 8,
    '+': 9,
    '-': 9,
    '*': 10,
    '/': 10,
    '%': 10,
    '**': 11,
  },
  unary_ops: { '-': 1, '!': 1, '~': 1, '+': 1 },
  max_binop_len: 3,
  max_unop_len: 1,
  right_associative: new Set(['**']),
  additional_identifier_chars: new Set(['$', '_']),
  literals: { true: true, false: false, null: null },
  this_str: 'this',
  hooks: {
    run(name: string, env: { context?: jsep.HookScope; node?: jsep.Expression }): void {
      if (name === 'after-expression' && env.context) gobbleConditional.call(env.context, env);
    },
    'after-expression': [gobbleConditional],
  },
};

/**
 * Parses an expression with jsep, isolated from the host application's use of
 * jsep and bounded in size. jsep keeps its operators, literals and plugin
 * hooks in static, global state; for the duration of this synchronous call
 * that state is swapped for our own tables and then restored to the very same
 * objects, so a host that registered operators or plugins sees no change and
 * cannot widen our language. Limits are checked before jsep recurses: the
 * source length, the nesting of brackets, and a stack overflow as a last
 * resort.
 *
 * @param source - the expression
 * @returns the tree, or an issue code with message and character position
 * @example
 * ```ts
 * parseExpression("region in ['north', 'west']"); // { ok: true, ast: { type: 'BinaryExpression', … } }
 * parseExpression('a ==');                          // { ok: false, code: 'expression_syntax', index: 4, … }
 * ```
 */
export function parseExpression(source: string): ParseOutcome {
  const { maxLength, maxDepth } = EXPRESSION_LIMITS;
  if (source.length > maxLength) {
    return {
      ok: false,
      code: 'expression_too_large',
      message: `The expression has ${source.length} characters; at most ${maxLength} are allowed.`,
      index: maxLength,
    };
  }
  const deepBracket = findTooDeepBracket(source, maxDepth);
  if (deepBracket >= 0) {
    return {
      ok: false,
      code: 'expression_too_large',
      message: `Brackets are nested more than ${maxDepth} deep.`,
      index: deepBracket,
    };
  }
  const saved = STATE_KEYS.map((key) => Object.getOwnPropertyDescriptor(Jsep, key));
  try {
    for (const key of STATE_KEYS) (Jsep as unknown as Record<string, unknown>)[key] = LANGUAGE[key];
    return { ok: true, ast: Jsep.parse(source) };
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, code: 'expression_too_large', message: 'The expression is nested too deeply.', index: 0 };
    }
    const index: unknown = error instanceof Error ? (error as Error & { index?: unknown }).index : undefined;
    if (typeof index !== 'number') throw error;
    const description: unknown = (error as Error & { description?: unknown }).description;
    return {
      ok: false,
      code: 'expression_syntax',
      message: typeof description === 'string' ? `${description}.` : (error as Error).message,
      index: Math.min(index, source.length),
    };
  } finally {
    STATE_KEYS.forEach((key, i) => {
      const descriptor = saved[i];
      if (descriptor === undefined) delete (Jsep as unknown as Record<string, unknown>)[key];
      else Object.defineProperty(Jsep, key, descriptor);
    });
  }
}

/** Index of the first `(` or `[` nested deeper than `maxDepth` outside string literals, or -1. */
function findTooDeepBracket(source: string, maxDepth: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote !== '') {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      if (++depth > maxDepth) return i;
    } else if (ch === ')' || ch === ']') {
      depth--;
    }
  }
  return -1;
}
