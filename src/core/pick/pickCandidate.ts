/**
 * Candidate filtering and ordering for one rule (SPEC §5 step 3).
 *
 * One scan per order decides; when a trace entry is passed, the same scan also
 * records every exclusion and every candidate's ordering key, so a traced and
 * an untraced decision can never disagree.
 */
import { AVAILABLE, OFF_SHIFT } from '../availability/agentAvailability.js';
import { availabilityOf } from '../availability/availabilityOf.js';
import { capsResetAt } from '../availability/capsResetAt.js';
import { reachedCap } from '../availability/reachedCap.js';
import { RETRY_HORIZON_MS } from '../time/retryHorizon.js';
import type { CompiledRule, FieldValues } from '../ruleset/compiledTypes.js';
import type { WeekStartsOn } from '../ruleset/types.js';
import type { AgentSnapshot, ExclusionReason, RuleState, TraceCandidate, TraceEntry, TraceExclusion } from '../types.js';
import type { AgentTable, ParticipantSlots } from './agentTable.js';
import { servingTotal } from './agentStats.js';
import { capacityOf } from './orders/leastUtilisedOrder.js';
import { lastAssignedMs } from './orders/longestIdleOrder.js';
import { presenceBit } from './presenceBit.js';

/** What a rule needs to know about the decision in progress. */
export interface PickContext {
  readonly table: AgentTable;
  /** The subject's slot values (`readFieldSlots`). */
  readonly fields: FieldValues;
  readonly nowMs: number;
  /** The rule set's zone: agents' shifts default to it, and `explain` shows times in it. */
  readonly timeZone: string;
  readonly exclude: readonly string[] | null;
  readonly previousAgentId: string | null;
  /** Ranked rules' participants kept in order by `createAssigner`; null: scan. */
  readonly rankings: RankingLookup | null;
}

