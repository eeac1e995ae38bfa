/**
 * Rule-set types (SPEC §3). These are the single source of truth: the JSON
 * validator, the compiler and the README follow them.
 */

/** A counting period for `fewestAssigned` / `fewestServing` orders. */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Every period, shortest first. */
export const PERIODS: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

/** An agent's availability as reported by the CRM. */
export type Presence = 'online' | 'busy' | 'away' | 'offline';

/** Every presence value. */
export const PRESENCES: readonly Presence[] = ['online', 'busy', 'away', 'offline'];

/** What gets a dedicated agent: a customer (客户) or a contact (联系人). */
export type SubjectKind = 'customer' | 'contact';

/** Declared type of a subject field, used to check conditions at validation time. */
export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'string[]' | 'number[]';

/** A weekday in ISO numbering: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Which days a week starts on for `week` periods: 0 = Sunday … 6 = Saturday. */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The three ways an assignment can be made, and whether each needs a second yes. */
export interface Settings {
  /** Admin manual assignment (管理员手动分配); `agentConfirmation` = 客服二次确认. */
  manual: { enabled: boolean; agentConfirmation: boolean };
  /** Automatic assignment by rules (自动分配). */
  auto: { enabled: boolean; agentConfirmation: boolean; reofferOnDecline?: boolean; queue?: QueueSettings };
  /** Assignment requested by a business user (业务申请分配). */
  application: { enabled: boolean; adminApproval: boolean; agentConfirmation: boolean };
  /** ISO-8601 duration (e.g. `"PT24H"`, `"P3D"`); pending records expire after it. Absent: never. */
  pendingTimeout?: string;
}

/**
 * The waiting queue of automatic assignment (see the README's "Waiting
 * queue"): who waits first, and when an admin hears of a long wait.
 */
export interface QueueSettings {
  /**
   * An expression over the subject's fields giving a number (e.g.
   * `"level >= 4 ? 10 : 0"`): higher waits nearer the head. Absent, or a
   * value that is not a finite number: 0.
   */
  priority?: string;
  /** ISO-8601 duration (e.g. `"PT30M"`): an entry waiting longer sends one `waiting_too_long` notification to the admins. */
  alertAfter?: string;
}

/** A time window `"HH:mm"`–`"HH:mm"`; `from` inclusive, `to` exclusive, `"24:00"` allowed; `from > to` spans midnight. */
export interface HourRange {
  from: string;
  to: string;
}

/** An inclusive date range `"YYYY-MM-DD"`–`"YYYY-MM-DD"`. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * When a rule applies (适用时间). Inside a present schedule, omitted `weekdays`
 * mean Monday–Friday (all seven days when `dates` is given) and omitted `hours`
 * mean 08:00–18:00. Times are wall-clock times in the zone.
 */
export interface Schedule {
  weekdays?: IsoWeekday[];
  hours?: HourRange[];
  /** Only on these dates. */
  dates?: DateRange[];
  /** Never on these dates (public holidays). */
  exceptDates?: DateRange[];
  /** Overrides the rule set's zone. */
  timeZone?: string;
}

/** Operators of the structured condition form. */
export type ConditionOp =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'exists';

/** Structured condition, as produced by UI condition builders. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: ConditionOp; value?: unknown };

/** How the candidates of a rule are ordered (分配顺序规则). */
export type Order =
  | { by: 'fewestAssigned'; period: Period }
  | { by: 'fewestServing'; period?: Period }
  | { by: 'roundRobin' }
  /** Smallest `serving.total / capacity` (divided by weight when proportional); agents without a capacity come after every capacity-bound one, by subjects in care. */
  | { by: 'leastUtilised' }
  /** Oldest `lastAssignedAt` first; never-assigned agents before everybody; ties by participant order. */
  | { by: 'longestIdle' };

/** Every order name. */
export const ORDER_NAMES: readonly Order['by'][] = ['fewestAssigned', 'fewestServing', 'roundRobin', 'leastUtilised', 'longestIdle'];

/** A participant named by id; `weight` counts only when the rule is `proportional`. */
export interface AgentParticipant {
  id: string;
  weight?: number;
}

/**
 * A skill group (技能组): every agent whose profile matches `where` (over
 * `agent.skills`, `agent.languages`, `agent.attributes.*`, as in `agentWhen`)
 * takes part, after the participants listed by id, in agent-id order.
 */
export interface AgentSelector {
  where: string | Condition;
  weight?: number;
}

/** A participant of a rule: an agent by id, or a selector over agent profiles. */
export type Participant = AgentParticipant | AgentSelector;

/** Which participants may receive a subject. */
export interface Eligibility {
  /** Allowed presences; absent: any presence. */
  presence?: Presence[];
  /** Assign even when `serving.total >= capacity`. Default false. */
  ignoreCapacity?: boolean;
  /** Predicate on `agent` (and the subject). */
  agentWhen?: string | Condition;
  /** Caps on automatic assignments per period; an agent's own `maxAssigned` applies too (the lower wins). */
  maxAssigned?: Partial<Record<Period, number>>;
}

/** One sub-rule of automatic assignment (子规则). */
export interface Rule {
  /** Unique and stable; `'$default'` is reserved for the default rule. */
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  /** Default `'any'`. */
  appliesTo?: SubjectKind | 'any';
  /** Absent: always true. */
  when?: string | Condition;
  /** Absent: always open. */
  schedule?: Schedule;
  /** Participants in their default order. */
  agents: Participant[];
  /** Use weights (按比例分配). */
  proportional?: boolean;
  order: Order;
  eligibility?: Eligibility;
  /** Prefer the subject's previous agent when it is a candidate. */
  sticky?: boolean;
  /** No eligible participant: try the next rule (default) or stop. */
  onNoAgent?: 'next' | 'stop';
}

/** The rule used when no rule applies (默认规则); it has no condition. */
export type DefaultRule = Omit<Rule, 'id' | 'when' | 'appliesTo'> & { id?: '$default' };

/** A whole rule set, version 1: plain JSON stored by the caller. */
export interface RuleSet {
  version: 1;
  /** IANA zone; default for schedules and periods. */
  timeZone: string;
  /** 0 = Sunday; default 1 (Monday). */
  weekStartsOn?: WeekStartsOn;
  settings: Settings;
  /** Declared subject fields: unknown fields and type mismatches become validation issues. */
  fields?: Record<string, FieldType>;
  /** Evaluated in array order; the first rule that yields an agent wins. */
  rules: Rule[];
  defaultRule?: DefaultRule | null;
}

/** The id the default rule carries in results, traces and rule state. */
export const DEFAULT_RULE_ID = '$default';
