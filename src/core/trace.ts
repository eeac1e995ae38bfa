import { InputError } from './errors.js';
import { readOptions } from './input/readOptions.js';
import type { SubjectFieldFinding } from './ruleset/checkSubjectFields.js';
import { describeValue } from './ruleset/describeValue.js';
import type { FieldType, Period } from './ruleset/types.js';
import { localParts } from './time/localParts.js';
import type { AssignmentResult, TraceCandidate, TraceEntry, TraceExclusion } from './types.js';

/** How `explain` names agents and rules. */
export interface ExplainOptions {
  /** Display name of an agent (e.g. 'Li Lei' for 'li-lei'); default the id. */
  agentName?: (agentId: string) => string;
}

const PERIOD_WORDS: Record<Period | 'total', string> = {
  day: 'today',
  week: 'this week',
  month: 'this month',
  quarter: 'this quarter',
  year: 'this year',
  total: 'in total',
};

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MS_PER_DAY = 86_400_000;

function clock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** "Tue 09:00" within a week, else "Tue 8 Dec 09:00", in the zone. */
function shiftStart(until: Date, timeZone: string, now: Date): string {
  const at = localParts(until.getTime(), timeZone);
  const soon = until.getTime() - now.getTime() < 6 * MS_PER_DAY;
  return soon ? `${WEEKDAYS[at.weekday]} ${clock(at.minuteOfDay)}` : `${WEEKDAYS[at.weekday]} ${at.day} ${MONTHS[at.month]} ${clock(at.minuteOfDay)}`;
}

/** The leave's last day ("3 Dec") when it ends at a local midnight, else its end ("3 Dec 14:00"). */
function leaveEnd(until: Date, timeZone: string): string {
  const end = localParts(until.getTime(), timeZone);
  if (end.msOfDay !== 0) return `${end.day} ${MONTHS[end.month]} ${clock(end.minuteOfDay)}`;
  const last = localParts(until.getTime() - 1, timeZone);
  return `${last.day} ${MONTHS[last.month]}`;
}

// Keyed by every reason, so a new reason fails to compile until it has words.
const REASON_WORDS: Record<TraceExclusion['reason'], (exclusion: TraceExclusion, now: Date) => string> = {
  unknown: () => 'not among the agents supplied',
  disabled: () => 'disabled',
  excluded: () => 'excluded for this subject',
  presence: () => 'in a presence the rule does not allow',
  capacity: () => 'at capacity',
  limit_reached: (e) => `at the cap of ${e.limit} automatic assignment(s) ${PERIOD_WORDS[e.period ?? 'day']}`,
  agent_condition: () => 'outside the agent condition',
  off_shift: (e, now) =>
    e.until ? `off shift until ${shiftStart(e.until, e.timeZone ?? 'UTC', now)}` : 'off shift, with no shift within a year',
  on_leave: (e) => (e.until ? `on leave until ${leaveEnd(e.until, e.timeZone ?? 'UTC')}` : 'on leave'),
};

const UNASSIGNED_WORDS: Record<NonNullable<AssignmentResult['reason']>, string> = {
  auto_disabled: 'automatic assignment is disabled',
  already_assigned: 'the subject already has a dedicated agent',
  pending_exists: 'a pending assignment of the subject exists',
  no_rule_applies: 'no rule applies',
  outside_schedule: 'every matching rule is outside its schedule',
  no_eligible_agent: 'no participant of a matching rule is eligible',
};

const TYPE_WORDS: Record<FieldType, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (ISO-8601)',
  'string[]': 'a list of strings',
  'number[]': 'a list of numbers',
};

const KIND_WORDS: Record<Extract<SubjectFieldFinding, { code: 'wrong_type' }>['params']['actual'], string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  'string[]': 'a list of strings',
  'number[]': 'a list of numbers',
  array: 'a list of mixed values',
  object: 'an object',
};

