import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { CustomerFile, UnsortedCustomersError } from './customerFile.js';
import { formatSimulationText } from './formatSimulationText.js';
import { loadAgents } from './loadAgents.js';
import { loadRuleSet } from './loadRuleSet.js';
import { createProgressBar } from './createProgressBar.js';
import { renderReport } from './renderReport.js';
import { type SimulationScenario, simulate } from './simulate.js';
import type { SimulationCustomer, SimulationResult } from './simulationResult.js';
import { simulationJson } from './simulationJson.js';
import { unknownAgentWarnings } from './unknownAgentWarnings.js';

const HELP = `Usage: dedicated-agent simulate <rules.json> --customers <customers.jsonl> --agents <agents.json> [options]

Replays a stream of customers through the rule set with createAssigner, each
decided at its createdAt, so schedules, holidays, periods and capacity act as
in production. Prints per-agent totals and shares against the fair target,
the largest deviation from fair, what was not assigned and why, and counts by
rule. With --compare, replays a second rule set side by side and lists the
customers that would change hands.

Options:
  --customers <file>      JSONL, one customer per line: {"id","kind"?,"createdAt","fields"}
                          createdAt: ISO-8601 with a UTC offset, or epoch milliseconds;
                          lines in createdAt order
                          (a file out of order is sorted in memory, with a warning)
  --agents <file>         the agents at the start: an array of agent snapshots
  --compare <rules.json>  a second rule set (B) to replay against the same customers
  --report <file.html>    also write a self-contained HTML report with charts
  --format <text|json>    output format (default: text)
  --no-retry              do not retry customers turned away by closed schedules at their retryAt
  --changes <n>           how many customers that change hands to list (default: 10)
  -h, --help              show this help

Target: a rule that assigned n customers should have split them among the
participants it served in proportion to their weights (equal shares when the
rule is not proportional); an agent's target is the sum over the rules.

Exit status: 0 after a simulation, 2 for unusable input or misuse.

Example:
  dedicated-agent simulate examples/data/rules.json --customers examples/data/customers.sample.jsonl \\
    --agents examples/data/agents.json --compare examples/data/rules-alt.json --report report.html
`;

function sortedCustomers(path: string): SimulationCustomer[] {
  const customers = [...new CustomerFile(path, false)];
  // Array.prototype.sort is stable: customers created at the same instant keep their file order.
  return customers.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * `dedicated-agent simulate`: replays customers through one or two rule sets
 * and prints the distribution (text or JSON), optionally writing an HTML report.
 *
 * @param args - the arguments after `simulate`
 * @param io - where to write (a progress bar goes to `io.stderr` when it is a terminal)
 * @returns the exit code (0)
 * @throws CliError for usage errors and unusable input
 * @example
 * ```ts
 * simulateCommand(['rules.json', '--customers', 'customers.jsonl', '--agents', 'agents.json'], process);
 * ```
 */
export function simulateCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('simulate', () =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        customers: { type: 'string' },
        agents: { type: 'string' },
        compare: { type: 'string' },
        report: { type: 'string' },
        format: { type: 'string' },
        'no-retry': { type: 'boolean' },
        changes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('simulate', values.format);
  if (positionals.length !== 1) throw usageError('simulate', positionals.length === 0 ? 'missing the rule-set file' : 'simulate takes one rule-set file (use --compare for a second)');
  if (values.customers === undefined) throw usageError('simulate', 'missing --customers <customers.jsonl>');
  if (values.agents === undefined) throw usageError('simulate', 'missing --agents <agents.json>');
  const sampleSize = values.changes === undefined ? 10 : Number(values.changes);
  if (!Number.isInteger(sampleSize) || sampleSize < 0) throw usageError('simulate', `--changes must be a whole number, got "${values.changes}"`);

  const ruleFiles = [positionals[0]!, ...(values.compare === undefined ? [] : [values.compare])];
  const loaded = ruleFiles.map(loadRuleSet);
  const agents = loadAgents(values.agents);
  for (const { ruleSet, path } of loaded) for (const warning of unknownAgentWarnings(ruleSet, agents, path)) io.stderr.write(`warning: ${warning}\n`);
  const scenarios: SimulationScenario[] = loaded.map(({ path, ruleSet }) => ({ label: path, ruleSet }));

  const file = new CustomerFile(values.customers);
  const run = (customers: Iterable<SimulationCustomer>, progress: (replayed: number) => number): SimulationResult => {
    const bar = createProgressBar(io.stderr, 'simulating');
    try {
      return simulate({
        scenarios,
        agents,
        customers,
        retryOutsideSchedule: values['no-retry'] !== true,
        changeSampleSize: sampleSize,
        onProgress: (n) => bar.update(progress(n), `${n.toLocaleString('en-US')} customers`),
      });
    } finally {
      bar.done();
    }
  };
  let result: SimulationResult;
  try {
    result = run(file, () => (file.size === 0 ? 0 : file.bytesRead / file.size));
  } catch (error) {
    if (!(error instanceof UnsortedCustomersError)) throw error;
    io.stderr.write(`warning: ${error.message}; sorting the customers in memory\n`);
    const customers = sortedCustomers(values.customers);
    result = run(customers, (replayed) => replayed / customers.length);
  }

  if (values.report !== undefined) {
    const html = renderReport(result, { customersSource: values.customers, agentsSource: values.agents, generatedAt: new Date() });
    try {
      writeFileSync(values.report, html);
    } catch (error) {
      throw new CliError(`cannot write the report "${values.report}": ${error instanceof Error ? error.message : String(error)}`);
    }
    io.stderr.write(`report written to ${values.report}\n`);
  }
  io.stdout.write(format === 'json' ? `${JSON.stringify(simulationJson(result), null, 2)}\n` : formatSimulationText(result));
  return 0;
}
