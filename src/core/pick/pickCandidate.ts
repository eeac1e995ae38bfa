/**
 * Candidate filtering and ordering for one rule (SPEC §5 step 3).
 *
 * One scan per order decides; when a trace entry is passed, the same scan also
 * records every exclusion and every candidate's ordering key, so a traced and
 * an untraced decision can never disagree.
 */
import type { CompiledRule, FieldValues } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot, ExclusionReason, RuleState, TraceEntry } from '../types.js';
import type { AgentTable, ParticipantSlots } from './agentTable.js';
import type { CountRanking } from './countRanking.js';
import { countReader, servingTotal } from './agentStats.js';
import { presenceBit } from './presenceBit.js';

/** What a rule needs to know about the decision in progress. */
export interface PickContext {
  readonly table: AgentTable;
  /** The subject's slot values (`readFieldSlots`). */
  readonly fields: FieldValues;
  readonly nowMs: number;
  readonly exclude: readonly string[] | null;
  readonly previousAgentId: string | null;
  /** Count-ordered rules' participants kept in order by `createAssigner`; null: scan. */
  readonly rankings: RankingLookup | null;
}

/** Finds the ranking of a count-ordered rule (`createAssigner` keeps them). */
export interface RankingLookup {
  get(rule: CompiledRule): CountRanking | undefined;
}

/** The participant a rule picked. */
export interface Pick {
  /** Participant position in the rule. */
  readonly position: number;
  readonly agentId: string;
  readonly pickedBy: 'sticky' | 'order';
  /** The rule's new state when the pick changes it (round robin), else null. */
  readonly state: RuleState | null;
}

// Exclusion codes, indexes into REASONS; CANDIDATE means not excluded.
const CANDIDATE = 0;
const UNKNOWN = 1;
const EXCLUDED = 2;
const DISABLED = 3;
const PRESENCE = 4;
const CAPACITY = 5;
const AGENT_CONDITION = 6;
const REASONS: readonly ExclusionReason[] = ['unknown', 'unknown', 'excluded', 'disabled', 'presence', 'capacity', 'agent_condition'];

function exclusionOf(rule: CompiledRule, agent: AgentSnapshot | undefined, ctx: PickContext): number {
  if (agent === undefined) return UNKNOWN;
  if (ctx.exclude?.includes(agent.id)) return EXCLUDED;
  const why = standingExclusionOf(rule, agent);
  if (why !== CANDIDATE) return why;
  if (rule.agentWhen !== null && !rule.agentWhen(ctx.fields, agent, ctx.nowMs)) return AGENT_CONDITION;
  return CANDIDATE;
}

/**
 * The exclusions that depend on the agent alone, not on the subject: disabled,
 * presence not allowed by the rule, at capacity. `createAssigner` keeps agents
 * excluded for these reasons out of its rankings.
 *
 * @param rule - the rule
 * @param agent - the participant's snapshot
 * @returns 0 when none applies, else the exclusion code
 * @example
 * ```ts
 * standingExclusionOf(rule, { id: 'a', enabled: false }) !== 0; // true
 * ```
 */
export function standingExclusionOf(rule: CompiledRule, agent: AgentSnapshot): number {
  if (agent.enabled === false) return DISABLED;
  if (rule.presenceMask !== 0 && (rule.presenceMask & presenceBit(agent.presence)) === 0) return PRESENCE;
  if (!rule.ignoreCapacity) {
    const capacity = agent.capacity;
    if (typeof capacity === 'number' && servingTotal(agent) >= capacity) return CAPACITY;
  }
  return CANDIDATE;
}

function recordExclusion(trace: TraceEntry | null, rule: CompiledRule, i: number, why: number): void {
  if (trace !== null) trace.excluded!.push({ agentId: rule.agentIds[i]!, reason: REASONS[why]! });
}

function stickyPick(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots): Pick | null {
  const previous = ctx.previousAgentId;
  if (!rule.sticky || previous === null) return null;
  const i = rule.positionOf.get(previous);
  if (i === undefined) return null;
  const agent = ctx.table.agentAt(rule, slots, i);
  if (exclusionOf(rule, agent, ctx) !== CANDIDATE) return null;
  return { position: i, agentId: previous, pickedBy: 'sticky', state: null };
}

