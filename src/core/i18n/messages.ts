/**
 * The shape every locale's message catalogue has. A locale file is a value of
 * this type, so a message missing from one locale fails the type check.
 */
import type { IssueCode, IssueParams } from '../ruleset/issues.js';
import type { FieldType, Order, Period, SubjectKind } from '../ruleset/types.js';
import type { LocalParts } from '../time/localParts.js';
import type { ExclusionReason, RecordStatus, RecordType, UnassignedReason, WaitingReason, WorkflowEvent } from '../types.js';

/** The languages the library speaks: texts for people come in each. */
export type Locale = 'en' | 'zh-CN';

/** What a subject's value was, in `checkSubjectFields`'s words. */
export type ValueKindWord = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'array' | 'object';

/** Who may send a workflow event (`WorkflowError` `forbidden` carries it as `params.who`). */
export type WorkflowActorWord = 'admin' | 'record_agent' | 'requester_or_admin' | 'system';

/** The facts one candidate line of `explain` shows, by the rule's order. */
export interface CandidateFacts {
  who: string;
  order: Order['by'];
  proportional: boolean;
  period: Period | 'total';
  /** Formatted numbers: count, weight, key, capacity, utilisation. */
  count: string;
  weight: string;
  key: string;
  /** The raw ordering key, for round robin's "places after". */
  rawKey: number;
  capacity: string | null;
  utilisation: string | null;
  /** `longestIdle`: the last automatic assignment as text; null: never. */
  lastAssignedAt: string | null;
}

/** The words of `explain()`: outcomes, verdicts, orders, exclusions and field findings. */
export interface ExplainMessages {
  subject(id: string, kind: SubjectKind): string;
  assigned(subject: string, agent: string, rule: string, waitingForConfirmation: boolean): string;
  unassigned(subject: string, reason: UnassignedReason, retryAt: string | null): string;
  unassignedReason: Record<UnassignedReason, string>;
  rule(name: string, id: string): string;
  defaultRule(name: string): string;
  disabled(rule: string): string;
  notApplicable(rule: string): string;
  conditionFalse(rule: string): string;
  outsideSchedule(rule: string, opensAt: string | null): string;
  chosenSticky(rule: string, agent: string): string;
  chosenByOrder(rule: string, agent: string, order: string): string;
  noCandidate(rule: string): string;
  order(order: Order['by'], period: Period | 'total', proportional: boolean): string;
  viaSelector(agent: string, selector: number): string;
  candidate(facts: CandidateFacts): string;
  notCandidate(agent: string, reason: string): string;
  stickyFallback(agent: string, reason: string): string;
  ties: string;
  /** Why a participant is not a candidate; `until` already formatted in the rule set's zone. */
  exclusion: Record<ExclusionReason, (facts: { period: Period; limit: number; until: string | null }) => string>;
  fieldsHeading(kind: SubjectKind): string;
  undeclaredField(field: string, suggestion: string | null): string;
  wrongType(field: string, value: string | null, actual: ValueKindWord, declared: FieldType): string;
  missingFields(fields: readonly { field: string; declared: FieldType }[]): string;
}

/** The words of the assignment workflow: record types and statuses, events, who may act, refusals. */
export interface WorkflowMessages {
  type: Record<RecordType, string>;
  status: Record<RecordStatus, string>;
  event: Record<WorkflowEvent, string>;
  who: Record<WorkflowActorWord, string>;
  /** `WorkflowError` `forbidden`: only `who` may send `event` to the record. */
  forbidden(who: WorkflowActorWord, event: WorkflowEvent, recordId: string): string;
}

/** Dates and times in the locale's style, from the local reading in a zone. */
export interface DateMessages {
  /** "3 Dec" / "12月3日" */
  day(parts: LocalParts): string;
  /** "3 Dec 14:00" / "12月3日 14:00" */
  dayTime(parts: LocalParts): string;
  /** "Tue 09:00" / "周二 09:00" */
  weekdayTime(parts: LocalParts): string;
  /** "Tue 8 Dec 09:00" / "12月8日周二 09:00" */
  weekdayDayTime(parts: LocalParts): string;
  /** "8 Dec 2026 09:00" / "2026年12月8日 09:00" */
  dateTime(parts: LocalParts): string;
}

/** A locale's complete catalogue. */
export interface Messages {
  locale: Locale;
  /** The period words: "today", "this week" … / 当日、当周 … */
  period: Record<Period | 'total', string>;
  date: DateMessages;
  explain: ExplainMessages;
  /** One sentence per issue code, from the values the issue carries. */
  issue: Record<IssueCode, (params: IssueParams) => string>;
  /** Heading of `formatIssues`' block for one issue: path, sentence and code. */
  issueHeading(path: string, sentence: string, code: IssueCode): string;
  workflow: WorkflowMessages;
  /** Why a subject waits in the queue (reports, the queue's screens). */
  waitingReason: Record<WaitingReason, string>;
  /** `svc.explainRecord` for a record whose decision's trace was not kept: what the record itself tells. */
  recordStory: {
    /** "c-1 (customer) → li-lei by rule vip (automatic record r-1)." */
    headline(subject: string, kind: SubjectKind, agent: string, how: string): string;
    byRule(ruleId: string | null, recordId: string): string;
    byHand(recordId: string, role: string, actorId: string): string;
    byApplication(recordId: string, role: string, actorId: string): string;
    notKept: string;
    /** One history line; `from` null: created. */
    step(at: string, from: RecordStatus | null, to: RecordStatus, role: string, actorId: string, note: string | null): string;
  };
}
