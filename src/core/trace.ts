import { InputError } from './errors.js';
import type { Locale, Messages } from './i18n/messages.js';
import { messagesFor } from './i18n/messagesFor.js';
import { readOptions } from './input/readOptions.js';
import type { SubjectFieldFinding } from './ruleset/checkSubjectFields.js';
import { describeValue } from './ruleset/describeValue.js';
import type { FieldType, Period } from './ruleset/types.js';
import { isValidTimeZone } from './time/isValidTimeZone.js';
import { localParts } from './time/localParts.js';
import type { AssignmentResult, TraceCandidate, TraceEntry, TraceExclusion } from './types.js';

/** How `explain` names agents and rules, in which language, and in which zone it shows times. */
export interface ExplainOptions {
  /** Display name of an agent (e.g. 'Li Lei' for 'li-lei'); default the id. */
  agentName?: (agentId: string) => string;
  /** The language of the text: `'en'` (default) or `'zh-CN'`. */
  locale?: Locale;
  /**
   * The rule set's IANA zone: retry and opening times are shown in it in the
   * locale's style ("26 Nov 2026 09:00" / "2026年11月26日 09:00"); default
   * ISO-8601 instants in UTC.
   */
  timeZone?: string;
}

const MS_PER_DAY = 86_400_000;

/** How one explanation words things: the catalogue, agent names and times. */
interface Wording {
  messages: Messages;
  name: (id: string) => string;
  instant: (at: Date) => string;
  now: Date;
}

/** When an off-shift agent's shift starts: the weekday and time within a week, else with the date, in the zone. */
function shiftStart(until: Date, timeZone: string, wording: Wording): string {
  const at = localParts(until.getTime(), timeZone);
  const soon = until.getTime() - wording.now.getTime() < 6 * MS_PER_DAY;
  return soon ? wording.messages.date.weekdayTime(at) : wording.messages.date.weekdayDayTime(at);
}

/** The leave's last day when it ends at a local midnight, else its end with the time. */
function leaveEnd(until: Date, timeZone: string, messages: Messages): string {
  const end = localParts(until.getTime(), timeZone);
  if (end.msOfDay !== 0) return messages.date.dayTime(end);
  return messages.date.day(localParts(until.getTime() - 1, timeZone));
}

function exclusionReason(exclusion: TraceExclusion, wording: Wording): string {
  const zone = exclusion.timeZone ?? 'UTC';
  let until: string | null = null;
  if (exclusion.until) {
    if (exclusion.reason === 'off_shift') until = shiftStart(exclusion.until, zone, wording);
    else if (exclusion.reason === 'on_leave') until = leaveEnd(exclusion.until, zone, wording.messages);
  }
  return wording.messages.explain.exclusion[exclusion.reason]({ period: exclusion.period ?? 'day', limit: exclusion.limit ?? 0, until });
}