/** One sentence per undeclared or wrong-typed field; the missing ones share one. */
function findingLines(findings: readonly SubjectFieldFinding[]): string[] {
  const lines: string[] = [];
  const missing: string[] = [];
  for (const finding of findings) {
    switch (finding.code) {
      case 'undeclared_field': {
        const hint = finding.params.suggestion === null ? '.' : ` — did you mean ${finding.params.suggestion}?`;
        lines.push(`${finding.field} is not a declared field${hint}`);
        break;
      }
      case 'wrong_type': {
        const { declared, actual, value } = finding.params;
        const what = value === null ? KIND_WORDS[actual] : `${value} (${KIND_WORDS[actual]})`;
        lines.push(`${finding.field} is ${what}, but the rule set declares ${TYPE_WORDS[declared]}.`);
        break;
      }
      default:
        missing.push(`${finding.field} (${TYPE_WORDS[finding.params.declared]})`);
    }
  }
  if (missing.length > 0) lines.push(`missing, so conditions read ${missing.length === 1 ? 'it' : 'them'} as null: ${missing.join(', ')}.`);
  return lines;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

function ruleLabel(entry: TraceEntry): string {
  return entry.ruleId === '$default' ? `default rule "${entry.ruleName}"` : `rule "${entry.ruleName}" (${entry.ruleId})`;
}

function candidateLine(entry: TraceEntry, candidate: TraceCandidate, name: (id: string) => string): string {
  const via = candidate.selector === undefined ? '' : ` (via selector agents[${candidate.selector}])`;
  return `${orderFacts(entry, candidate, `${name(candidate.agentId)}${via}`)}`;
}

function orderFacts(entry: TraceEntry, candidate: TraceCandidate, who: string): string {
  if (entry.order === 'longestIdle') {
    return `${who}: ${candidate.lastAssignedAt ? `last assigned at ${candidate.lastAssignedAt.toISOString()}` : 'never assigned'}`;
  }
  if (entry.order === 'leastUtilised') {
    const count = round(candidate.count ?? 0);
    const utilisation =
      candidate.capacity == null
        ? `${count} subject(s) in care, no capacity (ranked after every agent with one)`
        : `${count} of ${round(candidate.capacity)} in care = ${round((candidate.count ?? 0) / candidate.capacity)}`;
    return entry.proportional ? `${who}: ${utilisation}, against weight ${round(candidate.weight)}` : `${who}: ${utilisation}`;
  }
  if (entry.order === 'roundRobin') {
    return entry.proportional
      ? `${who}: running weight ${round(candidate.key ?? 0)} (weight ${round(candidate.weight)})`
      : `${who}: ${candidate.key === 0 ? 'next in turn' : `${candidate.key} place(s) after the next in turn`}`;
  }
  const noun = entry.order === 'fewestAssigned' ? 'assignment(s)' : 'subject(s) in care';
  const counted = `${round(candidate.count ?? 0)} ${noun} ${PERIOD_WORDS[entry.period ?? 'total']}`;
  return entry.proportional ? `${who}: ${counted} against weight ${round(candidate.weight)} = ${round(candidate.key ?? 0)}` : `${who}: ${counted}`;
}

function orderSentence(entry: TraceEntry): string {
  switch (entry.order) {
    case 'fewestAssigned':
      return `fewest automatic assignments ${PERIOD_WORDS[entry.period ?? 'day']}${entry.proportional ? ', relative to weight' : ''}`;
    case 'fewestServing':
      return `fewest subjects in care ${PERIOD_WORDS[entry.period ?? 'total']}${entry.proportional ? ', relative to weight' : ''}`;
    case 'leastUtilised':
      return `least utilised capacity (subjects in care / capacity)${entry.proportional ? ', relative to weight' : ''}`;
    case 'longestIdle':
      return 'longest idle since the last automatic assignment';
    default:
      return entry.proportional ? 'weighted round robin' : 'round robin in participant order';
  }
}

function tied(entry: TraceEntry): boolean {
  const candidates = entry.candidates ?? [];
  const picked = candidates.find((c) => c.agentId === entry.agentId);
  return picked !== undefined && candidates.some((c) => c !== picked && c.key === picked.key);
}

function entryLines(entry: TraceEntry, name: (id: string) => string, now: Date): string[] {
  const label = ruleLabel(entry);
  switch (entry.verdict) {
    case 'disabled':
      return [`${label}: skipped, the rule is disabled.`];
    case 'not_applicable':
      return [`${label}: skipped, it does not apply to this kind of subject.`];
    case 'condition_false':
      return [`${label}: skipped, its condition is not met.`];
    case 'outside_schedule':
      return [
        `${label}: matched but outside its schedule${entry.opensAt ? `; it opens next at ${entry.opensAt.toISOString()}` : '; it does not open within a year'}.`,
      ];
    default: {
      const lines =
        entry.verdict === 'chosen'
          ? [
              entry.pickedBy === 'sticky'
                ? `${label}: matched; ${name(entry.agentId!)} was the subject's previous agent and is eligible (sticky).`
                : `${label}: matched; ${name(entry.agentId!)} chosen by ${orderSentence(entry)}.`,
            ]
          : [`${label}: matched, but no participant is eligible.`];
      for (const candidate of entry.candidates ?? []) lines.push(`  - ${candidateLine(entry, candidate, name)}`);
      const fallback = entry.stickyFallback;
      if (fallback !== undefined && entry.verdict === 'chosen') {
        lines.push(`  Sticky fell back to the order: the previous agent ${name(fallback.agentId)} is not a candidate, ${REASON_WORDS[fallback.reason](fallback, now)}.`);
      }
      for (const exclusion of entry.excluded ?? []) {
        lines.push(`  - ${name(exclusion.agentId)}: not a candidate, ${REASON_WORDS[exclusion.reason](exclusion, now)}.`);
      }
      if (entry.verdict === 'chosen' && entry.pickedBy === 'order' && tied(entry)) lines.push('  Ties go to the participant listed first.');
      return lines;
    }
  }
}

/**
 * Renders an assignment result as sentences an admin understands: the outcome,
 * then where the subject's data contradicts the declared `fields` (undeclared
 * fields with "did you mean", values of another type, missing fields — often
 * why a condition is not met), then every evaluated rule with its verdict,
 * each candidate's ordering numbers and each excluded participant with the
 * reason.
 *
 * @param result - what `assignCustomer` returned
 * @param options - display names for agents
 * @returns multi-line text
 * @example
 * ```ts
 * console.log(explain(result, { agentName: (id) => names[id] ?? id }));
 * // c-1 (customer) → Li Lei by rule "VIP customers" (vip).
 * // 1. rule "Beijing" (beijing): skipped, its condition is not met.
 * // 2. rule "VIP customers" (vip): matched; Li Lei chosen by fewest automatic assignments today, relative to weight.
 * //   - Li Lei: 3 assignment(s) today against weight 2 = 1.5
 * //   - Han Meimei: 2 assignment(s) today against weight 1 = 2
 *
 * // With fields { level: "4", regoin: "北京" } and declared { level: number, region: string }:
 * // c-2 (customer) not assigned: no rule applies.
 * // The customer's data does not match the declared fields:
 * //   - level is "4" (a string), but the rule set declares a number.
 * //   - regoin is not a declared field — did you mean region?
 * //   - missing, so conditions read it as null: region (a string).
 * // 1. rule "Beijing" (beijing): skipped, its condition is not met.
 * ```
 */
export function explain(result: AssignmentResult, options?: ExplainOptions): string {
  const { agentName } = readOptions(options, 'options', ['agentName']);
  if (agentName !== undefined && typeof agentName !== 'function') throw new InputError('options.agentName', 'a function (id) => name', describeValue(agentName));
  const valid =
    typeof result === 'object' && result !== null && Array.isArray(result.trace) && typeof result.subject === 'object' && result.subject !== null;
  if (!valid) throw new InputError('result', 'a result of assignCustomer or createAssigner().assign', describeValue(result));
  const name = (agentName as ExplainOptions['agentName']) ?? ((id: string) => id);
  const subject = `${result.subject.id} (${result.subject.kind})`;
  const chosen = result.trace.find((entry) => entry.verdict === 'chosen');
  let headline: string;
  if (result.agentId !== null && chosen) {
    const waiting = result.outcome === 'pending_confirmation' ? ', waiting for the agent to confirm' : '';
    headline = `${subject} → ${name(result.agentId)} by ${ruleLabel(chosen)}${waiting}.`;
  } else {
    const retry = result.retryAt ? ` Retry at ${result.retryAt.toISOString()}.` : '';
    headline = `${subject} not assigned: ${UNASSIGNED_WORDS[result.reason ?? 'no_rule_applies']}.${retry}`;
  }
  const lines = [headline];
  // A result parsed from JSON written before fieldFindings existed has none.
  const findings = result.fieldFindings ?? [];
  if (findings.length > 0) {
    lines.push(`The ${result.subject.kind}'s data does not match the declared fields:`);
    for (const line of findingLines(findings)) lines.push(`  - ${line}`);
  }
  result.trace.forEach((entry, i) => {
    const [first, ...rest] = entryLines(entry, name, result.at);
    lines.push(`${i + 1}. ${first}`, ...rest);
  });
  return lines.join('\n');
}
