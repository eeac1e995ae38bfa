import { type Decision, decide, decisionInput, earlyReason } from './decide.js';
import { AssignmentError } from './errors.js';
import type { CompiledRuleSet } from './ruleset/compiledTypes.js';
import { resolveRuleSet } from './ruleset/compileRuleSet.js';
import type { RuleSet } from './ruleset/types.js';
import { toEpochMs } from './time/toEpochMs.js';
import {
  type AgentSnapshot,
  type AssignmentResult,
  type Effect,
  type Instant,
  type RuleState,
  SYSTEM_ACTOR,
  type SubjectInput,
  type SubjectRef,
  type TraceEntry,
  type UnassignedReason,
} from './types.js';
import { createRecord } from './workflow/createRecord.js';
import { effectsOnEntry } from './workflow/effectsOnEntry.js';

/** Inputs of `assignCustomer` (SPEC §5). */
export interface AssignCustomerInput {
  ruleSet: RuleSet | CompiledRuleSet;
  subject: SubjectInput;
  /** Participants' profiles and stats. */
  agents: readonly AgentSnapshot[];
  /** Per rule id: round-robin pointer, running weights. */
  ruleState?: Readonly<Record<string, RuleState>>;
  /** The clock. */
  now: Instant;
  /** Allow replacing the current agent; the current agent is then not a candidate. */
  reassign?: boolean;
  /** Agents who must not get the subject (e.g. they declined it). */
  excludeAgentIds?: readonly string[];
  /** Id of the new record; default derived from type, subject and `now`. */
  recordId?: string;
}

/**
 * Decides which agent becomes the subject's dedicated agent by the rule set
 * (SPEC §5), and returns everything that must happen because of it: the new
 * record, its transitions, the effects to perform, the updated rule state and a
 * trace that `explain()` turns into text. Pure: nothing is performed.
 *
 * The trace is computed on first read from the inputs you passed (so bulk
 * callers who never read it do not pay for it); read it before mutating those
 * inputs.
 *
 * @param input - rule set, subject, agent snapshots, rule state and the clock
 * @returns the decision and its consequences
 * @throws RuleSetError when a plain rule set is invalid; AssignmentError `invalid_input` for malformed inputs
 * @example
 * ```ts
 * const result = assignCustomer({
 *   ruleSet,
 *   subject: { id: 'c-1', kind: 'customer', fields: { region: '北京', level: 3 } },
 *   agents: [{ id: 'li-lei', assigned: { day: 3 } }, { id: 'han-meimei', assigned: { day: 5 } }],
 *   ruleState: {},
 *   now: '2026-11-25T10:00:00+08:00',
 * });
 * result.outcome; // 'assigned'
 * result.agentId; // 'li-lei'
 * console.log(explain(result));
 * ```
 */
export function assignCustomer(input: AssignCustomerInput): AssignmentResult {
  if (typeof input !== 'object' || input === null) throw new AssignmentError('invalid_input', 'assignCustomer needs an input object');
  const ruleSet = resolveRuleSet(input.ruleSet);
  const nowMs = toEpochMs(input.now, 'now');
  const subjectInput = input.subject;
  const subject = subjectRef(subjectInput);
  const at = new Date(nowMs);
  const ruleState = input.ruleState ?? {};

  const early = earlyReason(ruleSet, subjectInput, input.reassign === true);
  if (early !== null) return unassigned(subject, at, early, null, ruleState, []);

  const subjectChecked = { ...subjectInput, kind: subject.kind };
  const inputOf = () => decisionInput(ruleSet, subjectChecked, input.agents, input.ruleState, nowMs, input);
  const decision = decide(inputOf(), null);
  // Traced lazily by running the same decision again with a trace.
  let trace: TraceEntry[] | null = null;
  const readTrace = (): TraceEntry[] => {
    if (trace === null) {
      trace = [];
      decide(inputOf(), trace);
    }
    return trace;
  };
  if (decision.pick === null) {
    const retryAt = decision.retryAtMs === null ? null : new Date(decision.retryAtMs);
    return unassigned(subject, at, decision.reason!, retryAt, ruleState, readTrace);
  }
  return assigned(input, ruleSet, subject, at, decision, ruleState, readTrace);
}