/** The rankings of ranked rules (`createAssigner` keeps them). */
export interface RankingLookup {
  /**
   * The first participant, in (key, position) order, that `accept` takes: -1
   * when none; undefined when the rule has no ranking (the caller scans).
   */
  first(rule: CompiledRule, accept: (position: number) => boolean): number | undefined;
  /** A ranked participant turned out off shift or on leave: take it out until it comes back. */
  unavailable(rule: CompiledRule, position: number): void;
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
const LIMIT_REACHED = 6;
const AGENT_CONDITION = 7;
const OFF = 8;
const LEAVE = 9;
const REASONS: readonly ExclusionReason[] = [
  'unknown',
  'unknown',
  'excluded',
  'disabled',
  'presence',
  'capacity',
  'limit_reached',
  'agent_condition',
  'off_shift',
  'on_leave',
];

/**
 * Whether the agent's shift and leave let it receive a subject now.
 *
 * @param agent - the snapshot
 * @param timeZone - the rule set's zone
 * @param nowMs - the instant
 * @returns `AVAILABLE` (0), `OFF_SHIFT` or `ON_LEAVE`
 * @example
 * ```ts
 * availabilityAt({ id: 'a' }, 'Asia/Shanghai', Date.parse('2026-12-01T10:00:00+08:00')); // 0: no shift, no leave
 * ```
 */
export function availabilityAt(agent: AgentSnapshot, timeZone: string, nowMs: number): number {
  if (agent.schedule === undefined && agent.leave === undefined) return AVAILABLE;
  return availabilityOf(agent, timeZone)?.stateAt(nowMs) ?? AVAILABLE;
}

// Checked last, so an agent reported off shift or on leave is excluded for that reason only.
function exclusionOf(rule: CompiledRule, agent: AgentSnapshot | undefined, ctx: PickContext): number {
  if (agent === undefined) return UNKNOWN;
  if (ctx.exclude?.includes(agent.id)) return EXCLUDED;
  const why = standingExclusionOf(rule, agent);
  if (why !== CANDIDATE) return why;
  if (rule.agentWhen !== null && !rule.agentWhen(ctx.fields, agent, ctx)) return AGENT_CONDITION;
  const availability = availabilityAt(agent, ctx.timeZone, ctx.nowMs);
  return availability === AVAILABLE ? CANDIDATE : availability === OFF_SHIFT ? OFF : LEAVE;
}

/**
 * The exclusions that depend on the agent's snapshot alone, not on the
 * subject or the clock: disabled, presence not allowed by the rule, at
 * capacity, assignment cap reached. `createAssigner` keeps agents excluded for
 * these reasons out of its rankings.
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
  if ((rule.caps !== null || agent.maxAssigned !== undefined) && reachedCap(rule.caps, agent) !== null) return LIMIT_REACHED;
  return CANDIDATE;
}

function exclusionEntry(rule: CompiledRule, agent: AgentSnapshot | undefined, id: string, why: number, ctx: PickContext): TraceExclusion {
  const exclusion: TraceExclusion = { agentId: id, reason: REASONS[why]! };
  if (why === OFF || why === LEAVE) {
    const until = availabilityOf(agent!, ctx.timeZone)!.until(ctx.nowMs, RETRY_HORIZON_MS);
    exclusion.until = until === null ? null : new Date(until);
    exclusion.timeZone = ctx.timeZone;
  } else if (why === LIMIT_REACHED) {
    const cap = reachedCap(rule.caps, agent!)!;
    exclusion.period = cap.period;
    exclusion.limit = cap.limit;
  }
  return exclusion;
}

function recordExclusion(trace: TraceEntry | null, rule: CompiledRule, slots: ParticipantSlots, i: number, why: number, ctx: PickContext): void {
  if (trace !== null) trace.excluded!.push(exclusionEntry(rule, ctx.table.agentAt(rule, slots, i), slots.ids[i]!, why, ctx));
}

function candidateEntry(slots: ParticipantSlots, i: number): TraceCandidate {
  const candidate: TraceCandidate = { agentId: slots.ids[i]!, position: i, weight: slots.weights[i]! };
  if (slots.via !== null && slots.via[i]! >= 0) candidate.selector = slots.via[i]!;
  return candidate;
}

function stickyPick(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots): Pick | null {
  const previous = ctx.previousAgentId;
  if (!rule.sticky || previous === null) return null;
  const i = slots.positionOf.get(previous);
  if (i === undefined) return null;
  const agent = ctx.table.agentAt(rule, slots, i);
  if (exclusionOf(rule, agent, ctx) !== CANDIDATE) return null;
  return { position: i, agentId: previous, pickedBy: 'sticky', state: null };
}

/** Sticky rule, previous agent a participant but not a candidate: the trace says why the order picks instead. */
function stickyFallback(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots, trace: TraceEntry): void {
  const previous = ctx.previousAgentId;
  if (!rule.sticky || previous === null) return;
  const i = slots.positionOf.get(previous);
  if (i === undefined) return;
  const agent = ctx.table.agentAt(rule, slots, i);
  const why = exclusionOf(rule, agent, ctx);
  if (why !== CANDIDATE) trace.stickyFallback = exclusionEntry(rule, agent, previous, why, ctx);
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
    rule.rank !== null
      ? pickByRank(rule, ctx, slots, trace)
      : rule.proportional
        ? pickBySmoothWeights(rule, ctx, slots, state, trace)
        : pickInTurn(rule, ctx, slots, state, trace);
  if (pick === null || trace === null) return pick;
  const sticky = stickyPick(rule, ctx, slots);
  if (sticky === null) stickyFallback(rule, ctx, slots, trace);
  return sticky ?? pick;
}

/**
 * When a rule without a candidate could next have one because a participant
 * comes on shift, back from leave, or past a reached assignment cap (the next
 * start of the capped period, then its next shift): the earliest such instant
 * within 366 days, over the participants excluded only by their shift, leave
 * or caps; null when there are none.
 *
 * @param rule - a rule `pickCandidate` found no candidate in
 * @param ctx - the decision in progress
 * @param weekStartsOn - the rule set's first weekday, for the weekly caps
 * @returns epoch ms, or null
 * @example
 * ```ts
 * if (pickCandidate(rule, ctx, state, null) === null) retryAtOf(rule, ctx, 1); // e.g. the next 09:00 shift start
 * ```
 */
export function retryAtOf(rule: CompiledRule, ctx: PickContext, weekStartsOn: WeekStartsOn): number | null {
  const slots = ctx.table.slots(rule);
  const limit = ctx.nowMs + RETRY_HORIZON_MS;
  let earliest: number | null = null;
  for (let i = 0; i < slots.ids.length; i++) {
    const agent = ctx.table.agentAt(rule, slots, i);
    const why = exclusionOf(rule, agent, ctx);
    let next: number | null;
    if (why === OFF || why === LEAVE) next = availabilityOf(agent!, ctx.timeZone)!.nextAvailable(ctx.nowMs, RETRY_HORIZON_MS);
    else if (why === LIMIT_REACHED && (rule.agentWhen === null || rule.agentWhen(ctx.fields, agent!, ctx))) {
      // Disabled, presence and capacity are checked before caps: a capped agent passed them.
      const lifted = capsResetAt(rule.caps, agent!, ctx.nowMs, ctx.timeZone, weekStartsOn);
      const availability = lifted === null || lifted > limit ? null : availabilityOf(agent!, ctx.timeZone);
      next = lifted === null || lifted > limit ? null : availability === null ? lifted : availability.nextAvailable(lifted, limit - lifted);
    } else continue;
    if (next !== null && (earliest === null || next < earliest)) earliest = next;
  }
  return earliest;
}

function pickByRank(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots, trace: TraceEntry | null): Pick | null {
  const rankings = trace === null ? ctx.rankings : null;
  const ranked = rankings?.first(rule, (i) => {
    const why = exclusionOf(rule, ctx.table.agentAt(rule, slots, i), ctx);
    if (why === OFF || why === LEAVE) rankings.unavailable(rule, i);
    return why === CANDIDATE;
  });
  const best = ranked !== undefined ? ranked : trace === null ? rankUntraced(rule, ctx, slots) : rankTraced(rule, ctx, slots, trace);
  return best < 0 ? null : { position: best, agentId: slots.ids[best]!, pickedBy: 'order', state: null };
}

/**
 * The ordering key of participant `i` of a ranked rule: its count divided by
 * its weight when the rule is proportional, or what its order makes of the
 * count (`leastUtilised`, `longestIdle`). The one definition the scan and
 * `createAssigner`'s rankings share, so they compare identical numbers.
 *
 * @param rule - a ranked rule (any order but round robin)
 * @param weight - the participant's effective weight
 * @param agent - its snapshot
 * @returns the key; smaller is preferred
 * @example
 * ```ts
 * orderKey(vipRule, 2, { id: 'a', assigned: { day: 3 } }); // 1.5 for fewestAssigned by day, proportional
 * ```
 */
export function orderKey(rule: CompiledRule, weight: number, agent: AgentSnapshot): number {
  const rank = rule.rank!;
  const count = rank.count(agent);
  if (rank.key !== null) return rank.key(count, agent, weight);
  return rule.proportional ? count / weight : count;
}

/**
 * The hot loop of a decision: the checks of `exclusionOf` written inline with
 * early exits, and no bookkeeping for a trace. `rankTraced` is the same
 * choice with every reason recorded; a property test holds them equal.
 */
function rankUntraced(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots): number {
  const rank = rule.rank!;
  if (rank.key === null && !rule.proportional && rule.caps === null && rule.agentWhen === null && ctx.exclude === null) {
    return rankByCount(rule, ctx, slots);
  }
  const readCount = rank.count;
  const keyOf = rank.key;
  const presenceMask = rule.presenceMask;
  const checkCapacity = !rule.ignoreCapacity;
  const caps = rule.caps;
  const agentWhen = rule.agentWhen;
  const exclude = ctx.exclude;
  const proportional = rule.proportional;
  const { positions, seen, plainSeen, weights } = slots;
  const agents = ctx.table.agents;
  const n = positions.length;
  let best = -1;
  let bestKey = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
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
    // `plainSeen[i]`: the snapshot has no shift, leave or cap of its own, so only the rule's cap can apply.
    const ownLimits = agent !== plainSeen[i];
    if ((caps !== null || (ownLimits && agent.maxAssigned !== undefined)) && reachedCap(caps, agent) !== null) continue;
    if (agentWhen !== null && !agentWhen(ctx.fields, agent, ctx)) continue;
    if (ownLimits && (agent.schedule !== undefined || agent.leave !== undefined) && availabilityAt(agent, ctx.timeZone, ctx.nowMs) !== AVAILABLE) {
      continue;
    }
    const count = readCount(agent);
    // orderKey, with the rule's fields read once. Strictly smaller: ties go to participant order.
    const key = keyOf !== null ? keyOf(count, agent, weights[i]!) : proportional ? count / weights[i]! : count;
    if (key < bestKey || best < 0) {
      bestKey = key;
      best = i;
    }
  }
  return best;
}