/**
 * Picks the participant of `rule` that receives the subject, or null when no
 * participant is a candidate.
 *
 * @param rule - the compiled rule (enabled, applicable, condition true, open)
 * @param ctx - the decision in progress
 * @param state - the rule's state (round-robin pointer, running weights)
 * @param trace - when given, filled with exclusions and candidates' keys
 * @returns the pick, or null
 * @example
 * ```ts
 * const pick = pickCandidate(rule, ctx, ruleState[rule.id], null);
 * ```
 */
export function pickCandidate(
  rule: CompiledRule,
  ctx: PickContext,
  state: RuleState | undefined,
  trace: TraceEntry | null,
): Pick | null {
  const slots = ctx.table.slots(rule);
  if (trace === null) {
    // Sticky wins over the order, so an untraced decision can stop here.
    const sticky = stickyPick(rule, ctx, slots);
    if (sticky !== null) return sticky;
  } else {
    trace.excluded = [];
    trace.candidates = [];
  }
  const pick =
    rule.order.by !== 'roundRobin'
      ? pickByCount(rule, ctx, slots, trace)
      : rule.proportional
        ? pickBySmoothWeights(rule, ctx, slots, state, trace)
        : pickInTurn(rule, ctx, slots, state, trace);
  if (pick === null || trace === null) return pick;
  return stickyPick(rule, ctx, slots) ?? pick;
}

function pickByCount(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots, trace: TraceEntry | null): Pick | null {
  const ranking = trace === null ? ctx.rankings?.get(rule) : undefined;
  const best =
    ranking !== undefined
      ? ranking.first((i) => exclusionOf(rule, ctx.table.agentAt(rule, slots, i), ctx) === CANDIDATE)
      : trace === null
        ? fewestUntraced(rule, ctx, slots)
        : fewestTraced(rule, ctx, slots, trace);
  return best < 0 ? null : { position: best, agentId: rule.agentIds[best]!, pickedBy: 'order', state: null };
}

/**
 * The count a count order compares for one agent.
 *
 * @param rule - a rule ordered by `fewestAssigned` or `fewestServing`
 * @param agent - the participant's snapshot
 * @returns its count in the rule's period
 * @example
 * ```ts
 * countOf(rule, { id: 'a', assigned: { day: 3 } }); // 3 for fewestAssigned by day
 * ```
 */
export function countOf(rule: CompiledRule, agent: AgentSnapshot): number {
  return countReader(rule.order)(agent);
}

/**
 * The ordering key of participant `i`: its count, divided by its weight when
 * the rule is proportional. The one definition both the scan and
 * `createAssigner`'s rankings use, so they compare identical numbers.
 *
 * @param rule - a count-ordered rule
 * @param i - the participant's position
 * @param count - its count (`countOf`)
 * @returns the key; smaller is preferred
 * @example
 * ```ts
 * orderKey(vipRule, 0, 3); // 1.5 with weight 2
 * ```
 */
export function orderKey(rule: CompiledRule, i: number, count: number): number {
  return rule.proportional ? count / rule.weights[i]! : count;
}

/**
 * The hot loop of a decision: the checks of `exclusionOf` written inline with
 * early exits, and no bookkeeping for a trace. `fewestTraced` is the same
 * choice with every reason recorded; a property test holds them equal.
 */
function fewestUntraced(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots): number {
  const readCount = countReader(rule.order);
  const presenceMask = rule.presenceMask;
  const checkCapacity = !rule.ignoreCapacity;
  const agentWhen = rule.agentWhen;
  const exclude = ctx.exclude;
  const proportional = rule.proportional;
  const weights = rule.weights;
  const { positions, seen } = slots;
  const agents = ctx.table.agents;
  let best = -1;
  let bestKey = Number.POSITIVE_INFINITY;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    let agent = position >= 0 ? agents[position] : undefined;
    // Fast path: the very snapshot verified at this position before.
    if (agent === undefined || agent !== seen[i]) {
      agent = ctx.table.agentAt(rule, slots, i);
      if (agent === undefined) continue;
    }
    if (exclude?.includes(agent.id)) continue;
    if (agent.enabled === false) continue;
    if (presenceMask !== 0 && (presenceMask & presenceBit(agent.presence)) === 0) continue;
    if (checkCapacity) {
      const capacity = agent.capacity;
      if (typeof capacity === 'number' && servingTotal(agent) >= capacity) continue;
    }
    if (agentWhen !== null && !agentWhen(ctx.fields, agent, ctx.nowMs)) continue;
    const count = readCount(agent);
    // orderKey, with the rule's fields read once. Strictly smaller: ties go to participant order.
    const key = proportional ? count / weights[i]! : count;
    if (key < bestKey) {
      bestKey = key;
      best = i;
    }
  }
  return best;
}

