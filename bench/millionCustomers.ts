/**
 * Child process of the "1,000,000 customers" figure (run by
 * `sections/millionSection.ts` in a fresh process, so that nothing the other
 * sections allocated is on the heap): streams the customers through one
 * `createAssigner`, in time order over the 14 office days, and prints one JSON
 * line with the wall time and the heap.
 *
 * Heap: `heapUsed` is sampled every 4,096 decisions (a few milliseconds
 * apart) and at the end; its maximum is the peak, garbage not yet collected
 * included, so it can only over-state what the run needs. The OS's peak
 * resident set size (`maxRSS`) is reported next to it.
 *
 * Usage: node --import tsx --expose-gc bench/millionCustomers.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { library } from './library.js';
import { benchSubjects, benchWorkload, officeInstant } from './benchWorkload.js';

const { createAssigner } = library;

const MB = 1_048_576;
const count = Number(process.argv[2] ?? 1_000_000);
const workload = benchWorkload(200);
const fields = benchSubjects(4096).map(({ subject }) => subject.fields);
const agents = workload.agents();
globalThis.gc?.();
const baselineHeap = process.memoryUsage().heapUsed;

let peakHeap = baselineHeap;
let assigned = 0;
const start = performance.now();
const assigner = createAssigner(workload.ruleSet, { agents });
for (let i = 0; i < count; i++) {
  // A new customer object per decision, as a CRM streaming its customers would pass.
  const { agentId } = assigner.assign({ id: `customer-${i}`, kind: 'customer', fields: fields[i & 4095]! }, officeInstant(i, count));
  if (agentId !== null) assigned++;
  if ((i & 4095) === 0) {
    const heap = process.memoryUsage().heapUsed;
    if (heap > peakHeap) peakHeap = heap;
  }
}
const wallMs = performance.now() - start;
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

console.log(
  JSON.stringify({
    customers: count,
    assigned,
    wallMs,
    decisionsPerSecond: (count * 1000) / wallMs,
    baselineHeapMB: baselineHeap / MB,
    peakHeapMB: peakHeap / MB,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  }),
);