/**
 * `rankUntraced` for the common rule: ordered by its count alone (not
 * proportional, no key of its order), no rule cap, no agent condition and no
 * agent excluded by the caller. The same choice without the tests of what
 * such a rule does not have, and with the count compared before the
 * eligibility checks (counts are finite, ties go to the earlier participant:
 * one whose count is not below the best so far can never be picked). A
 * participant whose snapshot is new, replaced or absent, or has a shift,
 * leave or cap of its own, is taken out of the fast loop, verified, and has
 * those checked by `ownLimitsExclude`.
 */
function rankByCount(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots): number {
  const readCount = rule.rank!.count;
  const presenceMask = rule.presenceMask;
  const checkCapacity = !rule.ignoreCapacity;
  const { positions, plainSeen } = slots;
  const agents = ctx.table.agents;
  const n = positions.length;
  let best = -1;
  let bestCount = Number.POSITIVE_INFINITY;
  let i = 0;
  while (i < n) {
    // The inner loop calls nothing, so V8 keeps the arrays' bounds and storage in registers. It stops at
    // a participant whose snapshot is not the very one verified before without limits of its own.
    let agent: AgentSnapshot | undefined;
    for (; i < n; i++) {
      agent = plainSeen[i];
      if (agent === undefined || agents[positions[i]!] !== agent) break;
      // The count first: a participant that cannot beat the best so far (ties go to the earlier) needs no eligibility check.
      const count = readCount(agent);
      if (count >= bestCount) continue;
      if (agent.enabled === false) continue;
      if (presenceMask !== 0 && (presenceMask & presenceBit(agent.presence)) === 0) continue;
      if (checkCapacity) {
        const capacity = agent.capacity;
        if (typeof capacity === 'number' && servingTotal(agent) >= capacity) continue;
      }
      bestCount = count;
      best = i;
    }
    if (i === n) break;
    // That participant: verified (again), and its own limits checked.
    agent = ctx.table.agentAt(rule, slots, i);
    if (agent !== undefined && (agent === plainSeen[i] || !ownLimitsExclude(agent, ctx)) && isCandidateByCount(agent, presenceMask, checkCapacity)) {
      const count = readCount(agent);
      if (count < bestCount) {
        bestCount = count;
        best = i;
      }
    }
    i++;
  }
  return best;
}

