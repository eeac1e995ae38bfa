import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors.js';
import { INPUT_LIMITS } from '../core/input/inputLimits.js';
import { readSubjectUpdate } from '../core/input/readSubjectUpdate.js';
import type { SubjectUpdate } from '../service/types.js';
import { CliError } from './cliError.js';
import { parseJsonText } from './parseJsonText.js';
import { fileError } from './readTextFile.js';

/** A JSONL file of subjects read line by line, with how far it got. */
export interface SubjectLines extends AsyncIterable<SubjectUpdate> {
  /** Bytes read so far (for a progress bar). */
  readonly bytesRead: number;
}

/**
 * Reads a JSONL file of subjects to import, one `{ "id", "kind"?, "fields"? }`
 * per line (other keys, such as a simulation's `createdAt`, are ignored;
 * blank lines skipped), as an async iterable that holds one chunk of the
 * file at a time. Each line is checked by the library's own reader
 * (`readSubjectUpdate`): a bad line throws a `CliError` naming `file:line`.
 *
 * @param path - the JSONL file
 * @returns the subjects, in file order
 * @throws CliError for an unreadable file or a bad line (while iterating)
 * @example
 * ```ts
 * for await (const subject of subjectLines('customers.jsonl')) console.log(subject.id);
 * ```
 */
export function subjectLines(path: string): SubjectLines {
  let bytesRead = 0;
  return {
    get bytesRead() {
      return bytesRead;
    },
    async *[Symbol.asyncIterator]() {
      const stream = createReadStream(path);
      const failed = new Promise<never>((_, reject) => stream.once('error', (error) => reject(fileError(path, 'customers_file', error))));
      failed.catch(() => undefined);
      stream.on('data', (chunk) => {
        bytesRead += chunk.length;
      });
      const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      let lineNumber = 0;
      try {
        const iterator = lines[Symbol.asyncIterator]();
        for (;;) {
          const next = await Promise.race([iterator.next(), failed]);
          if (next.done === true) break;
          lineNumber++;
          const text = lineNumber === 1 && next.value.charCodeAt(0) === 0xfeff ? next.value.slice(1) : next.value;
          if (text.trim() === '') continue;
          yield subjectFromLine(text, path, lineNumber);
        }
      } finally {
        lines.close();
        stream.destroy();
      }
    },
  };
}

function subjectFromLine(text: string, path: string, lineNumber: number): SubjectUpdate {
  const where = `${path}:${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = parseJsonText(text, path, lineNumber);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError({ key: 'not_a_subject_line', params: { where } });
  }
  const { id, kind, fields } = value as Record<string, unknown>;
  try {
    const subject = readSubjectUpdate({ id, kind, fields }, 'customer', INPUT_LIMITS);
    return { id: subject.id, kind: subject.kind, ...(subject.fields === undefined ? {} : { fields: subject.fields }) };
  } catch (error) {
    if (error instanceof InputError) throw new CliError({ key: 'input', params: { where, detail: error.message } });
    throw error;
  }
}
