import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { WorkerReport } from './postgresBenchWorker.js';

const WORKER = fileURLToPath(new URL('./postgresBenchWorker.ts', import.meta.url));

/** A running `postgresBenchWorker` process. */
export interface BenchWorkerProcess {
  /** Resolves when the worker has its pool and service. */
  readonly ready: Promise<void>;
  /** Runs `inFlight` lanes for `ms` milliseconds; `tag` keeps customer ids of different windows apart. */
  run(ms: number, tag: string): Promise<WorkerReport>;
  /** Closes stdin and waits for the process to end. */
  stop(): Promise<void>;
}

/** What a worker process needs to know. */
export interface BenchWorkerOptions {
  url: string;
  schema: string;
  index: number;
  inFlight: number;
  clockAnchorMs: number;
}

/**
 * Starts one application-server process of the PostgreSQL section.
 *
 * @param options - server, schema, process number, calls in flight, clock anchor
 * @returns the process's handle
 * @example
 * ```ts
 * const worker = startBenchWorker({ url, schema, index: 0, inFlight: 4, clockAnchorMs: Date.now() });
 * await worker.ready;
 * const report = await worker.run(5_000, 'r1');
 * ```
 */
export function startBenchWorker(options: BenchWorkerOptions): BenchWorkerProcess {
  const { url, schema, index, inFlight, clockAnchorMs } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, schema, String(index), String(inFlight), String(clockAnchorMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.once('close', (code) => {
    for (const pending of waiting.splice(0)) pending.reject(new Error(`benchmark worker ${index} exited with code ${String(code)}`));
  });
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const ready = nextLine().then((line) => {
    if (line !== 'ready') throw new Error(`benchmark worker ${index} said ${line}`);
  });
  return {
    ready,
    async run(ms, tag) {
      const line = nextLine();
      child.stdin.write(`run ${ms} ${tag}\n`);
      return JSON.parse(await line) as WorkerReport;
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