/** `rankByCount`'s checks of disabled, presence and capacity, for a participant that left the fast loop. */
function isCandidateByCount(agent: AgentSnapshot, presenceMask: number, checkCapacity: boolean): boolean {
  if (agent.enabled === false) return false;
  if (presenceMask !== 0 && (presenceMask & presenceBit(agent.presence)) === 0) return false;
  if (!checkCapacity) return true;
  const capacity = agent.capacity;
  return typeof capacity !== 'number' || servingTotal(agent) < capacity;
}

/** Whether the agent's own cap, shift or leave keeps it from receiving a subject now. */
function ownLimitsExclude(agent: AgentSnapshot, ctx: PickContext): boolean {
  if (agent.maxAssigned !== undefined && reachedCap(null, agent) !== null) return true;
  return (agent.schedule !== undefined || agent.leave !== undefined) && availabilityAt(agent, ctx.timeZone, ctx.nowMs) !== AVAILABLE;
}

function rankTraced(rule: CompiledRule, ctx: PickContext, slots: ParticipantSlots, trace: TraceEntry): number {
  const { weights, ids, via } = slots;
  const excluded = trace.excluded!;
  // Sized for every participant, then cut to the candidates: pushing one by one would copy the list as it grows.
  const candidates: TraceCandidate[] = new Array(weights.length);
  let written = 0;
  // Count orders without selectors: each candidate is one literal written here (the common case).
  const counted = rule.order.by !== 'longestIdle' && rule.order.by !== 'leastUtilised' && via === null;
  const readCount = rule.rank!.count;
  let best = -1;
  let bestKey = Number.POSITIVE_INFINITY;
  for (let i = 0; i < weights.length; i++) {
    const agent = ctx.table.agentAt(rule, slots, i);
    const why = exclusionOf(rule, agent, ctx);
    if (why !== CANDIDATE) {
      excluded.push(exclusionEntry(rule, agent, ids[i]!, why, ctx));
      continue;
    }
    const weight = weights[i]!;
    const key = orderKey(rule, weight, agent!);
    candidates[written++] = counted ? { agentId: ids[i]!, position: i, weight, count: readCount(agent!), key } : rankedCandidate(rule, slots, i, agent!, key);
    if (key < bestKey || best < 0) {
      bestKey = key;
      best = i;
    }
  }
  candidates.length = written;
  trace.candidates = candidates;
  return best;
}

