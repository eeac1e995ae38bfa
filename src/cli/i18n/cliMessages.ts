/**
 * The CLI's texts for people, as data: a problem is a key and its params,
 * each locale's catalogue renders it. The shape is typed, so a text missing
 * from one locale fails the type check.
 */
import type { Locale, UnassignedReason, ValidationIssue } from '../../index.js';

/** Each problem the CLI reports and the values its sentence needs. */
export interface CliProblems {
  unknown_command: { command: string; suggestion: string | null };
  unknown_option: { option: string; suggestion: string | null };
  takes_no_value: { option: string };
  needs_value: { option: string; given: string | null; inline: string | null };
  bad_arguments: { detail: string };
  bad_format: { value: string };
  bad_lang: { value: string };
  missing_rule_set_file: { command: string };
  one_rule_set_file: { command: string };
  missing_option: { option: string };
  missing_at: { file: string };
  bad_changes: { value: string };
  init_one_directory: { count: number };
  init_files_exist: { files: string[]; dir: string | null };
  cannot_write: { what: 'starter_files' | 'report'; path: string; reason: string };
  no_usable_customer: { file: string; badLines: number; list: string };
  cannot_read: { what: FileWord; path: string; problem: FileProblem };
  invalid_json: { where: string; reason: string };
  invalid_rule_set: { path: string; issues: ValidationIssue[] };
  /** A library error message (English, for developers) about a file or option. */
  input: { where: string | null; detail: string };
  takes_no_file: { command: string; value: string };
  two_rule_set_files: { count: number };
  one_database: Record<string, never>;
  needs_name: { option: string };
  to_before_from: Record<string, never>;
  bad_time_zone: { option: string; value: string };
  old_schema: { source: string; schema: string; version: number };
  missing_customers_file: Record<string, never>;
  one_customers_file: { count: number };
  bad_whole_number: { option: string; value: string };
  needs_package: { option: string; name: string };
  not_a_subject_line: { where: string };
  no_stored_rule_set: Record<string, never>;
}

/** Why a file cannot be read: a known reason, or the system's own (English) message. */
export type FileProblem = 'no_such_file' | 'is_directory' | 'permission_denied' | (string & {});

/** What a file the CLI reads is. */
export type FileWord = 'rule_set' | 'customer_file' | 'agents_file' | 'customers_file';

/** One problem, ready to render in any locale. */
export type CliProblem = { [K in keyof CliProblems]: { key: K; params: CliProblems[K] } }[keyof CliProblems];

/** The words of `simulate`'s text output (numbers are formatted before they get here). */
export interface SimulationWords {
  reason: Record<UnassignedReason, string>;
  noCustomers: string;
  span(customers: string, from: string, to: string, timeZone: string): string;
  simulated(span: string): string;
  scenario(label: string, assigned: string, percent: string, onRetry: string | null, notAssigned: string): string;
  nobodyAssigned: string;
  deviation(agent: string, share: string, target: string, points: string, relative: { percent: string; more: boolean } | null): string;
  agent: string;
  /** The per-agent columns: assigned, share, target, deviation, on shift; `tag` is "A" / "B" when two rule sets are compared. */
  agentColumns(tag: string | null): string[];
  perAgent: string;
  largestDeviation(tag: string | null, sentence: string): string;
  notAssignedByReason: string;
  everyoneAssigned: string;
  reasonColumn: string;
  /** The not-assigned columns: on arrival, assigned on retry, in the end (or one count without retry). */
  unassignedColumns(tag: string | null, retry: boolean): string[];
  stillNotAssigned(label: string | null, still: string, retried: string, why: string): string;
  ruleColumns(tag: string | null): string[];
  rule: string;
  name: string;
  byRule: string;
  unassigned: string;
  changeHands(count: string, percent: string): string;
  /** The changes of the rules from A to B (null: none, the rule sets mean the same). */
  ruleChanges(count: string | null): string;
  firstChanges(count: number): string;
  frequentMoves: string;
  /** stderr: lines of the customers file that were skipped; the list of problems follows. */
  badLinesSkipped(file: string, badLines: number, customers: number): string;
  duplicateIds(file: string, lines: number): string;
  sortingInMemory(problem: string): string;
  reportWritten(path: string): string;
  waiting: WaitingWords;
}

/** The waiting queue's figures, in the simulation's text and report. */
export interface WaitingWords {
  title(tag: string): string;
  /** Rule, Name, Customers, Waited, p50, p95, Max. */
  columns: [string, string, string, string, string, string, string];
  allAssigned: [id: string, name: string];
  neverAssigned: [id: string, name: string];
  queueLine(longest: string, at: string | null, atEnd: string): string;
  perDay(days: string): string;
  /** The report: heading, chart caption (bold, rest), the note under it. */
  heading: string;
  caption(longest: string | null): [string, string];
  note: string;
}

