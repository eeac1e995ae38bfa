/**
 * The rule loop of SPEC §5 steps 3–5, shared by `assignCustomer` and
 * `createAssigner` so both always choose the same agent.
 */
import { type Pick, type PickContext, pickCandidate, type RankingLookup, retryAtOf } from './pick/pickCandidate.js';
import type { CompiledRule, CompiledRuleSet } from './ruleset/compiledTypes.js';
import type { SubjectKind } from './ruleset/types.js';
import { readFieldSlots } from './expr/fieldSlots.js';
import { AgentTable } from './pick/agentTable.js';
import { RETRY_HORIZON_MS } from './time/retryHorizon.js';
import type { AgentSnapshot, RuleState, SubjectInput, TraceEntry, UnassignedReason } from './types.js';


/** Inputs of one decision, already checked. */
export interface DecisionInput extends PickContext {
  readonly ruleSet: CompiledRuleSet;
  readonly kind: SubjectKind;
  readonly ruleState: Readonly<Record<string, RuleState>> | undefined;
}

/** What the rule loop decided. */
export interface Decision {
  readonly rule: CompiledRule | null;
  readonly pick: Pick | null;
  readonly reason: Extract<UnassignedReason, 'no_rule_applies' | 'outside_schedule' | 'no_eligible_agent'> | null;
  readonly retryAtMs: number | null;
}

/** Options a decision shares between `assignCustomer` and `createAssigner`. */
export interface DecisionOptions {
  readonly reassign?: boolean;
  readonly excludeAgentIds?: readonly string[];
}

const EMPTY_FIELDS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * SPEC §5 steps 1–2: reasons to stop before any rule is evaluated.
 *
 * @param ruleSet - the compiled rule set
 * @param subject - the subject
 * @param reassign - whether replacing a current agent is allowed
 * @returns the reason, or null to go on
 * @example
 * ```ts
 * earlyReason(ruleSet, { id: 'c-1', agentId: 'li-lei' }, false); // 'already_assigned'
 * ```
 */
export function earlyReason(ruleSet: CompiledRuleSet, subject: SubjectInput, reassign: boolean): UnassignedReason | null {
  if (!ruleSet.settings.auto.enabled) return 'auto_disabled';
  if (subject.agentId != null && !reassign) return 'already_assigned';
  if (subject.pending === true) return 'pending_exists';
  return null;
}

/**
 * Checks and assembles the inputs of one decision.
 *
 * @param ruleSet - the compiled rule set
 * @param subject - the subject
 * @param kind - its kind, already checked
 * @param agents - the agent snapshots
 * @param ruleState - per-rule state
 * @param nowMs - the clock
 * @param options - reassign and exclusions
 * @param rankings - `createAssigner`'s ordered participants, if any
 * @returns the decision input
 * @example
 * ```ts
 * decide(decisionInput(ruleSet, subject, 'customer', agents, ruleState, nowMs, {}), null);
 * ```
 */
export function decisionInput(
  ruleSet: CompiledRuleSet,
  subject: SubjectInput,
  kind: SubjectKind,
  agents: readonly AgentSnapshot[],
  ruleState: Readonly<Record<string, RuleState>> | undefined,
  nowMs: number,
  options: DecisionOptions,
  rankings: RankingLookup | null = null,
): DecisionInput {
  // Read by the entry points (`readDecisionOptions`): an array of ids or absent.
  const exclude = options.excludeAgentIds;
  // Replacing the current agent means picking somebody else.
  const current = options.reassign === true && typeof subject.agentId === 'string' ? subject.agentId : null;
  return {
    ruleSet,
    kind,
    // Each field the rule set's conditions read, read once for the whole decision.
    fields: readFieldSlots(ruleSet.fieldNames, subject.fields ?? EMPTY_FIELDS),
    table: AgentTable.for(agents),
    nowMs,
    timeZone: ruleSet.timeZone,
    exclude: current === null ? (exclude ?? null) : [...(exclude ?? []), current],
    previousAgentId: typeof subject.previousAgentId === 'string' ? subject.previousAgentId : null,
    ruleState,
    rankings,
  };
}

function stateOf(input: DecisionInput, rule: CompiledRule): RuleState | undefined {
  const states = input.ruleState;
  return states != null && Object.hasOwn(states, rule.id) ? states[rule.id] : undefined;
}

function traceEntry(trace: TraceEntry[] | null, rule: CompiledRule, verdict: TraceEntry['verdict']): TraceEntry | null {
  if (trace === null) return null;
  const entry: TraceEntry = { ruleId: rule.id, ruleName: rule.name, verdict };
  trace.push(entry);
  return entry;
}

function describeOrder(entry: TraceEntry, rule: CompiledRule): void {
  entry.order = rule.order.by;
  if (rule.order.by === 'fewestAssigned' || rule.order.by === 'fewestServing') entry.period = rule.order.period;
  entry.proportional = rule.proportional;
}

// What happened to a rule that did not pick anybody (a pick is returned as is).
const SKIPPED = 1;
const CLOSED = 2;
const NO_CANDIDATE = 3;