function fewestTraced(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots, trace: TraceEntry): number {
  const weights = rule.weights;
  let best = -1;
  let bestKey = Number.POSITIVE_INFINITY;
  for (let i = 0; i < weights.length; i++) {
    const agent = ctx.table.agentAt(rule, slots, i);
    const why = exclusionOf(rule, agent, ctx);
    if (why !== CANDIDATE) {
      recordExclusion(trace, rule, i, why);
      continue;
    }
    const count = countOf(rule, agent!);
    const key = orderKey(rule, i, count);
    trace.candidates!.push({ agentId: rule.agentIds[i]!, position: i, weight: weights[i]!, count, key });
    if (key < bestKey) {
      bestKey = key;
      best = i;
    }
  }
  return best;
}

function pickInTurn(
  rule: CompiledRule,
  ctx: PickContext,
  slots: ParticipantSlots,
  state: RuleState | undefined,
  trace: TraceEntry | null,
): Pick | null {
  const n = rule.agentIds.length;
  const last = typeof state?.lastAgentId === 'string' ? rule.positionOf.get(state.lastAgentId) : undefined;
  const start = last === undefined ? 0 : (last + 1) % n;
  let best = -1;
  if (trace === null) {
    for (let turn = 0; turn < n; turn++) {
      const i = (start + turn) % n;
      if (exclusionOf(rule, ctx.table.agentAt(rule, slots, i), ctx) === CANDIDATE) {
        best = i;
        break;
      }
    }
  } else {
    let bestTurn = n;
    for (let i = 0; i < n; i++) {
      const why = exclusionOf(rule, ctx.table.agentAt(rule, slots, i), ctx);
      if (why !== CANDIDATE) {
        recordExclusion(trace, rule, i, why);
        continue;
      }
      const turn = (i - start + n) % n;
      trace.candidates!.push({ agentId: rule.agentIds[i]!, position: i, weight: 1, key: turn });
      if (turn < bestTurn) {
        bestTurn = turn;
        best = i;
      }
    }
  }
  if (best < 0) return null;
  const agentId = rule.agentIds[best]!;
  return { position: best, agentId, pickedBy: 'order', state: { lastAgentId: agentId } };
}

function runningWeight(weights: RuleState['currentWeights'], agentId: string): number {
  if (weights == null || typeof weights !== 'object' || !Object.hasOwn(weights, agentId)) return 0;
  const value = weights[agentId];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Smooth weighted round robin over the candidates: each gains its weight, the highest is picked and loses the total. */
function pickBySmoothWeights(
  rule: CompiledRule,
  ctx: PickContext,
  slots: ParticipantSlots,
  state: RuleState | undefined,
  trace: TraceEntry | null,
): Pick | null {
  const ids = rule.agentIds;
  const weights = rule.weights;
  const previous = state?.currentWeights;
  const next: Record<string, number> = {};
  let total = 0;
  let best = -1;
  let bestWeight = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const running = runningWeight(previous, id);
    const why = exclusionOf(rule, ctx.table.agentAt(rule, slots, i), ctx);
    if (why !== CANDIDATE) {
      recordExclusion(trace, rule, i, why);
      if (running !== 0) next[id] = running;
      continue;
    }
    const raised = running + weights[i]!;
    next[id] = raised;
    total += weights[i]!;
    if (trace !== null) trace.candidates!.push({ agentId: id, position: i, weight: weights[i]!, key: raised });
    if (raised > bestWeight) {
      bestWeight = raised;
      best = i;
    }
  }
  if (best < 0) return null;
  const agentId = ids[best]!;
  next[agentId] = bestWeight - total;
  return { position: best, agentId, pickedBy: 'order', state: { lastAgentId: agentId, currentWeights: next } };
}
