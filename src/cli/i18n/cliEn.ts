import { formatIssues } from '../../index.js';
import type { CliMessages, WaitingWords } from './cliMessages.js';

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const HOPELESS = ' (none of its participants is known: it can never assign)';
const ruleLabel = (rule: string | null): string => (rule === null ? 'the default rule' : `rule "${rule}"`);

const FILE_PROBLEMS: Record<string, string> = { no_such_file: 'no such file', is_directory: 'it is a directory', permission_denied: 'permission denied' };
const FILE_WORDS = { rule_set: 'rule set', customer_file: 'customer file', agents_file: 'agents file', customers_file: 'customers file' };

/** The waiting queue's words, shared by the simulation's text and its report. */
const WAITING: WaitingWords = {
  title: (tag) => `Waiting for an agent${tag}: from creation to assignment; customers who found nobody waited in the queue (p50, p95 by nearest rank)`,
  columns: ['Rule', 'Name', 'Customers', 'Waited', 'p50', 'p95', 'Max'],
  allAssigned: ['(all)', 'every assigned customer'],
  neverAssigned: ['(none)', 'waited, never assigned (until care or replay ended)'],
  queueLine: (longest, at, atEnd) => `Queue: longest ${longest}${at === null ? '' : ` at ${at}`}; still waiting at the end: ${atEnd}`,
  perDay: (days) => `Longest queue per day: ${days}`,
  heading: 'Waiting for an agent',
  caption: (longest) => [
    'Waiting queue length, longest per hour',
    `${longest === null ? '' : ` (longest: ${longest})`}. Customers who find nobody wait, priority first then the longest wait, until a shift starts, a rule opens or a care ends.`,
  ],
  note: 'From creation to assignment (0 when assigned on arrival); p50 and p95 by nearest rank.',

};

/**
 * The CLI's English texts.
 *
 * @example
 * ```ts
 * cliEn.problem.bad_format({ value: 'xml' }); // '--format must be "text" or "json", got "xml"'
 * ```
 */
