import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AssignmentError } from '../index.js';
import { CliError } from './cliError.js';
import { customerFromJson } from './customerFromJson.js';
import { parseJsonText } from './parseJsonText.js';
import { fileError } from './readTextFile.js';
import type { SimulationCustomer } from './simulationResult.js';

const CHUNK_BYTES = 1 << 20;
/** Problems of each kind kept word for word; the rest are only counted. */
export const MAX_KEPT_PROBLEMS = 20;

/** Problems of one kind found in the file: the first `MAX_KEPT_PROBLEMS` messages, and how many there were. */
export interface LineProblems {
  /** `file:line: …` messages, in file order. */
  shown: string[];
  count: number;
}

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
 * lines ignored, every line checked. A bad line (not JSON, not a customer) is
 * skipped and noted in `badLines` (`file:line: …`), and a customer id seen on
 * an earlier line in `duplicateIds`, so that one run reports them all.
 * Iterating reads the file synchronously in 1 MiB chunks, so a million
 * customers never sit in memory at once (their ids do, to find repeats);
 * `bytesRead / size` tells how far it got.
 *
 * @example
 * ```ts
 * const file = new CustomerFile('customers.jsonl');
 * for (const customer of file) console.log(customer.id, file.bytesRead / file.size);
 * if (file.badLines.count > 0) console.warn(file.badLines.shown.join('\n'));
 * ```
 */
export class CustomerFile implements Iterable<SimulationCustomer> {
  /** Bytes read so far by the current iteration. */
  bytesRead = 0;
  /** The file's size in bytes, known once iteration has started. */
  size = 0;
  /** Customers read by the current iteration. */
  customers = 0;
  /** Lines the current iteration skipped, with what is wrong with each. */
  badLines: LineProblems = { shown: [], count: 0 };
  /** Customers whose id an earlier line of the current iteration already had (each is still simulated as a new customer). */
  duplicateIds: LineProblems = { shown: [], count: 0 };

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
      throw fileError(this.path, 'customers_file', error);
    }
    this.bytesRead = 0;
    this.customers = 0;
    this.badLines = { shown: [], count: 0 };
    this.duplicateIds = { shown: [], count: 0 };
    const firstLineOf = new Map<string, number>();
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
      let customer: SimulationCustomer;
      try {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          value = parseJsonText(text, this.path, lineNumber);
        }
        customer = customerFromJson(value, where);
      } catch (error) {
        // The CLI's own checks name the line already; a library input error (AssignmentError) is given it here.
        if (error instanceof CliError) note(this.badLines, error.message);
        else if (error instanceof AssignmentError) note(this.badLines, `${where}: ${error.message}`);
        else throw error;
        return null;
      }
      const first = firstLineOf.get(customer.id);
      if (first === undefined) firstLineOf.set(customer.id, lineNumber);
      else note(this.duplicateIds, `${where}: customer id ${JSON.stringify(customer.id)} is also on line ${first}`);
      if (this.requireOrder && customer.createdAt < previous) {
        throw new UnsortedCustomersError(
          `${where}: customer "${customer.id}" was created (${new Date(customer.createdAt).toISOString()}) before the customer on line ${previousLine} (${new Date(previous).toISOString()}); the file is not in createdAt order`,
        );
      }
      previous = customer.createdAt;
      previousLine = lineNumber;
      this.customers++;
      return customer;
    };
    try {
      for (;;) {
        let read: number;
        try {
          read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        } catch (error) {
          throw fileError(this.path, 'customers_file', error);
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

function note(problems: LineProblems, message: string): void {
  if (problems.shown.length < MAX_KEPT_PROBLEMS) problems.shown.push(message);
  problems.count++;
}
