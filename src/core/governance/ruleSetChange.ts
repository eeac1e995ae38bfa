/**
 * A change between two rule sets, as data (`diffRuleSets`): a `code`, the
 * rule it concerns, a path and the values its sentence needs. Wording lives
 * in the per-locale tables (`diffMessagesEn.ts`, `diffMessagesZhCn.ts`).
 */
import type { Locale } from '../i18n/messages.js';
import type { IssuePath } from '../ruleset/issues.js';
import type { DateRange, FieldType, HourRange, IsoWeekday, Period, Presence, SubjectKind, WeekStartsOn } from '../ruleset/types.js';

/** The languages the changes can be worded in. */
export type DiffLocale = Locale;

/** A setting of `settings`, named by its path joined with dots. */
export type SettingName =
  | 'manual.enabled'
  | 'manual.agentConfirmation'
  | 'auto.enabled'
  | 'auto.agentConfirmation'
  | 'auto.reofferOnDecline'
  | 'auto.queue.priority'
  | 'auto.queue.alertAfter'
  | 'application.enabled'
  | 'application.adminApproval'
  | 'application.agentConfirmation'
  | 'pendingTimeout';

/** A setting's value; `null`: not set (no pending timeout, no queue priority, no alert). */
export type SettingValue = boolean | string | null;

/**
 * A schedule with its defaults written out: `weekdays` Monday–Friday (all
 * seven with `dates`), `hours` 08:00–18:00, no `exceptDates`; `timeZone` null:
 * the rule set's zone.
 */
export interface ScheduleSummary {
  weekdays: IsoWeekday[];
  hours: HourRange[];
  /** null: every date. */
  dates: DateRange[] | null;
  exceptDates: DateRange[];
  timeZone: string | null;
}

/** An order with its default written out: `period` null only for a `fewestServing` order counting every subject in care, and for the orders without a period. */
export interface OrderSummary {
  by: 'fewestAssigned' | 'fewestServing' | 'roundRobin' | 'leastUtilised' | 'longestIdle';
  period: Period | null;
}

/** What names a participant in a change: an agent id, or a skill group's `where` (structured conditions as JSON). */
export interface ParticipantName {
  participant: string;
  /** true for a skill group (a selector `{ where }`), false for an agent listed by id. */
  group: boolean;
}

/** Every rule-level change names the rule (its name in the new rule set; in the old one when it was removed). */
interface OfRule {
  rule: string;
}

/**
 * The params of each change code: the contract the wording follows. Adding a
 * code here makes every locale table fail to compile until it words it.
 */
export interface RuleSetChangeParams {
  time_zone_changed: { from: string; to: string };
  week_start_changed: { from: WeekStartsOn; to: WeekStartsOn };
  setting_changed: { setting: SettingName; from: SettingValue; to: SettingValue };
  /** `fields` appeared: conditions are now checked against the declared fields. */
  fields_declared: Record<string, never>;
  /** `fields` disappeared: conditions may read any field. */
  fields_undeclared: Record<string, never>;
  field_added: { field: string; type: FieldType };
  field_removed: { field: string; type: FieldType };
  field_type_changed: { field: string; from: FieldType; to: FieldType };
  /** Positions count from 1, in the rule set that holds the rule. */
  rule_added: OfRule & { position: number };
  rule_removed: OfRule & { position: number };
  /** The rule changed places relative to the other rules (not merely shifted by an added or removed one). */
  rule_moved: OfRule & { from: number; to: number };
  default_rule_added: OfRule;
  default_rule_removed: OfRule;
  rule_renamed: OfRule & { from: string; to: string };
  description_changed: OfRule & { from: string | null; to: string | null };
  rule_enabled: OfRule;
  rule_disabled: OfRule;
  applies_to_changed: OfRule & { from: SubjectKind | 'any'; to: SubjectKind | 'any' };
  /** `when`, as written (structured conditions as JSON); null: always true. */
  condition_changed: OfRule & { from: string | null; to: string | null };
  /** `eligibility.agentWhen`; null: every participant. */
  agent_condition_changed: OfRule & { from: string | null; to: string | null };
  /** null: always open. */
  schedule_changed: OfRule & { from: ScheduleSummary | null; to: ScheduleSummary | null };
  participant_added: OfRule & ParticipantName & { weight: number };
  participant_removed: OfRule & ParticipantName;
  weight_changed: OfRule & ParticipantName & { from: number; to: number };
  /** The participants both versions have, in their old and new order (round robin follows it). */
  participants_reordered: OfRule & { from: string[]; to: string[] };
  proportional_changed: OfRule & { to: boolean };
  order_changed: OfRule & { from: OrderSummary; to: OrderSummary };
  /** null: any presence. */
  presence_changed: OfRule & { from: Presence[] | null; to: Presence[] | null };
  ignore_capacity_changed: OfRule & { to: boolean };
  /** null: no rule-level cap for the period. */
  max_assigned_changed: OfRule & { period: Period; from: number | null; to: number | null };
  sticky_changed: OfRule & { to: boolean };
  on_no_agent_changed: OfRule & { to: 'next' | 'stop' };
}

/** Every change code. */
export type RuleSetChangeCode = keyof RuleSetChangeParams;

/**
 * One change from the old rule set to the new one. `path` leads into the new
 * rule set to what changed, or to its nearest part that still exists when it
 * was removed; for `rule_removed` and `default_rule_removed` it leads into the
 * old one. `ruleId` is set for the changes of one rule (`'$default'` for the
 * default rule). `message` words it in the locale asked for.
 */
export type RuleSetChange = {
  [C in RuleSetChangeCode]: { code: C; ruleId?: string; path: IssuePath; params: RuleSetChangeParams[C]; message: string };
}[RuleSetChangeCode];

/** A change before it is worded: what `formatRuleSetChange` turns into a `RuleSetChange`. */
export type UnwordedChange = {
  [C in RuleSetChangeCode]: { code: C; ruleId?: string; path: IssuePath; params: RuleSetChangeParams[C] };
}[RuleSetChangeCode];
