/**
 * Profiles one benchmark workload on its own and prints the functions with the
 * most self time (the list to start from when a figure misses its goal); the
 * full profile is written next to it for Chrome DevTools / VS Code.
 *
 * Usage: node --import tsx bench/profile.ts <target> [seconds]
 * Targets: assignCustomer (the §8 decision workload, contender c),
 *          assignCustomer-trace (the same, each result's trace read),
 *          assignCustomer-<variation> (any variation of the variations section, e.g. participants-2000, rule-1),
 *          assigner-200 / assigner-20000 (createAssigner at that many agents),
 *          assigner-20000-shifts (the same with shifts and leave),
 *          compile-20 / compile-1000 (compileRuleSet on fresh copies).
 * Equivalent by hand: node --cpu-prof --import tsx … on any script, then read
 * the `.cpuprofile` it writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LIBRARY_BUILD_DIR, library } from './library.js';
import { benchSubjects, benchWorkload } from './benchWorkload.js';
import { assignCustomerContender } from './contenders/assignCustomerContender.js';
import { createAssignerContender } from './contenders/createAssignerContender.js';
import { decisionVariations } from './decisionVariations.js';

const { compileRuleSet } = library;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  /** Samples per 1-based line of the node's script. */
  positionTicks?: { line: number; ticks: number }[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const TARGETS: Record<string, () => (count: number) => void> = {
  assignCustomer: () => {
    const contender = assignCustomerContender(benchWorkload(200), benchSubjects(4096));
    return (count) => void contender.run(count);
  },
  'assignCustomer-trace': () => {
    const contender = assignCustomerContender(benchWorkload(200), benchSubjects(4096), { trace: true });
    return (count) => void contender.run(count);
  },
  ...Object.fromEntries(
    decisionVariations(4096).map((variation) => [
      `assignCustomer-${variation.id}`,
      () => {
        const contender = assignCustomerContender(variation.workload, variation.subjects, { trace: variation.trace });
        return (count: number) => void contender.run(count);
      },
    ]),
  ),
  'assigner-200': () => {
    const contender = createAssignerContender(benchWorkload(200), benchSubjects(16_384));
    return (count) => void contender.run(count);
  },
  'assigner-20000': () => {
    const contender = createAssignerContender(benchWorkload(20_000), benchSubjects(16_384));
    return (count) => void contender.run(count);
  },
  'assigner-20000-shifts': () => {
    const contender = createAssignerContender(benchWorkload(20_000, { shifts: true }), benchSubjects(16_384));
    return (count) => void contender.run(count);
  },
  'compile-20': () => {
    const ruleSet = benchWorkload(200).ruleSet;
    return (count) => {
      for (let i = 0; i < count; i++) compileRuleSet(structuredClone(ruleSet));
    };
  },
  'compile-1000': () => {
    const ruleSet = benchWorkload(200).ruleSet;
    const rules = Array.from({ length: 50 }, (_, copy) => ruleSet.rules.map((rule) => ({ ...rule, id: `${rule.id}-${copy}` }))).flat();
    const thousand = { ...ruleSet, rules };
    return (count) => {
      for (let i = 0; i < count; i++) compileRuleSet(structuredClone(thousand));
    };
  },
};

const [targetName = 'assignCustomer', secondsArg = '5'] = process.argv.slice(2);
const target = TARGETS[targetName];
if (target === undefined) throw new Error(`unknown target ${targetName}; one of ${Object.keys(TARGETS).join(', ')}`);
const run = target();
// Warm up before profiling, so the profile shows optimised code, not the JIT.
const warmUntil = performance.now() + 1000;
while (performance.now() < warmUntil) run(16);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const until = performance.now() + Number(secondsArg) * 1000;
let decisions = 0;
while (performance.now() < until) {
  run(64);
  decisions += 64;
}
const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
session.disconnect();

const root = fileURLToPath(new URL('..', import.meta.url));
const file = fileURLToPath(new URL(`./${targetName}.cpuprofile`, import.meta.url));
writeFileSync(file, JSON.stringify(profile));

// Positions in the bundle are mapped back to src/ through the build's source map.
const distUrl = pathToFileURL(`${LIBRARY_BUILD_DIR}/index.js`).href;
const sourceMap = new SourceMap(JSON.parse(readFileSync(`${LIBRARY_BUILD_DIR}/index.js.map`, 'utf8')));
function locate({ url, lineNumber, columnNumber }: Pick<ProfileNode['callFrame'], 'url' | 'lineNumber' | 'columnNumber'>): string {
  if (url === '') return '';
  if (url === distUrl) {
    const entry = sourceMap.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number };
    if (entry.originalSource !== undefined) {
      return `${entry.originalSource.replace(/^.*?\/src\//, 'src/')}:${(entry.originalLine ?? 0) + 1}`;
    }
  }
  return `${url.replace(`file://${root}`, '')}:${lineNumber + 1}`;
}

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byFunction = new Map<string, number>();
const lineTicks = new Map<string, number>();
let total = 0;
let totalTicks = 0;
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  total += micros;
  const key = `${node.callFrame.functionName || '(anonymous)'}  ${locate(node.callFrame)}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  for (const { line, ticks } of node.positionTicks ?? []) {
    // Lines of optimised code, including code inlined into this function.
    const where = locate({ url: node.callFrame.url, lineNumber: line - 1, columnNumber: 0 });
    lineTicks.set(where, (lineTicks.get(where) ?? 0) + ticks);
    totalTicks += ticks;
  }
}
console.log(`${targetName}: ${decisions.toLocaleString('en-US')} operations in ${secondsArg} s profiled; profile written to ${file}\n`);
console.log('self %   function  location');
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((micros * 100) / total).toFixed(1).padStart(6)}   ${key}`);
}
console.log('\nself %   hottest source lines (optimised code attributes inlined callees to their own lines)');
for (const [where, ticks] of [...lineTicks].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((ticks * 100) / totalTicks).toFixed(1).padStart(6)}   ${where}`);
}
