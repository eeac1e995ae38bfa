import { type Decision, decide, decisionInput, earlyReason } from './decide.js';
import { InputError } from './errors.js';
import { checkAgentSnapshots } from './input/checkAgentSnapshots.js';
import { readIdList } from './input/readIdList.js';
import { readId } from './input/readId.js';
import { closestName } from './text/closestName.js';
import { readSubject } from './input/readSubject.js';
import { describeValue } from './ruleset/describeValue.js';
import { isPlainObject } from './ruleset/isPlainObject.js';
import type { CompiledRuleSet } from './ruleset/compiledTypes.js';
import { resolveRuleSet } from './ruleset/compileRuleSet.js';
import { checkSubjectFields, type SubjectFieldFinding } from './ruleset/checkSubjectFields.js';
import type { RuleSet } from './ruleset/types.js';
import { readInstant } from './input/readInstant.js';
import {
  type AgentSnapshot,
  type AssignmentRecord,
  type AssignmentResult,
  type Effect,
  type Instant,
  type RuleState,
  SYSTEM_ACTOR,
  type SubjectInput,
  type SubjectRef,
  type TraceEntry,
  type Transition,
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

const NO_RULE_STATE: Readonly<Record<string, RuleState>> = Object.freeze({});

/**
 * The result of `assignCustomer`. Its fields are plain data; `trace` is
 * computed on first read by running the same decision again with tracing on,
 * and `fieldFindings` by comparing the subject's fields with the declared
 * ones (so callers who never read them do not pay for them); `toJSON`
 * includes both.
 */
class Assignment implements AssignmentResult {
  // Declared, not class fields: a class field is first defined as undefined on every result, then assigned.
  declare readonly outcome: AssignmentResult['outcome'];
  declare readonly agentId: string | null;
  declare readonly ruleId: string | null;
  declare readonly reason: UnassignedReason | null;
  declare readonly retryAt: Date | null;
  declare readonly record: AssignmentRecord | null;
  declare readonly transitions: Transition[];
  declare readonly effects: Effect[];
  declare readonly ruleState: Record<string, RuleState>;
  declare readonly at: Date;
  declare readonly subject: SubjectRef;
  // Private fields stay out of spreads, Object.keys and equality checks: the result looks like plain data.
  #trace: TraceEntry[] | null;
  #fieldFindings: SubjectFieldFinding[] | null = null;
  readonly #fields: unknown;
  readonly #input: AssignCustomerInput | null;
  readonly #ruleSet: CompiledRuleSet;

  constructor(
    outcome: AssignmentResult['outcome'],
    agentId: string | null,
    ruleId: string | null,
    reason: UnassignedReason | null,
    retryAt: Date | null,
    record: AssignmentRecord | null,
    transitions: Transition[],
    effects: Effect[],
    ruleState: Record<string, RuleState>,
    at: Date,
    subject: SubjectRef,
    input: AssignCustomerInput | null,
    ruleSet: CompiledRuleSet,
    fields: unknown,
  ) {
    this.outcome = outcome;
    this.agentId = agentId;
    this.ruleId = ruleId;
    this.reason = reason;
    this.retryAt = retryAt;
    this.record = record;
    this.transitions = transitions;
    this.effects = effects;
    this.ruleState = ruleState;
    this.at = at;
    this.subject = subject;
    this.#trace = input === null ? [] : null;
    this.#fields = fields;
    this.#input = input;
    this.#ruleSet = ruleSet;
  }

  get trace(): TraceEntry[] {
    if (this.#trace === null) {
      const trace: TraceEntry[] = [];
      const input = this.#input!;
      decide(decisionInput(this.#ruleSet, input.subject, this.subject.kind, input.agents, input.ruleState, this.at.getTime(), input), trace);
      this.#trace = trace;
    }
    return this.#trace;
  }

  get fieldFindings(): SubjectFieldFinding[] {
    this.#fieldFindings ??= checkSubjectFields(this.#ruleSet.source.fields, this.#fields);
    return this.#fieldFindings;
  }

  toJSON(): AssignmentResult {
    const { outcome, agentId, ruleId, reason, retryAt, record, transitions, effects, ruleState, at, subject, trace, fieldFindings } = this;
    return { outcome, agentId, ruleId, reason, retryAt, record, transitions, effects, ruleState, trace, fieldFindings, at, subject };
  }
}

/**
 * Decides which agent becomes the subject's dedicated agent by the rule set
 * (SPEC §5), and returns everything that must happen because of it: the new
 * record, its transitions, the effects to perform, the updated rule state and a
 * trace that `explain()` turns into text. Pure: nothing is performed.
 *
 * The trace and `fieldFindings` (where the subject's fields contradict the
 * declared `fields`) are computed on first read from the inputs you passed
 * (so bulk callers who never read them do not pay for them); read them
 * before mutating those inputs. `JSON.stringify(result)` includes them.
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
  const checked = readAssignInput(input);
  const ruleSet = resolveRuleSet(checked.ruleSet);
  // \`now\` as read: epoch milliseconds.
  return decideAssignment(checked, ruleSet, checked.now as number);
}

const INPUT_KEYS = ['ruleSet', 'subject', 'agents', 'ruleState', 'now', 'reassign', 'excludeAgentIds', 'recordId'] as const;

/**
 * Reads every member of `assignCustomer`'s input; the members are named by
 * their own names (`subject.fields`). Reads what `readOptions` would (own
 * enumerable keys, each getter once, a throwing one refused, an unknown key
 * refused with "did you mean"), but into locals through a `switch` instead
 * of a record keyed by name: this runs on every decision.
 */
function readAssignInput(input: unknown): AssignCustomerInput {
  if (!isPlainObject(input)) {
    if (input === undefined) throw new InputError('input', 'an object { ruleSet, subject, agents, now, … }', describeValue(input));
    throw new InputError('input', 'an object', describeValue(input));
  }
  let ruleSet: unknown;
  let subjectGiven: unknown;
  let agentsGiven: unknown;
  let ruleStateGiven: unknown;
  let now: unknown;
  let reassignGiven: unknown;
  let excludeGiven: unknown;
  let recordIdGiven: unknown;
  for (const name of Object.keys(input)) {
    let known = true;
    try {
      // A named read per member: each site sees one name, where a read by a variable key is a slower generic lookup.
      switch (name) {
        case 'ruleSet':
          ruleSet = input.ruleSet;
          break;
        case 'subject':
          subjectGiven = input.subject;
          break;
        case 'agents':
          agentsGiven = input.agents;
          break;
        case 'ruleState':
          ruleStateGiven = input.ruleState;
          break;
        case 'now':
          now = input.now;
          break;
        case 'reassign':
          reassignGiven = input.reassign;
          break;
        case 'excludeAgentIds':
          excludeGiven = input.excludeAgentIds;
          break;
        case 'recordId':
          recordIdGiven = input.recordId;
          break;
        default:
          known = false;
      }
    } catch {
      throw new InputError(`input.${name}`, 'a data property', 'a getter that throws');
    }
    if (!known) {
      throw new InputError(`input.${name}`, INPUT_KEYS.join(', '), 'an unknown key', { reason: 'unknown_key', suggestion: closestName(name, INPUT_KEYS) });
    }
  }
  const subject = readSubject(subjectGiven, 'subject', undefined, 'object');
  const agents = checkAgentSnapshots(agentsGiven, 'agents');
  const nowMs = readInstant(now, 'now');
  if (reassignGiven !== undefined && typeof reassignGiven !== 'boolean') throw new InputError('reassign', 'a boolean', describeValue(reassignGiven));
  const excludeAgentIds = excludeGiven === undefined ? undefined : readIdList(excludeGiven, 'excludeAgentIds');
  if (ruleStateGiven !== undefined && !isPlainObject(ruleStateGiven)) {
    throw new InputError('ruleState', 'an object of rule states by rule id', describeValue(ruleStateGiven));
  }
  const recordId = recordIdGiven === undefined ? undefined : readId(recordIdGiven, 'recordId');
  // Every member present (undefined when not given), so each decision's input has one shape.
  const checked: AssignCustomerInput = {
    ruleSet: ruleSet as AssignCustomerInput['ruleSet'],
    subject,
    agents,
    now: nowMs,
    reassign: reassignGiven === true,
    ruleState: ruleStateGiven as Record<string, RuleState> | undefined,
    excludeAgentIds,
    recordId,
  };
  return checked;
}

function decideAssignment(input: AssignCustomerInput, ruleSet: CompiledRuleSet, nowMs: number): AssignmentResult {
  const subject: SubjectRef = { id: input.subject.id, kind: input.subject.kind ?? 'customer' };
  // One Date per decision, shared by the record, transitions and effects (treat them as immutable).
  const at = new Date(nowMs);
  const ruleState = (input.ruleState ?? NO_RULE_STATE) as Record<string, RuleState>;

  const early = earlyReason(ruleSet, input.subject, input.reassign === true);
  if (early !== null) return new Assignment('unassigned', null, null, early, null, null, [], [], ruleState, at, subject, null, ruleSet, input.subject.fields);

  const decision = decide(decisionInput(ruleSet, input.subject, subject.kind, input.agents, input.ruleState, nowMs, input), null);
  if (decision.pick === null) {
    const retryAt = decision.retryAtMs === null ? null : new Date(decision.retryAtMs);
    return new Assignment('unassigned', null, null, decision.reason, retryAt, null, [], [], ruleState, at, subject, input, ruleSet, input.subject.fields);
  }
  return assigned(input, ruleSet, subject, at, decision, ruleState);
}

function assigned(
  input: AssignCustomerInput,
  ruleSet: CompiledRuleSet,
  subject: SubjectRef,
  at: Date,
  decision: Decision,
  ruleState: Record<string, RuleState>,
): AssignmentResult {
  const rule = decision.rule!;
  const pick = decision.pick!;
  const confirmation = ruleSet.settings.auto.agentConfirmation;
  const record = createRecord({
    id: input.recordId,
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
  let nextRuleState = ruleState;
  if (pick.state !== null) {
    nextRuleState = { ...ruleState, [rule.id]: pick.state };
    effects.push({ type: 'ruleState.set', ruleId: rule.id, state: pick.state });
  }
  effectsOnEntry(record, record.createdAt, effects);
  const outcome = confirmation ? 'pending_confirmation' : 'assigned';
  return new Assignment(outcome, pick.agentId, rule.id, null, null, record, [record.history[0]!], effects, nextRuleState, at, subject, input, ruleSet, input.subject.fields);
}