/**
 * A ranked rule's candidate in the trace, written as one literal in its
 * final shape (adding the count and the key to a smaller object afterwards
 * costs a property store with a shape change each, and a second allocation),
 * with the same members in the same order as `candidateEntry` and its
 * additions give.
 */
function rankedCandidate(rule: CompiledRule, slots: ParticipantSlots, i: number, agent: AgentSnapshot, key: number): TraceCandidate {
  const by = rule.order.by;
  const agentId = slots.ids[i]!;
  const weight = slots.weights[i]!;
  if (slots.via === null || slots.via[i]! < 0) {
    if (by === 'longestIdle') return { agentId, position: i, weight, lastAssignedAt: lastAssignedAt(agent), key };
    const count = rule.rank!.count(agent);
    if (by === 'leastUtilised') return { agentId, position: i, weight, count, capacity: capacityOf(agent), key };
    return { agentId, position: i, weight, count, key };
  }
  const candidate = candidateEntry(slots, i);
  if (by === 'longestIdle') candidate.lastAssignedAt = lastAssignedAt(agent);
  else {
    candidate.count = rule.rank!.count(agent);
    if (by === 'leastUtilised') candidate.capacity = capacityOf(agent);
  }
  candidate.key = key;
  return candidate;
}

function lastAssignedAt(agent: AgentSnapshot): Date | null {
  const last = lastAssignedMs(agent);
  return last === Number.NEGATIVE_INFINITY ? null : new Date(last);
}

function pickInTurn(
  rule: CompiledRule,
  ctx: PickContext,
  slots: ParticipantSlots,
  state: RuleState | undefined,
  trace: TraceEntry | null,
): Pick | null {
  const n = slots.ids.length;
  if (n === 0) return null;
  const last = typeof state?.lastAgentId === 'string' ? slots.positionOf.get(state.lastAgentId) : undefined;
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
        recordExclusion(trace, rule, slots, i, why, ctx);
        continue;
      }
      const turn = (i - start + n) % n;
      const candidate = candidateEntry(slots, i);
      candidate.weight = 1;
      candidate.key = turn;
      trace.candidates!.push(candidate);
      if (turn < bestTurn) {
        bestTurn = turn;
        best = i;
      }
    }
  }
  if (best < 0) return null;
  const agentId = slots.ids[best]!;
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
  const { ids, weights } = slots;
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
      recordExclusion(trace, rule, slots, i, why, ctx);
      if (running !== 0) next[id] = running;
      continue;
    }
    const raised = running + weights[i]!;
    next[id] = raised;
    total += weights[i]!;
    if (trace !== null) {
      const candidate = candidateEntry(slots, i);
      candidate.key = raised;
      trace.candidates!.push(candidate);
    }
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
