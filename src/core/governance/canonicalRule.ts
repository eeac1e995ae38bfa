import {
  type Condition,
  type DefaultRule,
  DEFAULT_RULE_ID,
  type IsoWeekday,
  type Participant,
  PERIODS,
  type Period,
  PRESENCES,
  type Presence,
  type Rule,
  type Schedule,
  type SubjectKind,
} from '../ruleset/types.js';
import type { OrderSummary, ScheduleSummary } from './ruleSetChange.js';
import { stableJson } from './stableJson.js';

/** A participant as the diff compares it. */
export interface CanonicalParticipant {
  /** `id:<agent id>` or `where:<condition JSON>#<n>` (the n-th skill group with that condition). */
  key: string;
  /** The agent id, or the skill group's condition as written. */
  name: string;
  group: boolean;
  /** Its index in the rule's `agents`. */
  index: number;
  weight: number;
}

/** A rule with every default written out, so that only differences of meaning remain. */
export interface CanonicalRule {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  appliesTo: SubjectKind | 'any';
  /** The condition as written (structured conditions as JSON); null: always true. */
  when: string | null;
  schedule: ScheduleSummary | null;
  agents: CanonicalParticipant[];
  proportional: boolean;
  order: OrderSummary;
  presence: Presence[] | null;
  ignoreCapacity: boolean;
  agentWhen: string | null;
  maxAssigned: Partial<Record<Period, number>>;
  sticky: boolean;
  onNoAgent: 'next' | 'stop';
}

const MONDAY_TO_FRIDAY: IsoWeekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * A condition as text: an expression as written, a structured one as JSON
 * with sorted keys (an expression can never read as a JSON object, so the two
 * forms never collide).
 *
 * @param condition - `when`, `agentWhen` or a selector's `where`; absent: null
 * @returns the text, or null
 * @example
 * ```ts
 * conditionText({ field: 'region', op: 'eq', value: '北京' }); // '{"field":"region","op":"eq","value":"北京"}'
 * ```
 */
export function conditionText(condition: string | Condition | undefined): string | null {
  if (condition === undefined) return null;
  return typeof condition === 'string' ? condition : stableJson(condition);
}

function scheduleSummary(schedule: Schedule | undefined): ScheduleSummary | null {
  if (schedule === undefined) return null;
  const dates = schedule.dates ?? null;
  // Defaults as SPEC §3 states them: the same schedule whether they are written or not.
  const weekdays = schedule.weekdays === undefined ? (dates === null ? MONDAY_TO_FRIDAY : EVERY_DAY) : [...new Set(schedule.weekdays)].sort((x, y) => x - y);
  return {
    weekdays,
    hours: schedule.hours ?? [{ from: '08:00', to: '18:00' }],
    dates,
    exceptDates: schedule.exceptDates ?? [],
    timeZone: schedule.timeZone ?? null,
  };
}

function participants(agents: Participant[]): CanonicalParticipant[] {
  const seen = new Map<string, number>();
  return agents.map((participant, index) => {
    // Weights count only when the rule is proportional, but an admin's edit of one is still a change.
    const weight = participant.weight ?? 1;
    if ('id' in participant) return { key: `id:${participant.id}`, name: participant.id, group: false, index, weight };
    const where = stableJson(participant.where);
    const occurrence = (seen.get(where) ?? 0) + 1;
    seen.set(where, occurrence);
    return { key: `where:${where}#${occurrence}`, name: conditionText(participant.where)!, group: true, index, weight };
  });
}

/**
 * A validated rule (or the default rule) with its defaults written out:
 * `appliesTo` 'any', `proportional`, `sticky` and `ignoreCapacity` false,
 * `onNoAgent` 'next', weights 1, the schedule's weekdays and hours, presence
 * lists in a fixed order.
 *
 * @param rule - a rule of a validated rule set, or its default rule
 * @returns the canonical form
 * @example
 * ```ts
 * canonicalRule({ id: 'r', name: 'R', enabled: true, agents: [{ id: 'a' }], order: { by: 'roundRobin' } }).sticky; // false
 * ```
 */
export function canonicalRule(rule: Rule | DefaultRule): CanonicalRule {
  const proportional = rule.proportional ?? false;
  const eligibility = rule.eligibility ?? {};
  const maxAssigned: Partial<Record<Period, number>> = {};
  for (const period of PERIODS) {
    const cap = eligibility.maxAssigned?.[period];
    if (cap !== undefined) maxAssigned[period] = cap;
  }
  return {
    id: rule.id ?? DEFAULT_RULE_ID,
    name: rule.name,
    description: rule.description ?? null,
    enabled: rule.enabled,
    appliesTo: 'appliesTo' in rule ? (rule.appliesTo ?? 'any') : 'any',
    when: 'when' in rule ? conditionText(rule.when) : null,
    schedule: scheduleSummary(rule.schedule),
    agents: participants(rule.agents),
    proportional,
    order: { by: rule.order.by, period: 'period' in rule.order ? (rule.order.period ?? null) : null },
    presence: eligibility.presence === undefined ? null : PRESENCES.filter((presence) => eligibility.presence!.includes(presence)),
    ignoreCapacity: eligibility.ignoreCapacity ?? false,
    agentWhen: conditionText(eligibility.agentWhen),
    maxAssigned,
    sticky: rule.sticky ?? false,
    onNoAgent: rule.onNoAgent ?? 'next',
  };
}
