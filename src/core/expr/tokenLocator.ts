/**
 * Finds where things are in an expression source. jsep's tree carries no
 * positions, but it keeps the source order of its tokens: walking the tree
 * left to right (left operand, operator, right operand; object, property;
 * callee, arguments; test, `?`, branches) meets names, literals and operators
 * in the order they appear. So the n-th time the walk meets, say, the name
 * `region`, it is the n-th word `region` in the source.
 *
 * Anchor keys: `word:<name>` for names (and the operator `in`), `lit:<raw>`
 * for literals as written, `op:<symbol>` for operators, `?` and `[`.
 */
export interface TokenLocator {
  /** Character index of the `ordinal`-th (0-based) token with this key, or null. */
  position(key: string, ordinal: number): number | null;
}

const OPERATORS = [
  '>>>',
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '<<',
  '>>',
  '**',
  '|',
  '^',
  '&',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '~',
  '?',
  '[',
];
const LITERAL_WORDS = new Set(['true', 'false', 'null']);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// The same characters jsep accepts in names (it adds `$` and `_` to ASCII letters and treats all non-ASCII as letters).
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 128 || code === 36 || code === 95;
}

/**
 * Scans an expression into its anchor tokens, the way jsep reads them.
 *
 * @param source - the expression source
 * @returns a locator answering "where is the n-th such token?"
 * @example
 * ```ts
 * createTokenLocator('a == 1 || a == 2').position('word:a', 1); // 10
 * ```
 */
export function createTokenLocator(source: string): TokenLocator {
  const positions = new Map<string, number[]>();
  const add = (key: string, index: number) => {
    const list = positions.get(key);
    if (list) list.push(index);
    else positions.set(key, [index]);
  };
  let i = 0;
  let previous = '';
  while (i < source.length) {
    const code = source.charCodeAt(i);
    const start = i;
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
    } else if (code === 63 && source[i + 1] === '.') {
      // jsep reads `?.` as optional chaining, never as the `?` of a conditional.
      i += 2;
    } else if (code === 34 || code === 39) {
      i++;
      while (i < source.length && source.charCodeAt(i) !== code) i += source[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, source.length);
      add(`lit:${source.slice(start, i)}`, start);
      previous = 'value';
    } else if (isDigit(code) || (code === 46 && isDigit(source.charCodeAt(i + 1)) && previous !== 'value')) {
      i = scanNumber(source, i);
      add(`lit:${source.slice(start, i)}`, start);
      previous = 'value';
    } else if (isWordStart(code)) {
      i++;
      while (i < source.length && (isWordStart(source.charCodeAt(i)) || isDigit(source.charCodeAt(i)))) i++;
      const word = source.slice(start, i);
      add(LITERAL_WORDS.has(word) ? `lit:${word}` : `word:${word}`, start);
      previous = 'value';
    } else {
      const operator = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (operator !== undefined) {
        add(`op:${operator}`, start);
        i += operator.length;
        previous = operator;
      } else {
        i++;
        previous = code === 41 || code === 93 ? 'value' : source[start]!;
      }
    }
  }
  return { position: (key, ordinal) => positions.get(key)?.[ordinal] ?? null };
}

/** The end of a numeric literal as jsep reads it: digits, fraction, exponent. */
function scanNumber(source: string, i: number): number {
  while (isDigit(source.charCodeAt(i))) i++;
  if (source[i] === '.') {
    i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    while (isDigit(source.charCodeAt(i))) i++;
  }
  return i;
}
