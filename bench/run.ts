/**
 * `npm run bench` — every figure of SPEC §8 measured in one process run, side
 * by side, printed as one table and written to `bench/results.json`
 * (`--quick`: a smoke run for CI, written to `bench/results.quick.json`).
 * Workloads and method: bench/README.md.
 *
 * Usage: node --import tsx bench/run.ts [--quick] [--only decision,scale,…] [--out file.json]
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type SectionName, benchOptions } from './harness/benchOptions.js';
import type { Figure, SectionResult } from './harness/figure.js';
import { formatTable } from './harness/formatTable.js';
import { machineInfo } from './harness/machineInfo.js';
import { agreementSection } from './sections/agreementSection.js';
import { bulkSection } from './sections/bulkSection.js';
import { compileSection } from './sections/compileSection.js';
import { decisionSection } from './sections/decisionSection.js';
import { latencySection } from './sections/latencySection.js';
import { millionSection } from './sections/millionSection.js';
import { postgresSection } from './sections/postgresSection.js';
import { queueSection } from './sections/queueSection.js';
import { scaleSection } from './sections/scaleSection.js';
import { variationsSection } from './sections/variationsSection.js';
import { statsSection } from './sections/statsSection.js';
import type { BenchOptions } from './harness/benchOptions.js';

const RUNNERS: Record<SectionName, (options: BenchOptions) => Promise<SectionResult>> = {
  agreement: agreementSection,
  decision: decisionSection,
  variations: variationsSection,
  scale: scaleSection,
  million: millionSection,
  compile: compileSection,
  latency: latencySection,
  postgres: postgresSection,
  queue: queueSection,
  stats: statsSection,
  bulk: bulkSection,
};

const quick = process.argv.includes('--quick');
const defaultOut = fileURLToPath(new URL(quick ? './results.quick.json' : './results.json', import.meta.url));
const options = benchOptions(process.argv.slice(2), defaultOut);
const machine = machineInfo();
console.log(
  `dedicated-agent benchmark (${options.quick ? 'quick' : 'full'}) — ${machine.date}, Node ${machine.node}, ` +
    `${machine.cpuCount} × ${machine.cpuModel}, commit ${machine.commit ?? '?'}${machine.dirty ? ' (uncommitted changes)' : ''}`,
);

const started = performance.now();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
for (const [name, runner] of Object.entries(RUNNERS) as [SectionName, (typeof RUNNERS)[SectionName]][]) {
  if (!options.sections.has(name)) continue;
  const sectionStart = performance.now();
  process.stdout.write(`  ${name} … `);
  const result = await runner(options);
  console.log(`${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
  figures.push(...result.figures);
  details[name] = result.details;
}
const seconds = (performance.now() - started) / 1000;

console.log(`\n${formatTable(figures)}\n`);
for (const figure of figures) if (figure.note !== undefined) console.log(`- ${figure.label}: ${figure.note}`);
const failed = figures.filter((figure) => figure.pass === false);
console.log(`\n${failed.length === 0 ? 'All goals met' : `${failed.length} goal(s) missed: ${failed.map((f) => f.label).join('; ')}`} — ${seconds.toFixed(1)} s`);

writeFileSync(
  options.out,
  `${JSON.stringify({ mode: options.quick ? 'quick' : 'full', machine, seconds, figures, details }, null, 2)}\n`,
);
console.log(`Results written to ${options.out}`);
