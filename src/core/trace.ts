import { InputError } from './errors.js';
import { readOptions } from './input/readOptions.js';
import { describeValue } from './ruleset/describeValue.js';
import type { Period } from './ruleset/types.js';
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

const REASON_WORDS: Record<TraceExclusion['reason'], string> = {
  unknown: 'not among the agents supplied',
  disabled: 'disabled',
  excluded: 'excluded for this subject',
  presence: 'presence not allowed by the rule',
  capacity: 'at capacity',
  agent_condition: 'does not meet the agent condition',
};

const UNASSIGNED_WORDS: Record<NonNullable<AssignmentResult['reason']>, string> = {
  auto_disabled: 'automatic assignment is disabled',
  already_assigned: 'the subject already has a dedicated agent',
  pending_exists: 'a pending assignment of the subject exists',
  no_rule_applies: 'no rule applies',
  outside_schedule: 'every matching rule is outside its schedule',
  no_eligible_agent: 'no participant of a matching rule is eligible',
};

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

function ruleLabel(entry: TraceEntry): string {
  return entry.ruleId === '$default' ? `default rule "${entry.ruleName}"` : `rule "${entry.ruleName}" (${entry.ruleId})`;
}

function candidateLine(entry: TraceEntry, candidate: TraceCandidate, name: (id: string) => string): string {
  const who = name(candidate.agentId);
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
    default:
      return entry.proportional ? 'weighted round robin' : 'round robin in participant order';
  }
}

function tied(entry: TraceEntry): boolean {
  const candidates = entry.candidates ?? [];
  const picked = candidates.find((c) => c.agentId === entry.agentId);
  return picked !== undefined && candidates.some((c) => c !== picked && c.key === picked.key);
}

function entryLines(entry: TraceEntry, name: (id: string) => string): string[] {
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
      for (const exclusion of entry.excluded ?? []) lines.push(`  - ${name(exclusion.agentId)}: not a candidate, ${REASON_WORDS[exclusion.reason]}.`);
      if (entry.verdict === 'chosen' && entry.pickedBy === 'order' && tied(entry)) lines.push('  Ties go to the participant listed first.');
      return lines;
    }
  }
}

/**
 * Renders an assignment result as sentences an admin understands: the outcome,
 * then every evaluated rule with its verdict, each candidate's ordering numbers
 * and each excluded participant with the reason.
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
  result.trace.forEach((entry, i) => {
    const [first, ...rest] = entryLines(entry, name);
    lines.push(`${i + 1}. ${first}`, ...rest);
  });
  return lines.join('\n');
}
