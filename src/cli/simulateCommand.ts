import { writeFileSync } from 'node:fs';
import type { Locale } from '../index.js';
import { CliError, EXIT_INVALID } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { CustomerFile, type LineProblems, UnsortedCustomersError } from './customerFile.js';
import { formatSimulationText } from './formatSimulationText.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
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
in production. Customers who find nobody wait in a queue (priority, then the
longest wait) until an agent comes on shift, a rule opens or a care ends.
Prints per-agent totals and shares against the fair target, the largest
deviation from fair, what was not assigned and why, counts by rule, waiting
times per rule (p50, p95, max by nearest rank) and the queue's length. With
--compare, replays a second rule set side by side, lists what changed in the
rules (as "dedicated-agent diff" does) and the customers that would change
hands.

Options:
  --customers <file>      JSONL, one customer per line: {"id","kind"?,"createdAt","endedAt"?,"fields"}
                          createdAt: ISO-8601 with a UTC offset, or epoch milliseconds;
                          endedAt (same form): the care ends, the agent's capacity frees;
                          lines in createdAt order (a file out of order is sorted in
                          memory, with a warning). Bad lines are skipped and all
                          reported (the first 20 word for word); ids that appear on
                          several lines are warned about
  --agents <file>         the agents at the start: an array of agent snapshots
  --compare <rules.json>  a second rule set (B) to replay against the same customers
  --report <file.html>    also write a self-contained HTML report with charts
  --format <text|json>    output format (default: text)
  --no-retry              customers who find nobody do not wait (the decision on arrival is final)
  --changes <n>           how many customers that change hands to list (default: 10)
  -h, --help              show this help

Target: a rule that assigned n customers should have split them among the
participants it served in proportion to their weights (equal shares when the
rule is not proportional); an agent's target is the sum over the rules.

Exit status: 0 after a simulation of every line of the customers file; 1 after
a simulation that skipped bad lines (listed on stderr, the result covers the
others); 2 for unusable input (a file with no usable customer among bad lines,
an invalid rule set, …) or misuse.

Example (dedicated-agent init writes these files):
  dedicated-agent simulate rules.json --customers customers.jsonl --agents agents.json \\
    --compare other-rules.json --report report.html
`;

function sortedCustomers(file: CustomerFile): SimulationCustomer[] {
  const customers = [...file];
  // Array.prototype.sort is stable: customers created at the same instant keep their file order.
  return customers.sort((a, b) => a.createdAt - b.createdAt);
}

function problemList(problems: LineProblems): string {
  const more = problems.count - problems.shown.length;
  return [...problems.shown, ...(more > 0 ? [`… and ${more.toLocaleString('en-US')} more`] : [])].map((line) => `  ${line}\n`).join('');
}

/**
 * `dedicated-agent simulate`: replays customers through one or two rule sets
 * and prints the distribution (text or JSON), optionally writing an HTML report.
 *
 * @param args - the arguments after `simulate`
 * @param io - where to write (a progress bar goes to `io.stderr` when it is a terminal)
 * @param locale - the language of the text output and the report (`--format json` is the same in every language)
 * @returns the exit code: 0, or 1 when bad lines of the customers file were skipped
 * @throws CliError for usage errors and unusable input (exit 2)
 * @example
 * ```ts
 * simulateCommand(['rules.json', '--customers', 'customers.jsonl', '--agents', 'agents.json'], process);
 * ```
 */
export function simulateCommand(args: string[], io: CliIo, locale: Locale = 'en'): number {
  const text = cliMessagesFor(locale);
  const { values, positionals } = parseCommandArgs('simulate', args, {
    customers: { type: 'string' },
    agents: { type: 'string' },
    compare: { type: 'string' },
    report: { type: 'string' },
    format: { type: 'string' },
    'no-retry': { type: 'boolean' },
    changes: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('simulate', values.format);
  if (positionals.length !== 1) throw usageError('simulate', { key: positionals.length === 0 ? 'missing_rule_set_file' : 'one_rule_set_file', params: { command: 'simulate' } });
  if (values.customers === undefined) throw usageError('simulate', { key: 'missing_option', params: { option: '--customers <customers.jsonl>' } });
  if (values.agents === undefined) throw usageError('simulate', { key: 'missing_option', params: { option: '--agents <agents.json>' } });
  const sampleSize = values.changes === undefined ? 10 : Number(values.changes);
  if (!Number.isInteger(sampleSize) || sampleSize < 0) throw usageError('simulate', { key: 'bad_changes', params: { value: String(values.changes) } });

  const ruleFiles = [positionals[0]!, ...(values.compare === undefined ? [] : [values.compare])];
  const loaded = ruleFiles.map(loadRuleSet);
  const agents = loadAgents(values.agents);
  for (const { ruleSet, path } of loaded) for (const warning of unknownAgentWarnings(ruleSet, agents, path, text.warning)) io.stderr.write(`${text.warningPrefix}${warning}\n`);
  const scenarios: SimulationScenario[] = loaded.map(({ path, ruleSet }) => ({ label: path, ruleSet }));

  const file = new CustomerFile(values.customers);
  const run = (customers: Iterable<SimulationCustomer>, progress: (replayed: number) => number): SimulationResult => {
    const bar = createProgressBar(io.stderr, 'simulating');
    try {
      return simulate({
        scenarios,
        agents,
        customers,
        queue: values['no-retry'] !== true,
        changeSampleSize: sampleSize,
        onProgress: (n) => bar.update(progress(n), `${n.toLocaleString('en-US')} customers`),
      });
    } finally {
      bar.done();
    }
  };
  let result: SimulationResult;
  let read = file;
  try {
    result = run(file, () => (file.size === 0 ? 0 : file.bytesRead / file.size));
  } catch (error) {
    if (!(error instanceof UnsortedCustomersError)) throw error;
    io.stderr.write(`${text.warningPrefix}${text.simulation.sortingInMemory(error.message)}\n`);
    read = new CustomerFile(values.customers, false);
    const customers = sortedCustomers(read);
    result = run(customers, (replayed) => replayed / customers.length);
  }
  const { badLines, duplicateIds } = read;
  if (badLines.count > 0 && read.customers === 0) {
    throw new CliError({ key: 'no_usable_customer', params: { file: values.customers, badLines: badLines.count, list: problemList(badLines).trimEnd() } });
  }
  if (badLines.count > 0) {
    io.stderr.write(`${text.errorPrefix}${text.simulation.badLinesSkipped(values.customers, badLines.count, read.customers)}\n${problemList(badLines)}`);
  }
  if (duplicateIds.count > 0) {
    io.stderr.write(`${text.warningPrefix}${text.simulation.duplicateIds(values.customers, duplicateIds.count)}\n${problemList(duplicateIds)}`);
  }

  if (values.report !== undefined) {
    const html = renderReport(result, { customersSource: values.customers, agentsSource: values.agents, generatedAt: new Date(), locale });
    try {
      writeFileSync(values.report, html);
    } catch (error) {
      throw new CliError({ key: 'cannot_write', params: { what: 'report', path: values.report, reason: error instanceof Error ? error.message : String(error) } });
    }
    io.stderr.write(`${text.simulation.reportWritten(values.report)}\n`);
  }
  io.stdout.write(format === 'json' ? `${JSON.stringify(simulationJson(result), null, 2)}\n` : formatSimulationText(result, locale));
  return badLines.count > 0 ? EXIT_INVALID : 0;
}
