/**
 * The compiled form of a rule set: everything the decision needs, precomputed
 * once. Built by `compileRuleSet`; consumed by `assignCustomer`, `createAssigner`
 * and the workflow functions.
 */
import type { AgentSnapshot } from '../types.js';
import type { Period, RuleSet, Settings, SubjectKind, WeekStartsOn } from './types.js';

/**
 * What a compiled condition reads the subject from: its fields object, or —
 * for conditions compiled as part of a rule set — the slot values
 * (`readFieldSlots(ruleSet.fieldNames, fields)`), each field read once per decision.
 */
export type FieldValues = Readonly<Record<string, unknown>> | readonly unknown[];

/** A compiled predicate: `true` only when the condition evaluates to exactly `true`. */
export type ConditionTest = (fields: FieldValues, agent: AgentSnapshot | null, now: number) => boolean;

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
  | { by: 'roundRobin' };

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
  /** Participant ids in their default order. */
  readonly agentIds: readonly string[];
  /** Participant id → position in `agentIds`. */
  readonly positionOf: ReadonlyMap<string, number>;
  /** Effective weights (1 each unless `proportional`). */
  readonly weights: readonly number[];
  readonly proportional: boolean;
  readonly order: CompiledOrder;
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
  readonly timeZone: string;
  readonly weekStartsOn: WeekStartsOn;
  readonly settings: Settings;
  /** `settings.pendingTimeout` in milliseconds; null: pending records never expire. */
  readonly pendingTimeoutMs: number | null;
  /** The subject fields its conditions read, in slot order: a decision reads them once (`readFieldSlots`). */
  readonly fieldNames: readonly string[];
  readonly rules: readonly CompiledRule[];
  readonly defaultRule: CompiledRule | null;
}