function subjectRef(subject: SubjectInput): SubjectRef {
  if (typeof subject !== 'object' || subject === null) throw new AssignmentError('invalid_input', 'subject must be an object');
  if (typeof subject.id !== 'string' || subject.id === '') {
    throw new AssignmentError('invalid_input', 'subject.id must be a non-empty string');
  }
  const kind = subject.kind ?? 'customer';
  if (kind !== 'customer' && kind !== 'contact') {
    throw new AssignmentError('invalid_input', `subject.kind must be 'customer' or 'contact', got ${JSON.stringify(kind)}`);
  }
  if (subject.fields !== undefined && (typeof subject.fields !== 'object' || subject.fields === null || Array.isArray(subject.fields))) {
    throw new AssignmentError('invalid_input', 'subject.fields must be an object');
  }
  return { id: subject.id, kind };
}

function unassigned(
  subject: SubjectRef,
  at: Date,
  reason: UnassignedReason,
  retryAt: Date | null,
  ruleState: Readonly<Record<string, RuleState>>,
  trace: TraceEntry[] | (() => TraceEntry[]),
): AssignmentResult {
  return withTrace(
    {
      outcome: 'unassigned',
      agentId: null,
      ruleId: null,
      reason,
      retryAt,
      record: null,
      transitions: [],
      effects: [],
      ruleState: ruleState as Record<string, RuleState>,
      at,
      subject,
    },
    trace,
  );
}

function assigned(
  input: AssignCustomerInput,
  ruleSet: CompiledRuleSet,
  subject: SubjectRef,
  at: Date,
  decision: Decision,
  ruleState: Readonly<Record<string, RuleState>>,
  trace: () => TraceEntry[],
): AssignmentResult {
  const rule = decision.rule!;
  const pick = decision.pick!;
  const confirmation = ruleSet.settings.auto.agentConfirmation;
  const record = createRecord({
    ...(input.recordId === undefined ? {} : { id: input.recordId }),
    type: 'auto',
    status: confirmation ? 'pending_confirmation' : 'effective',
    subject,
    agentId: pick.agentId,
    previousAgentId: input.subject.agentId ?? null,
    ruleId: rule.id,
    requestedBy: SYSTEM_ACTOR,
    at,
    pendingTimeoutMs: ruleSet.pendingTimeoutMs,
  });
  const effects: Effect[] = [{ type: 'stats.assigned', agentId: pick.agentId, delta: 1, ruleId: rule.id, at }];
  let nextRuleState = ruleState as Record<string, RuleState>;
  if (pick.state !== null) {
    nextRuleState = { ...ruleState, [rule.id]: pick.state };
    effects.push({ type: 'ruleState.set', ruleId: rule.id, state: pick.state });
  }
  effects.push(...effectsOnEntry(record, at));
  return withTrace(
    {
      outcome: confirmation ? 'pending_confirmation' : 'assigned',
      agentId: pick.agentId,
      ruleId: rule.id,
      reason: null,
      retryAt: null,
      record,
      transitions: [record.history[0]!],
      effects,
      ruleState: nextRuleState,
      at,
      subject,
    },
    trace,
  );
}

function withTrace(result: Omit<AssignmentResult, 'trace'>, trace: TraceEntry[] | (() => TraceEntry[])): AssignmentResult {
  if (Array.isArray(trace)) return { ...result, trace };
  // An enumerable own getter: JSON.stringify, structuredClone and toEqual all see a plain array.
  return Object.defineProperty(result, 'trace', { enumerable: true, configurable: true, get: trace }) as AssignmentResult;
}