/** One sentence per undeclared or wrong-typed field; the missing ones share one. */
function findingLines(findings: readonly SubjectFieldFinding[], messages: Messages): string[] {
  const lines: string[] = [];
  const missing: { field: string; declared: FieldType }[] = [];
  for (const finding of findings) {
    switch (finding.code) {
      case 'undeclared_field':
        lines.push(messages.explain.undeclaredField(finding.field, finding.params.suggestion));
        break;
      case 'wrong_type': {
        const { declared, actual, value } = finding.params;
        lines.push(messages.explain.wrongType(finding.field, value, actual, declared));
        break;
      }
      default:
        missing.push({ field: finding.field, declared: finding.params.declared });
    }
  }
  if (missing.length > 0) lines.push(messages.explain.missingFields(missing));
  return lines;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

function ruleLabel(entry: TraceEntry, messages: Messages): string {
  return entry.ruleId === '$default' ? messages.explain.defaultRule(entry.ruleName) : messages.explain.rule(entry.ruleName, entry.ruleId);
}

function candidateLine(entry: TraceEntry, candidate: TraceCandidate, wording: Wording): string {
  const { messages } = wording;
  const name = wording.name(candidate.agentId);
  const count = candidate.count ?? 0;
  return messages.explain.candidate({
    who: candidate.selector === undefined ? name : messages.explain.viaSelector(name, candidate.selector),
    order: entry.order ?? 'roundRobin',
    proportional: entry.proportional === true,
    period: entry.period ?? 'total',
    count: round(count),
    weight: round(candidate.weight),
    key: round(candidate.key ?? 0),
    rawKey: candidate.key ?? 0,
    capacity: candidate.capacity == null ? null : round(candidate.capacity),
    utilisation: candidate.capacity == null ? null : round(count / candidate.capacity),
    lastAssignedAt: candidate.lastAssignedAt ? wording.instant(candidate.lastAssignedAt) : null,
  });
}

/** The period an order counts in when the trace does not say: the automatic-assignment count is per day, care in total. */
function orderPeriod(entry: TraceEntry): Period | 'total' {
  return entry.period ?? (entry.order === 'fewestAssigned' ? 'day' : 'total');
}

function tied(entry: TraceEntry): boolean {
  const candidates = entry.candidates ?? [];
  const picked = candidates.find((c) => c.agentId === entry.agentId);
  return picked !== undefined && candidates.some((c) => c !== picked && c.key === picked.key);
}

function entryLines(entry: TraceEntry, wording: Wording): string[] {
  const { messages, name } = wording;
  const words = messages.explain;
  const label = ruleLabel(entry, messages);
  switch (entry.verdict) {
    case 'disabled':
      return [words.disabled(label)];
    case 'not_applicable':
      return [words.notApplicable(label)];
    case 'condition_false':
      return [words.conditionFalse(label)];
    case 'outside_schedule':
      return [words.outsideSchedule(label, entry.opensAt ? wording.instant(entry.opensAt) : null)];
    default: {
      const lines =
        entry.verdict === 'chosen'
          ? [
              entry.pickedBy === 'sticky'
                ? words.chosenSticky(label, name(entry.agentId!))
                : words.chosenByOrder(label, name(entry.agentId!), words.order(entry.order ?? 'roundRobin', orderPeriod(entry), entry.proportional === true)),
            ]
          : [words.noCandidate(label)];
      for (const candidate of entry.candidates ?? []) lines.push(`  - ${candidateLine(entry, candidate, wording)}`);
      const fallback = entry.stickyFallback;
      if (fallback !== undefined && entry.verdict === 'chosen') {
        lines.push(`  ${words.stickyFallback(name(fallback.agentId), exclusionReason(fallback, wording))}`);
      }
      for (const exclusion of entry.excluded ?? []) {
        lines.push(`  - ${words.notCandidate(name(exclusion.agentId), exclusionReason(exclusion, wording))}`);
      }
      if (entry.verdict === 'chosen' && entry.pickedBy === 'order' && tied(entry)) lines.push(`  ${words.ties}`);
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
 * @param options - display names for agents, the locale (`'en'` default, `'zh-CN'`) and the rule set's zone for times
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
 *
 * console.log(explain(result, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }));
 * // 客户 c-1 → 专属客服 Li Lei，依据规则“VIP customers”（vip）。
 * ```
 */
export function explain(result: AssignmentResult, options?: ExplainOptions): string {
  const { agentName, locale, timeZone } = readOptions(options, 'options', ['agentName', 'locale', 'timeZone']);
  if (agentName !== undefined && typeof agentName !== 'function') throw new InputError('options.agentName', 'a function (id) => name', describeValue(agentName));
  const messages = messagesFor(locale, 'options.locale');
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))) {
    throw new InputError('options.timeZone', 'an IANA time zone such as "Asia/Shanghai"', describeValue(timeZone));
  }
  const valid =
    typeof result === 'object' && result !== null && Array.isArray(result.trace) && typeof result.subject === 'object' && result.subject !== null;
  if (!valid) throw new InputError('result', 'a result of assignCustomer or createAssigner().assign', describeValue(result));
  const zone = timeZone as string | undefined;
  const wording: Wording = {
    messages,
    name: (agentName as ExplainOptions['agentName']) ?? ((id: string) => id),
    instant: (at) => (zone === undefined ? at.toISOString() : messages.date.dateTime(localParts(at.getTime(), zone))),
    now: result.at,
  };
  const words = messages.explain;
  const subject = words.subject(result.subject.id, result.subject.kind);
  const chosen = result.trace.find((entry) => entry.verdict === 'chosen');
  const headline =
    result.agentId !== null && chosen
      ? words.assigned(subject, wording.name(result.agentId), ruleLabel(chosen, messages), result.outcome === 'pending_confirmation')
      : words.unassigned(subject, result.reason ?? 'no_rule_applies', result.retryAt ? wording.instant(result.retryAt) : null);
  const lines = [headline];
  // A result parsed from JSON written before fieldFindings existed has none.
  const findings = result.fieldFindings ?? [];
  if (findings.length > 0) {
    lines.push(words.fieldsHeading(result.subject.kind));
    for (const line of findingLines(findings, messages)) lines.push(`  - ${line}`);
  }
  result.trace.forEach((entry, i) => {
    const [first, ...rest] = entryLines(entry, wording);
    lines.push(`${i + 1}. ${first}`, ...rest);
  });
  return lines.join('\n');
}
