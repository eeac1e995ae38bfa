import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CliError } from './cliError.js';
import { customerFromJson } from './customerFromJson.js';
import { parseJsonText } from './parseJsonText.js';
import { fileError } from './readTextFile.js';
import type { SimulationCustomer } from './simulationResult.js';

const CHUNK_BYTES = 1 << 20;

/**
 * The customers of a JSONL file are not in `createdAt` order; the simulate
 * command catches it and sorts the customers in memory instead.
 *
 * @example
 * ```ts
 * try { [...new CustomerFile('customers.jsonl')]; } catch (e) { if (e instanceof UnsortedCustomersError) console.warn(e.message); }
 * ```
 */
export class UnsortedCustomersError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'UnsortedCustomersError';
  }
}

/**
 * A JSONL file of customers, read as a stream: one customer per line, blank
 * lines ignored, every line checked (`file:line: …` errors). Iterating reads
 * the file synchronously in 1 MiB chunks, so a million customers never sit in
 * memory at once; `bytesRead / size` tells how far it got.
 *
 * @example
 * ```ts
 * const file = new CustomerFile('customers.jsonl');
 * for (const customer of file) console.log(customer.id, file.bytesRead / file.size);
 * ```
 */
export class CustomerFile implements Iterable<SimulationCustomer> {
  /** Bytes read so far by the current iteration. */
  bytesRead = 0;
  /** The file's size in bytes, known once iteration has started. */
  size = 0;

  /**
   * @param path - the JSONL file
   * @param requireOrder - throw `UnsortedCustomersError` at the first customer earlier than the one before
   */
  constructor(
    readonly path: string,
    private readonly requireOrder = true,
  ) {}

  *[Symbol.iterator](): Iterator<SimulationCustomer> {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      this.size = stat.size;
    } catch (error) {
      throw fileError(this.path, 'customers file', error);
    }
    this.bytesRead = 0;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let lineNumber = 0;
    let previous = Number.NEGATIVE_INFINITY;
    let previousLine = 0;
    const parse = (text: string): SimulationCustomer | null => {
      lineNumber++;
      if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') return null;
      const where = `${this.path}:${lineNumber}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = parseJsonText(text, this.path, lineNumber);
      }
      const customer = customerFromJson(value, where);
      if (this.requireOrder && customer.createdAt < previous) {
        throw new UnsortedCustomersError(
          `${where}: customer "${customer.id}" was created (${new Date(customer.createdAt).toISOString()}) before the customer on line ${previousLine} (${new Date(previous).toISOString()}); the file is not in createdAt order`,
        );
      }
      previous = customer.createdAt;
      previousLine = lineNumber;
      return customer;
    };
    try {
      for (;;) {
        let read: number;
        try {
          read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        } catch (error) {
          throw fileError(this.path, 'customers file', error);
        }
        if (read === 0) break;
        this.bytesRead += read;
        const text = rest + decoder.write(buffer.subarray(0, read));
        let start = 0;
        for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
          const customer = parse(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
          if (customer !== null) yield customer;
          start = end + 1;
        }
        rest = text.slice(start);
      }
      const last = parse(rest + decoder.end());
      if (last !== null) yield last;
    } finally {
      closeSync(fd);
    }
  }
}
