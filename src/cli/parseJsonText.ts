import { CliError } from './cliError.js';

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether `prefix` could still be the start of a JSON text: it parses, or the parser only ran out of input. */
function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/Unexpected end of JSON input|Unterminated string/.test(message)) return true;
    const position = /at position (\d+)/.exec(message);
    return position !== null && Number(position[1]) >= prefix.length;
  }
}

/**
 * Where in `text` JSON.parse stopped. Newer Node versions say so in the
 * message; Node 20 often does not ("Unexpected token ','"), and then the
 * offset is found by bisection: the shortest prefix that can no longer be
 * the start of any JSON text ends at the offending character.
 */
function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isViablePrefix(text.slice(0, mid + 1))) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Parses JSON text and, when it is not JSON, says where: `file:line:column`.
 *
 * @param text - the JSON text
 * @param source - the file name, used as the prefix of the error message
 * @param firstLine - the line number of the text's first line (for one line of a JSONL file)
 * @returns the parsed value
 * @throws CliError (exit 2) `source:line:column: invalid JSON: …`
 * @example
 * ```ts
 * parseJsonText('{"a": 1,}', 'rules.json'); // throws: rules.json:1:9: invalid JSON: Expected double-quoted property name …
 * ```
 */
export function parseJsonText(text: string, source: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = lineAndColumn(text, errorOffset(text, message));
    // The position is in the prefix already; V8's copy of the text in the message is noise.
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/( in JSON)? at position \d+/, '')
      .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/\n/g, '\\n');
    throw new CliError({ key: 'invalid_json', params: { where: `${source}:${firstLine + line - 1}:${column}`, reason } });
  }
}
