/**
 * The compiled form of a rule set: everything the decision needs, precomputed
 * once. Built by `compileRuleSet`; consumed by `assignCustomer`, `createAssigner`
 * and the workflow functions.
 */
import type { Caps } from '../availability/reachedCap.js';
import type { RankedOrder } from '../pick/orders/rankedOrder.js';
import type { EvaluationNow, Evaluator } from '../expr/valueNode.js';
import type { AgentSnapshot } from '../types.js';
import type { Period, RuleSet, Settings, SubjectKind, WeekStartsOn } from './types.js';

/**
 * What a compiled condition reads the subject from: its fields object, or —
 * for conditions compiled as part of a rule set — the slot values
 * (`readFieldSlots(ruleSet.fieldNames, fields)`), each field read once per decision.
 */
export type FieldValues = Readonly<Record<string, unknown>> | readonly unknown[];

/** A compiled predicate: `true` only when the condition evaluates to exactly `true`. */
export type ConditionTest = (fields: FieldValues, agent: AgentSnapshot | null, now: EvaluationNow) => boolean;

/** A compiled schedule: wall-clock windows in one zone. */
export interface CompiledSchedule {
  /** Is the schedule open at this instant (epoch ms)? */
  isOpen(epochMs: number): boolean;
  /** The earliest instant ≥ `afterMs` at which it is open, looking at most `horizonMs` ahead; null if none. */
  nextOpening(afterMs: number, horizonMs: number): number | null;
}

/** Ordering strategy codes of a compiled rule. */
export type CompiledOrder =
  | { by: 'fewestAssigned'; period: Period }
  | { by: 'fewestServing'; period: Period | 'total' }
  | { by: 'roundRobin' }
  | { by: 'leastUtilised' }
  | { by: 'longestIdle' };

/** A compiled skill-group selector of a rule. */
export interface CompiledSelector {
  /** Its index in the rule's `agents`. */
  readonly index: number;
  /** Tests an agent profile (evaluated without a subject). */
  readonly test: ConditionTest;
  /** Effective weight of the agents it brings (1 unless `proportional`). */
  readonly weight: number;
}

/** One rule, ready to evaluate. @internal structure; may change between versions. */
export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** null: any kind. */
  readonly appliesTo: SubjectKind | null;
  /** null: always true. */
  readonly when: ConditionTest | null;
  /** null: always open. */
  readonly schedule: CompiledSchedule | null;
  /** Participants listed by id, in their default order (selectors' agents follow them per agents array). */
  readonly agentIds: readonly string[];
  /** Participant id → position in `agentIds`. */
  readonly positionOf: ReadonlyMap<string, number>;
  /** Effective weights (1 each unless `proportional`). */
  readonly weights: readonly number[];
  /** Skill-group selectors; empty when the rule lists its participants by id only. */
  readonly selectors: readonly CompiledSelector[];
  readonly proportional: boolean;
  readonly order: CompiledOrder;
  /** The ranking of every order but round robin; null for round robin. */
  readonly rank: RankedOrder | null;
  /** `eligibility.maxAssigned`; null: no rule-level cap. */
  readonly caps: Caps | null;
  /** Allowed presences as bits (`presenceBit`); 0: any presence. */
  readonly presenceMask: number;
  readonly ignoreCapacity: boolean;
  readonly agentWhen: ConditionTest | null;
  readonly sticky: boolean;
  readonly onNoAgent: 'next' | 'stop';
}

/** A validated, compiled rule set. Core functions accept it wherever they accept a `RuleSet`. */
export interface CompiledRuleSet {
  readonly compiled: true;
  /** The validated rule set (a copy of the input; later changes to the input do not leak in). */
  readonly source: RuleSet;
  /** The content's revision (`ruleSetRevision(source)`): the id of its version in a store's history. */
  readonly revision: string;
  readonly timeZone: string;
  readonly weekStartsOn: WeekStartsOn;
  readonly settings: Settings;
  /** `settings.pendingTimeout` in milliseconds; null: pending records never expire. */
  readonly pendingTimeoutMs: number | null;
  /** The waiting queue: the compiled priority (null: every entry 0) and the alert threshold (null: no alerts). */
  readonly queue: { readonly priority: Evaluator | null; readonly alertAfterMs: number | null };
  /** The subject fields its conditions read, in slot order: a decision reads them once (`readFieldSlots`). */
  readonly fieldNames: readonly string[];
  readonly rules: readonly CompiledRule[];
  readonly defaultRule: CompiledRule | null;
}