function evaluateRule(
  input: DecisionInput,
  rule: CompiledRule,
  isDefault: boolean,
  trace: TraceEntry[] | null,
): Pick | typeof SKIPPED | typeof CLOSED | typeof NO_CANDIDATE {
  if (!rule.enabled) {
    traceEntry(trace, rule, 'disabled');
    return SKIPPED;
  }
  if (!isDefault) {
    if (rule.appliesTo !== null && rule.appliesTo !== input.kind) {
      traceEntry(trace, rule, 'not_applicable');
      return SKIPPED;
    }
    if (rule.when !== null && !rule.when(input.fields, null, input)) {
      traceEntry(trace, rule, 'condition_false');
      return SKIPPED;
    }
  }
  if (rule.schedule !== null && !rule.schedule.isOpen(input.nowMs)) {
    const entry = traceEntry(trace, rule, 'outside_schedule');
    if (entry !== null) {
      const opensAt = rule.schedule.nextOpening(input.nowMs, RETRY_HORIZON_MS);
      entry.opensAt = opensAt === null ? null : new Date(opensAt);
    }
    return CLOSED;
  }
  const entry = traceEntry(trace, rule, 'no_candidate');
  if (entry !== null) describeOrder(entry, rule);
  const pick = pickCandidate(rule, input, stateOf(input, rule), entry);
  if (pick === null) return NO_CANDIDATE;
  if (entry !== null) {
    entry.verdict = 'chosen';
    entry.agentId = pick.agentId;
    entry.pickedBy = pick.pickedBy;
  }
  return pick;
}

/**
 * Runs the rules in order, then the default rule, and says who gets the subject.
 *
 * @param input - the checked inputs
 * @param trace - when given, one entry per evaluated rule is appended
 * @returns the decision
 * @example
 * ```ts
 * const decision = decide({ ruleSet, kind: 'customer', fields, table, nowMs, exclude: null,
 *   previousAgentId: null, ruleState }, null);
 * ```
 */
export function decide(input: DecisionInput, trace: TraceEntry[] | null): Decision {
  const rules = input.ruleSet.rules;
  let sawNoCandidate = false;
  // Rules without a candidate: the earliest instant one of their participants comes on shift, back from leave or past a cap.
  let comesOn: number | null = null;
  // Closed rules, for the retry instant when nobody is picked: the first 30 as bits, so a decision that picks allocates nothing.
  let closedBits = 0;
  let closedOthers: CompiledRule[] | null = null;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const outcome = evaluateRule(input, rule, false, trace);
    if (typeof outcome === 'object') return { rule, pick: outcome, reason: null, retryAtMs: null };
    if (outcome === CLOSED) {
      if (r < CLOSED_BITS) closedBits |= 1 << r;
      else closedOthers = addTo(closedOthers, rule);
    } else if (outcome === NO_CANDIDATE) {
      comesOn = earlier(comesOn, retryAtOf(rule, input, input.ruleSet.weekStartsOn));
      if (rule.onNoAgent === 'stop') {
        const closed = closedRules(rules, closedBits, closedOthers);
        return { rule: null, pick: null, reason: 'no_eligible_agent', retryAtMs: reopening(comesOn, closed, input.nowMs) };
      }
      sawNoCandidate = true;
    }
  }
  const fallback = input.ruleSet.defaultRule;
  if (fallback !== null) {
    const outcome = evaluateRule(input, fallback, true, trace);
    if (typeof outcome === 'object') return { rule: fallback, pick: outcome, reason: null, retryAtMs: null };
    if (outcome === CLOSED) closedOthers = addTo(closedOthers, fallback);
    else if (outcome === NO_CANDIDATE) {
      comesOn = earlier(comesOn, retryAtOf(fallback, input, input.ruleSet.weekStartsOn));
      sawNoCandidate = true;
    }
  }
  const closed = closedRules(rules, closedBits, closedOthers);
  if (sawNoCandidate) return { rule: null, pick: null, reason: 'no_eligible_agent', retryAtMs: reopening(comesOn, closed, input.nowMs) };
  if (closed !== null) return { rule: null, pick: null, reason: 'outside_schedule', retryAtMs: earliestOpening(closed, input.nowMs) };
  return { rule: null, pick: null, reason: 'no_rule_applies', retryAtMs: null };
}

/** How many rules, from the first, `decide` marks closed by a bit. */
const CLOSED_BITS = 30;

/** The closed rules `decide` marked, in rule order (the default rule last), or null when none. */
function closedRules(rules: readonly CompiledRule[], bits: number, others: CompiledRule[] | null): CompiledRule[] | null {
  if (bits === 0) return others;
  const closed: CompiledRule[] = [];
  for (let r = 0; r < CLOSED_BITS && r < rules.length; r++) if ((bits & (1 << r)) !== 0) closed.push(rules[r]!);
  if (others !== null) closed.push(...others);
  return closed;
}

/** When the rules may decide differently by time alone: a participant comes on, or a rule that was closed opens. */
function reopening(comesOn: number | null, closed: CompiledRule[] | null, nowMs: number): number | null {
  return closed === null ? comesOn : earlier(comesOn, earliestOpening(closed, nowMs));
}

function earlier(a: number | null, b: number | null): number | null {
  return a === null || (b !== null && b < a) ? b : a;
}

function addTo(rules: CompiledRule[] | null, rule: CompiledRule): CompiledRule[] {
  if (rules === null) return [rule];
  rules.push(rule);
  return rules;
}

function earliestOpening(rules: readonly CompiledRule[], nowMs: number): number | null {
  let earliest: number | null = null;
  for (const rule of rules) {
    const opening = rule.schedule!.nextOpening(nowMs, RETRY_HORIZON_MS);
    if (opening !== null && (earliest === null || opening < earliest)) earliest = opening;
  }
  return earliest;
}