export const cliEn: CliMessages = {
  locale: 'en',
  problem: {
    two_rule_set_files: ({ count }) => `expected two rule-set files, got ${count}: dedicated-agent diff <old.json> <new.json>`,
    takes_no_file: ({ command, value }) => `${command} takes no file, got "${value}"`,
    one_database: () => 'give exactly one of --database <url> and --pglite <dir>',
    needs_name: ({ option }) => `${option} needs a name`,
    to_before_from: () => '--to is before --from',
    bad_time_zone: ({ option, value }) => `${option} must be an IANA zone such as Asia/Shanghai, got "${value}"`,
    old_schema: ({ source, schema, version }) =>
      `${source}: schema "${schema}" is at version ${version}, without statistics; upgrade it (createPostgresStore(…).migrate()) first.`,
    unknown_command: ({ command, suggestion }) =>
      `unknown command ${JSON.stringify(command)}${suggestion === null ? '' : `, did you mean "${suggestion}"?`}`,
    unknown_option: ({ option, suggestion }) => `unknown option ${option}${suggestion === null ? '' : `, did you mean --${suggestion}?`}`,
    takes_no_value: ({ option }) => `${option} takes no value`,
    needs_value: ({ option, given, inline }) =>
      `${option} needs a value${given === null ? '' : ` (got the option ${JSON.stringify(given)}; write ${inline} if that is the value)`}`,
    bad_arguments: ({ detail }) => detail,
    bad_format: ({ value }) => `--format must be "text" or "json", got "${value}"`,
    bad_lang: ({ value }) => `--lang must be "zh-CN" or "en", got ${JSON.stringify(value)}`,
    missing_rule_set_file: ({ command }) =>
      command === 'validate' ? 'missing the rule-set file: dedicated-agent validate <rules.json>' : 'missing the rule-set file',
    one_rule_set_file: ({ command }) =>
      command === 'simulate' ? 'simulate takes one rule-set file (use --compare for a second)' : `${command} takes one rule-set file`,
    missing_option: ({ option }) => `missing ${option}`,
    missing_at: ({ file }) => `missing --at <instant> (${file} has no createdAt either)`,
    bad_changes: ({ value }) => `--changes must be a whole number, got "${value}"`,
    init_one_directory: ({ count }) => `init takes one directory, got ${count}`,
    init_files_exist: ({ files, dir }) =>
      `${files.join(', ')} already exist${files.length === 1 ? 's' : ''} in ${dir === null ? 'the current directory' : `"${dir}"`}; nothing was written (--force overwrites)`,
    no_usable_customer: ({ file, badLines, list }) => `${file}: no usable customer, ${plural(badLines, 'bad line')}:\n${list}`,
    cannot_write: ({ what, path, reason }) => `cannot write ${what === 'report' ? 'the report' : 'the starter files to'} "${path}": ${reason}`,
    cannot_read: ({ what, path, problem }) => `cannot read ${FILE_WORDS[what]} "${path}": ${FILE_PROBLEMS[problem] ?? problem}`,
    invalid_json: ({ where, reason }) => `${where}: invalid JSON: ${reason}`,
    invalid_rule_set: ({ path, issues }) =>
      `${path}: invalid rule set, ${issues.length} issue${issues.length === 1 ? '' : 's'} (run "dedicated-agent validate ${path}"):\n${formatIssues(issues)}`,
    input: ({ where, detail }) => (where === null ? detail : `${where}: ${detail}`),
    missing_customers_file: () => 'missing the customers file: dedicated-agent import <customers.jsonl>',
    one_customers_file: ({ count }) => `import takes one customers file, got ${count}`,
    bad_whole_number: ({ option, value }) => `${option} must be a whole number ≥ 1, got "${value}"`,
    needs_package: ({ option, name }) => `${option} needs the package "${name}": npm install ${name}`,
    no_stored_rule_set: () => 'the store keeps no rule set yet: give --rules <rules.json>, or save one with svc.saveRuleSet',
    not_a_subject_line: ({ where }) => `${where}: expected a JSON object { "id", "kind"?, "fields"? }`,
  },
  seeHelp: (command) => `Run "dedicated-agent ${command === null ? '' : `${command} `}--help" for usage.`,
  errorPrefix: 'error: ',
  warningPrefix: 'warning: ',
  help: `Usage: dedicated-agent <command> [options]

Check, explain and try out dedicated-agent rule sets before saving them.

Commands:
  init [dir]              write a starter rule set, agents and 1,000 customers, and the commands to try
  validate <rules.json>   check a rule set; every problem with its path, carets under expression errors
  explain <rules.json>    decide one customer at one instant and explain the decision rule by rule
  simulate <rules.json>   replay a stream of customers and show the resulting distribution,
                          optionally against a second rule set and as an HTML report
  diff <old.json> <new.json>
                          list what changed between two rule sets, rule by rule
  report                  statistics of the records a PostgreSQL or PGlite store committed
                          in a window, as text, JSON or an HTML report
  import <customers.jsonl>
                          assign a file of customers through a PostgreSQL or PGlite store,
                          in batches, resumable after a stop

Options:
  --lang <zh-CN|en>       the language of the output (default: from LC_ALL or LANG, else en)
  -V, --version           print the version
  -h, --help              show this help

Run "dedicated-agent <command> --help" for a command's options, and
"dedicated-agent init demo" for files to try them on.

Exit status: 0 success, 1 invalid rule set (validate), skipped customer lines
(simulate) or rule sets that differ (diff), 2 unusable input or misuse.
`,
  decisionAt: (local, timeZone, iso) => `Decision at ${local} ${timeZone} (${iso})`,
  validRuleSet: (path, rules, hasDefaultRule, timeZone) =>
    `${path}: valid rule set (${rules} rule${rules === 1 ? '' : 's'}${hasDefaultRule ? ' and a default rule' : ', no default rule'}, time zone ${timeZone})`,
  invalidRuleSet: (path, issues) => `${path}: invalid rule set, ${issues} issue${issues === 1 ? '' : 's'}:`,
  init: {
    wrote: (dir) => `Wrote a starter project${dir === null ? '' : ` to ${dir}`}:`,
    rulesSummary: (rules, timeZone) => `${rules} rules and a default rule in ${timeZone}: holiday duty, VIP 2:2:1, Beijing, office hours`,
    agentsSummary: (agents) => `${agents} agents`,
    customerSummary: 'one VIP customer from Beijing, to explain',
    customersSummary: (customers) => `${customers} customers created in October 2026`,
    tryThese: 'Try:',
  },
  warning: {
    unknownAgents: (source, rule, agents, hopeless) =>
      `${source}: ${ruleLabel(rule)} names agents not in the agents file: ${agents.join(', ')}${hopeless ? HOPELESS : ''}`,
    selectorMatchesNone: (source, rule, index, hopeless) =>
      `${source}: ${ruleLabel(rule)}: the selector agents[${index}] matches none of the agents in the agents file${hopeless ? HOPELESS : ''}`,
    neverOnShift: (source, rule, agent, via, days, from) =>
      `${source}: ${ruleLabel(rule)}: agent ${agent}${via === null ? '' : ` (via agents[${via}])`} is never on shift while the rule is open in the ${days} days from ${from}`,
    onLeaveThroughout: (source, agent, days, from, rules) =>
      `${source}: agent ${agent} is on leave for the whole of the ${days} days from ${from} (${rules.map(ruleLabel).join(', ')})`,
  },
  simulation: {
  waiting: WAITING,
    reason: {
      auto_disabled: 'automatic assignment disabled',
      already_assigned: 'already assigned',
      pending_exists: 'pending record exists',
      no_rule_applies: 'no rule applies',
      outside_schedule: 'every matching rule closed',
      no_eligible_agent: 'no eligible agent',
    },
    noCustomers: 'no customers',
    span: (customers, from, to, timeZone) => `${customers} customers created ${from} – ${to} (${timeZone})`,
    simulated: (span) => `Simulated ${span}`,
    scenario: (label, assigned, percent, onRetry, notAssigned) =>
      `${label}: assigned ${assigned} (${percent})${onRetry === null ? '' : `, ${onRetry} of them on retry at retryAt`}; not assigned ${notAssigned}`,
    nobodyAssigned: 'nobody was assigned',
    deviation: (agent, share, target, points, relative) =>
      `${agent} got ${share} against a target of ${target} (${points}${relative === null ? '' : `, ${relative.percent} ${relative.more ? 'more' : 'fewer'} customers than fair`})`,
    agent: 'Agent',
    agentColumns: (tag) => (tag === null ? ['Assigned', 'Share', 'Target', 'Deviation', 'On shift'] : [`${tag} assigned`, 'share', 'target', 'deviation', 'on shift']),
    perAgent:
      'Per agent (share of the assigned customers; target = what the weights of the rules that served the agent ask for; on shift = hours on shift and not on leave from the first to the last customer)',
    largestDeviation: (tag, sentence) => `Largest deviation from fair${tag === null ? '' : ` (${tag})`}: ${sentence}`,
    notAssignedByReason: 'Not assigned, by reason',
    everyoneAssigned: '  every customer was assigned on arrival',
    reasonColumn: 'Reason',
    unassignedColumns: (tag, retry) => {
      const t = tag === null ? '' : `${tag} `;
      return retry ? [`${t}on arrival`, `${t}assigned on retry`, `${t}in the end`] : [`${t}count`];
    },
    stillNotAssigned: (label, still, retried, why) =>
      `${label === null ? '' : `${label}: `}${still} of the ${retried} retried customers were still not assigned (${why}).`,
    ruleColumns: (tag) => (tag === null ? ['Assigned', 'Share', 'Served'] : [`${tag} assigned`, 'share', 'served']),
    rule: 'Rule',
    name: 'Name',
    byRule: 'By rule (served = participants who received at least one customer from the rule)',
    unassigned: '(unassigned)',
    changeHands: (count, percent) => `Customers that would change hands from A to B: ${count} (${percent})`,
    ruleChanges: (count) => `Rule changes from A to B: ${count ?? 'none, the rule sets mean the same'}`,
    firstChanges: (count) => `First ${count}:`,
    frequentMoves: 'Most frequent moves:',
    badLinesSkipped: (file, badLines, customers) =>
      `${file}: ${plural(badLines, 'bad line')} skipped; the result covers the other ${plural(customers, 'customer')}:`,
    duplicateIds: (file, lines) =>
      `${file}: ${plural(lines, 'line')} repeat${lines === 1 ? 's' : ''} the id of an earlier line (each line is simulated as a new customer):`,
    sortingInMemory: (problem) => `${problem}; sorting the customers in memory`,
    reportWritten: (path) => `report written to ${path}`,
  },
  report: {
  waiting: WAITING,
    htmlLang: 'en',
    title: (labels) => `Assignment simulation: ${labels.join(' vs ')}`,
    ruleSetTag: 'Rule set ',
    sources: (customers) => [`${customers} customers from `, ', agents from ', '.'],
    noCustomers: 'no customers',
    customersCreated: (span, retry) => `Customers created ${span}. Retry of customers turned away by closed schedules: ${retry ? 'on' : 'off'}.`,
    cards: {
      replayed: 'customers replayed',
      assigned: (percent) => `assigned (${percent})`,
      onRetry: 'assigned on retry at retryAt',
      notAssigned: 'not assigned in the end',
      largestDeviation: 'largest deviation from fair',
    },
    fairTarget: 'fair target',
    shareCaption: [
      'Share per agent against target.',
      ' One bar per agent, coloured by the rule that gave the customers; the black marker is the fair target — what the weights of the rules that served the agent ask for. Numbers in red: more than 10% off target.',
    ],
    dailyCaption: (timeZone) => ['Assignments per day, by rule', ` (days in ${timeZone}; weekends shaded).`],
    heatmapCaption: ['Assignments per agent per day.', ' Darker is more; hover a cell for its number.'],
    hourlyCaption: (retry) => [
      'Not assigned on arrival, by hour of day and reason.',
      ` Customers turned away because every matching rule was closed are retried at the rule's next opening${retry ? '' : ' (retry was off for this run)'}.`,
    ],
    agentsHeading: 'Agents: assignments beside on-shift hours',
    agentsNote: 'On shift: hours on shift and not on leave from the first to the last customer (the whole span for an agent without a schedule or leave).',
    rulesHeading: 'Rules: who took each share',
    notAssignedByReason: 'Not assigned, by reason',
    reasonColumns: ['Reason', 'On arrival', 'Assigned on retry', 'In the end'],
    ruleColumns: ['Rule', 'Name', 'Assigned', 'Share', 'Served', 'Notes'],
    neverServed: (ids) => `never served: ${ids}`,
    weights: (list) => `weights ${list}`,
    agentColumns: ['Agent', 'On shift (h)', 'Assigned', 'Per on-shift hour'],
    unassigned: '(unassigned)',
    changesHeading: 'A → B: customers that would change hands',
    ruleChangesHeading: 'A → B: what changed in the rules',
    noRuleChange: 'No change: the rule sets mean the same.',
    changeHands: (percent) => `customers change hands (${percent})`,
    summaryRows: ['Assigned', 'Not assigned in the end', 'Largest deviation from fair'],
    frequentMoves: 'Most frequent moves',
    moveColumns: ['Agent under A', 'Agent under B', 'Customers'],
    firstChanges: 'First customers that change hands',
    sampleColumns: ['Customer', 'Under A', 'Under B'],
    footer: (at) => [
      'Generated by ',
      ` at ${at}. Each customer was decided at its creation time with createAssigner, so schedules, holidays, periods and capacity apply as in production.`,
    ],
    shareAxis: 'share · target',
    everyoneAssigned: 'Every customer was assigned on arrival.',
  },
  stats: {
    ruleSetChanges: {
      heading: (count) => `The rules changed ${count === 1 ? 'once' : `${count} times`} in this window`,
      line: (at, actor, revision, note) => `${at}  ${actor} saved rule set ${revision}${note === null ? '' : ` — ${note}`}`,
    },
    htmlLang: 'en',
    noSchema: (source, schema) => `${source} has no dedicated-agent schema "${schema}": no assignment records, nothing to report.`,
    noRecords: (from, to, source) => `No assignment records created from ${from} to ${to} in ${source}.`,
    title: (from, to) => `Assignment report, ${from} – ${to}`,
    summary: (records, agents, timeZone) => `${records} records for ${agents} agents (days and hours in ${timeZone})`,
    source: ['; from ', '.'],
    agentsHeading: 'Per agent',
    rulesHeading: 'Per rule: share of automatic assignments against the share the weights ask for',
    daysHeading: 'Records per day',
    hoursHeading: 'Records per hour of the day',
    reportWritten: (path) => `report written to ${path}`,
    unknownRule: '(not in the rule set)',
    points: (value) => `${value} pt`,
    ruleLine: (id, name, assignments, deviation) => `${id} ${name}: ${assignments}, largest deviation ${deviation}`,
    shareOf: (share, target) => `${share} of ${target}`,
    agentColumns: ['agent', 'auto', 'manual', 'apps', 'serving', 'declined', 'expired', 'cancelled', 'rejected', 'accepted', 'confirm median/p90', 'approve median/p90'],
    pageAgentColumns: [
      'Agent',
      'Auto',
      'Manual',
      'Applications',
      'Serving',
      'Declined',
      'Expired',
      'Cancelled',
      'Rejected',
      'Accepted',
      'Confirmed in (median / p90)',
      'Approved in (median / p90)',
    ],
    outcomes: 'Outcomes',
    outcomeLegend: ['effective or ended', 'pending', 'declined', 'expired', 'cancelled or rejected'],
    dayColumns: ['day', 'records', 'auto', 'manual', 'apps'],
    hourColumns: ['hour', 'records'],
    ruleColumns: ['Rule', 'Name', 'Automatic assignments', 'Largest deviation', 'Share of target'],
    fairTarget: 'fair target',
    shareCaption: [
      'Share of automatic assignments per agent against target.',
      ' One bar per agent, coloured by rule; the black marker is the fair target — what the weights of the rules ask for among the agents that took part.',
    ],
    dailyCaption: (timeZone) => ['Records per day, by type', ` (days in ${timeZone}; weekends shaded).`],
    footer: (at) => ['Generated by ', ` at ${at} from the records committed in the window.`],
    waiting: {
      heading: 'Unassigned and waiting, by reason',
      summary: (size, at) => (size === 0 ? `Nobody waiting at ${at}.` : `${plural(size, 'customer')} waiting at ${at}`),
      ages: (oldest, p50, p95) => `waited: oldest ${oldest}, median ${p50}, p95 ${p95}`,
      reasonColumns: ['reason', 'customers'],
      ruleColumns: ['rule that found nobody', 'customers'],
      noRule: '(no rule reached)',
    },
  },
  import: {
    label: 'importing',
    progress: (customers) => `${customers} customers`,
    imported: (customers, batches, seconds) => `imported ${customers} customers in ${batches} batches (${seconds} s)`,
    assigned: 'assigned',
    pendingConfirmation: 'waiting for the agent to confirm',
    unassigned: 'not assigned',
    queued: 'of them in the waiting queue',
    repeated: (count) => `repeated (imported before, nothing written): ${count}`,
    stopped: (committed) => `${committed} customers before it are imported; fix the cause and run the same command again to continue`,
  },
};
