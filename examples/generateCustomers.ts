/**
 * Writes a realistic, reproducible stream of customers for `dedicated-agent
 * simulate`: one JSON object per line, `{ id, kind, createdAt, fields }`, in
 * createdAt order, spread over one month in Asia/Shanghai time with office-hour
 * peaks, quiet nights, quieter weekends and the National Day week (1–7 October).
 * The same seed always gives the same file. The generator itself ships with the
 * package (`dedicated-agent init` writes 1,000 of these customers); this script
 * writes files of any size.
 *
 *   npx tsx examples/generateCustomers.ts --count 100000 --out /tmp/customers.jsonl
 *   npx tsx examples/generateCustomers.ts --count 2000 --seed 7 > customers.jsonl
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCustomers } from '../src/cli/generateCustomers.js';

/** writeSync may write part of the text to a pipe, or refuse with EAGAIN when the reader is slow: write until all of it is out. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20261001' },
      month: { type: 'string', default: '2026-10' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: npx tsx examples/generateCustomers.ts [--count 100000] [--seed 20261001] [--month 2026-10] [--out customers.jsonl]\n');
    return;
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 0) throw new Error(`--count must be a whole number, got "${values.count}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new Error(`--month must be YYYY-MM, got "${values.month}"`);
  const fd = values.out === undefined ? 1 : openSync(values.out, 'w');
  let batch: string[] = [];
  for (const customer of generateCustomers({ count, seed, month: values.month })) {
    batch.push(JSON.stringify(customer));
    if (batch.length === 10_000) {
      writeAll(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) writeAll(fd, `${batch.join('\n')}\n`);
  if (values.out !== undefined) {
    closeSync(fd);
    process.stderr.write(`wrote ${count.toLocaleString('en-US')} customers to ${values.out}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