/** The words of `simulate --report`'s HTML page (static text, no markup). */
export interface ReportWords {
  waiting: WaitingWords;
  /** `lang` of the page. */
  htmlLang: string;
  title(labels: readonly string[]): string;
  ruleSetTag: string;
  sources(customers: string): [before: string, between: string, after: string];
  noCustomers: string;
  customersCreated(span: string, retry: boolean): string;
  cards: { replayed: string; assigned(percent: string): string; onRetry: string; notAssigned: string; largestDeviation: string };
  fairTarget: string;
  shareCaption: [bold: string, rest: string];
  dailyCaption(timeZone: string): [bold: string, rest: string];
  heatmapCaption: [bold: string, rest: string];
  hourlyCaption(retry: boolean): [bold: string, rest: string];
  agentsHeading: string;
  agentsNote: string;
  rulesHeading: string;
  notAssignedByReason: string;
  reasonColumns: [reason: string, onArrival: string, onRetry: string, inTheEnd: string];
  ruleColumns: [rule: string, name: string, assigned: string, share: string, served: string, notes: string];
  neverServed(ids: string): string;
  weights(list: string): string;
  agentColumns: [agent: string, onShift: string, assigned: string, perHour: string];
  unassigned: string;
  changesHeading: string;
  changeHands(percent: string): string;
  ruleChangesHeading: string;
  noRuleChange: string;
  summaryRows: [assigned: string, notAssigned: string, largestDeviation: string];
  frequentMoves: string;
  moveColumns: [underA: string, underB: string, customers: string];
  firstChanges: string;
  sampleColumns: [customer: string, underA: string, underB: string];
  footer(at: string): [before: string, after: string];
  shareAxis: string;
  everyoneAssigned: string;
}

/** The words of `report` (statistics of committed records): its text output, HTML page and notes. */
export interface StatsWords {
  /** The rule-set versions saved in the window: heading, and one line per version. */
  ruleSetChanges: { heading(count: number): string; line(at: string, actor: string, revision: string, note: string | null): string };
  /** `lang` of the page. */
  htmlLang: string;
  noSchema(source: string, schema: string): string;
  noRecords(from: string, to: string, source: string): string;
  title(from: string, to: string): string;
  summary(records: string, agents: string, timeZone: string): string;
  /** The page's line under the title: before and after the database's name. */
  source: [before: string, after: string];
  agentsHeading: string;
  rulesHeading: string;
  daysHeading: string;
  hoursHeading: string;
  reportWritten(path: string): string;
  unknownRule: string;
  /** Percentage points, e.g. "1.50 pt". */
  points(value: string): string;
  ruleLine(id: string, name: string, assignments: string, deviation: string): string;
  shareOf(share: string, target: string): string;
  /** Agent, auto, manual, applications, serving, declined, expired, cancelled, rejected, accepted, confirmed in, approved in. */
  agentColumns: [string, string, string, string, string, string, string, string, string, string, string, string];
  /** The same columns as the page's table headings. */
  pageAgentColumns: [string, string, string, string, string, string, string, string, string, string, string, string];
  /** The page's outcomes bar column. */
  outcomes: string;
  /** Effective or ended, pending, declined, expired, cancelled or rejected. */
  outcomeLegend: [string, string, string, string, string];
  dayColumns: [day: string, records: string, auto: string, manual: string, applications: string];
  hourColumns: [hour: string, records: string];
  ruleColumns: [rule: string, name: string, assignments: string, largestDeviation: string, shares: string];
  fairTarget: string;
  shareCaption: [bold: string, rest: string];
  dailyCaption(timeZone: string): [bold: string, rest: string];
  footer(at: string): [before: string, after: string];
  waiting: StatsWaitingWords;
}

/** The waiting queue as `report` found it (`stats.waiting`). */
export interface StatsWaitingWords {
  heading: string;
  /** `size` customers waiting at `at`; "nobody" when 0. */
  summary(size: number, at: string): string;
  ages(oldest: string, p50: string, p95: string): string;
  reasonColumns: [reason: string, customers: string];
  ruleColumns: [rule: string, customers: string];
  noRule: string;
}

/** The warnings about agents the rule set names (`validate --agents`, `explain`, `simulate`). `rule` null: the default rule. */
export interface AgentWarningWords {
  unknownAgents(source: string, rule: string | null, agents: readonly string[], hopeless: boolean): string;
  selectorMatchesNone(source: string, rule: string | null, index: number, hopeless: boolean): string;
  neverOnShift(source: string, rule: string | null, agent: string, via: number | null, days: number, from: string): string;
  onLeaveThroughout(source: string, agent: string, days: number, from: string, rules: readonly (string | null)[]): string;
}

/** The words of `init`. */
export interface InitWords {
  wrote(dir: string | null): string;
  rulesSummary(rules: number, timeZone: string): string;
  agentsSummary(agents: number): string;
  customerSummary: string;
  customersSummary(customers: string): string;
  tryThese: string;
}

/** The words of `import`: its progress bar, summary and the note after a stop. Numbers are formatted before they get here. */
export interface ImportWords {
  /** The progress bar's label. */
  label: string;
  /** The progress bar's count. */
  progress(customers: string): string;
  imported(customers: string, batches: string, seconds: string): string;
  assigned: string;
  pendingConfirmation: string;
  unassigned: string;
  queued: string;
  repeated(count: string): string;
  /** After a failure: what is committed, and how to continue. */
  stopped(committed: string): string;
}

/** A locale's CLI texts. */
export interface CliMessages {
  locale: Locale;
  problem: { [K in keyof CliProblems]: (params: CliProblems[K]) => string };
  /** The line after a usage error. */
  seeHelp(command: string | null): string;
  errorPrefix: string;
  warningPrefix: string;
  /** The program's `--help`. */
  help: string;
  /** `explain`: the first line. */
  decisionAt(local: string, timeZone: string, iso: string): string;
  /** `validate`: one file's verdict. */
  validRuleSet(path: string, rules: number, hasDefaultRule: boolean, timeZone: string): string;
  invalidRuleSet(path: string, issues: number): string;
  warning: AgentWarningWords;
  init: InitWords;
  simulation: SimulationWords;
  report: ReportWords;
  stats: StatsWords;
  import: ImportWords;
}
