/**
 * Part 2b: 1,000,000 customers through `createAssigner` — wall time and peak
 * heap — each run in a fresh child process (see `millionCustomers.ts`); the
 * full run repeats it 5 times and reports the median wall time and the
 * largest peak heap, the quick run once.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { SectionResult } from '../harness/figure.js';
import { median } from '../harness/median.js';

const CUSTOMERS = 1_000_000;

interface MillionRun {
  customers: number;
  assigned: number;
  wallMs: number;
  decisionsPerSecond: number;
  baselineHeapMB: number;
  peakHeapMB: number;
  peakRssMB: number;
}

function runChild(root: string): MillionRun {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', 'bench/millionCustomers.ts', String(CUSTOMERS)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop()!) as MillionRun;
}

/**
 * Runs the million customers in child processes.
 *
 * @param options - quick: one run; full: five
 * @returns wall time (goal < 5 s) and peak heap (goal < 300 MB)
 * @example
 * ```ts
 * const { figures } = await millionSection(options);
 * ```
 */
export async function millionSection(options: BenchOptions): Promise<SectionResult> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const runs = Array.from({ length: options.quick ? 1 : 5 }, () => runChild(root));
  const seconds = median(runs.map((run) => run.wallMs)) / 1000;
  const peakHeapMB = Math.max(...runs.map((run) => run.peakHeapMB));
  const peakRssMB = Math.max(...runs.map((run) => run.peakRssMB));
  const baselineHeapMB = Math.max(...runs.map((run) => run.baselineHeapMB));
  return {
    figures: [
      {
        id: 'scale.million.wall',
        section: 'scale',
        label: `${CUSTOMERS.toLocaleString('en-US')} customers through createAssigner: wall time`,
        note: `median of ${runs.length} run(s), each in a fresh process: ${runs.map((run) => (run.wallMs / 1000).toFixed(2)).join(', ')} s`,
        value: seconds,
        unit: 's',
        goal: '< 5 s',
        ratio: null,
        pass: seconds < 5,
      },
      {
        id: 'scale.million.heap',
        section: 'scale',
        label: `${CUSTOMERS.toLocaleString('en-US')} customers: peak heap used`,
        value: peakHeapMB,
        unit: 'MB',
        goal: '< 300 MB',
        ratio: null,
        pass: peakHeapMB < 300,
        note: `heapUsed sampled every 4,096 decisions, garbage included; ${baselineHeapMB.toFixed(1)} MB were in use before the first customer`,
      },
      {
        id: 'scale.million.rss',
        section: 'scale',
        label: `${CUSTOMERS.toLocaleString('en-US')} customers: peak RSS of the process`,
        value: peakRssMB,
        unit: 'MB',
        goal: null,
        ratio: null,
        pass: null,
      },
    ],
    details: { runs },
  };
}
