import { markSnapshotsChecked } from './input/checkAgentSnapshots.js';
import { assignCustomer } from './assign.js';
import { decide, decisionInput, earlyReason } from './decide.js';
import { InputError, NotFoundError } from './errors.js';
import { readAgentProfile } from './input/readAgentProfile.js';
import { readAgents } from './input/readAgents.js';
import { readDecisionOptions } from './input/readDecisionOptions.js';
import { readId } from './input/readId.js';
import { readOptions } from './input/readOptions.js';
import { readSubject } from './input/readSubject.js';
import { describeValue } from './ruleset/describeValue.js';
import { isPlainObject } from './ruleset/isPlainObject.js';
import { CountRanking } from './pick/countRanking.js';
import { type AgentAvailability, AVAILABLE, OFF_SHIFT, ON_LEAVE } from './availability/agentAvailability.js';
import { availabilityOf } from './availability/availabilityOf.js';
import { sharedAvailability } from './availability/sharedAvailability.js';
import { ChangeQueue } from './availability/changeQueue.js';
import { verifyAgentSnapshot } from './availability/verifyAgentSnapshot.js';
import { AgentTable } from './pick/agentTable.js';
import { orderKey, standingExclusionOf } from './pick/pickCandidate.js';
import { RETRY_HORIZON_MS } from './time/retryHorizon.js';
import type { CompiledRule, CompiledRuleSet } from './ruleset/compiledTypes.js';
import { resolveRuleSet } from './ruleset/compileRuleSet.js';
import { PERIODS, type Period, type RuleSet } from './ruleset/types.js';
import { periodBounds } from './time/periodBounds.js';
import { readInstant } from './input/readInstant.js';
import type { AgentSnapshot, AssignmentResult, Instant, RuleState, SubjectInput, UnassignedReason } from './types.js';

/** Starting state of an assigner. */
export interface AssignerOptions {
  /** Agent snapshots; their counts are taken as the counts of the periods containing the first `assign` instant. */
  agents: readonly AgentSnapshot[];
  ruleState?: Readonly<Record<string, RuleState>>;
}

/** Per-call options of `Assigner.assign`, as in `assignCustomer`. */
export interface AssignOptions {
  reassign?: boolean;
  excludeAgentIds?: readonly string[];
}

/** What one `Assigner.assign` call decided (light: no record, effects or trace). */
export interface AssignerDecision {
  outcome: AssignmentResult['outcome'];
  agentId: string | null;
  ruleId: string | null;
  reason: UnassignedReason | null;
  retryAt: Date | null;
}

/** A stateful, in-memory, I/O-free engine for bulk assignment and simulation. */
export interface Assigner {
  /** Decides for one subject and applies the decision to the assigner's own counts and rule state. */
  assign(subject: SubjectInput, now: Instant, options?: AssignOptions): AssignerDecision;
  /** What `assign` would do now, as a full `AssignmentResult` with trace; changes nothing. */
  preview(subject: SubjectInput, now: Instant, options?: AssignOptions): AssignmentResult;
  /** Copies of the current agent snapshots, counts included. */
  agents(): AgentSnapshot[];
  /** A copy of the current rule state. */
  ruleState(): Record<string, RuleState>;
  /** Changes an agent's profile (presence, capacity, enabled, …) or counts between decisions. */
  updateAgent(agentId: string, patch: Partial<Omit<AgentSnapshot, 'id'>>): void;
  /** A subject's care by the agent ended (released, moved, closed): its `serving` total drops by one (not below 0), freeing capacity. */
  release(agentId: string): void;
}

interface Counts {
  day: number;
  week: number;
  month: number;
  quarter: number;
  year: number;
}

interface ServingCounts extends Counts {
  total: number;
}

/** The assigner's own snapshot: counts always present, so updates stay simple. */
interface LiveAgent extends AgentSnapshot {
  assigned: Counts;
  serving: ServingCounts;
  /** The rankings the agent is in (not enumerable: copies handed out never carry it). */
  readonly memberships: Membership[];
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function liveAgent(agent: AgentSnapshot, index: number): LiveAgent {
  verifyAgentSnapshot(agent, index);
  const serving = agent.serving;
  const servingCounts = typeof serving === 'number' ? { total: serving } : (serving ?? {});
  const assigned = agent.assigned ?? {};
  // Every live agent has the same keys in the same order, absent ones as undefined, so the
  // decision's reads of optional fields (shift, leave, caps) meet one object shape, not many.
  const live = {
    id: agent.id,
    enabled: agent.enabled,
    presence: agent.presence,
    capacity: agent.capacity,
    skills: agent.skills,
    languages: agent.languages,
    attributes: agent.attributes,
    schedule: agent.schedule,
    leave: agent.leave,
    maxAssigned: agent.maxAssigned,
    lastAssignedAt: agent.lastAssignedAt,
    assigned: {
      day: number(assigned.day),
      week: number(assigned.week),
      month: number(assigned.month),
      quarter: number(assigned.quarter),
      year: number(assigned.year),
    },
    serving: {
      total: number(servingCounts.total),
      day: number(servingCounts.day),
      week: number(servingCounts.week),
      month: number(servingCounts.month),
      quarter: number(servingCounts.quarter),
      year: number(servingCounts.year),
    },
  } as LiveAgent;
  const name = (agent as { name?: unknown }).name;
  if (name !== undefined) (live as { name?: unknown }).name = name;
  // Beside the agent, not in a Map keyed by it: a decision refreshes its agent's rankings without a hash lookup.
  Object.defineProperty(live, 'memberships', { value: [], enumerable: false });
  return live;
}

function copyAgent(agent: LiveAgent): AgentSnapshot {
  const copy: AgentSnapshot = { ...agent, assigned: { ...agent.assigned }, serving: { ...agent.serving } };
  for (const key of Object.keys(copy) as (keyof AgentSnapshot)[]) if (copy[key] === undefined) delete copy[key];
  if (agent.lastAssignedAt instanceof Date) copy.lastAssignedAt = new Date(agent.lastAssignedAt.getTime());
  return copy;
}

/**
 * Creates a stateful engine that assigns subject after subject without
 * rebuilding inputs: it keeps the agents' counts and the rule state itself,
 * applies each decision to them, and resets period counts when `now` crosses a
 * period boundary in the rule set's zone. It chooses exactly what
 * `assignCustomer` would choose given the same state. Feed subjects in time
 * order.
 *
 * @param ruleSet - a rule set or compiled rule set
 * @param options - agents and rule state to start from
 * @returns the assigner
 * @example
 * ```ts
 * const assigner = createAssigner(ruleSet, { agents });
 * for (const customer of customers) {
 *   const { agentId } = assigner.assign({ id: customer.id, fields: customer.fields }, customer.createdAt);
 * }
 * console.table(assigner.agents().map((a) => ({ id: a.id, today: a.assigned?.day })));
 * ```
 */
export function createAssigner(ruleSet: RuleSet | CompiledRuleSet, options: AssignerOptions): Assigner {
  if (options === undefined) throw new InputError('options', 'an object { agents, ruleState? }', describeValue(options));
  const given = readOptions(options, 'options', ['agents', 'ruleState']);
  const agents: LiveAgent[] = readAgents(given.agents, 'options.agents', true).map(liveAgent);
  // Read just above; their hidden bookkeeping (memberships) is the assigner's own.
  markSnapshotsChecked(agents);
  if (given.ruleState !== undefined && !isPlainObject(given.ruleState)) {
    throw new InputError('options.ruleState', 'an object of rule states by rule id', describeValue(given.ruleState));
  }
  const compiled = resolveRuleSet(ruleSet);
  const byId = new Map<string, LiveAgent>();
  for (const agent of agents) if (!byId.has(agent.id)) byId.set(agent.id, agent);
  let ruleState: Record<string, RuleState> = { ...(options.ruleState ?? {}) };
  // The instant of the decision in progress: rankings leave out agents off shift or on leave at it.
  let currentMs = Number.NEGATIVE_INFINITY;
  const { rankings, refresh, wake, rewind, forget } = rankParticipants(compiled, byId, () => currentMs);
  const confirmation = compiled.settings.auto.agentConfirmation;
  // Current period bounds; NaN until the first decision fixes them.
  const periodStart: Record<Period, number> = { day: Number.NaN, week: Number.NaN, month: Number.NaN, quarter: Number.NaN, year: Number.NaN };
  const periodEnd: Record<Period, number> = { ...periodStart };
  // Per period, the agents whose counts in it may be non-zero (duplicates are harmless):
  // a roll-over resets and re-ranks only them, not every agent.
  const counted: Record<Period, LiveAgent[]> = { day: [], week: [], month: [], quarter: [], year: [] };
  const noteCounts = (agent: LiveAgent): void => {
    for (const period of PERIODS) if (agent.assigned[period] !== 0 || agent.serving[period] !== 0) counted[period].push(agent);
  };
  agents.forEach(noteCounts);

  function rollOver(nowMs: number): void {
    // Every period boundary is a local midnight, so within the current day nothing rolls over.
    if (nowMs >= periodStart.day && nowMs < periodEnd.day) return;
    for (const period of PERIODS) {
      if (nowMs >= periodStart[period] && nowMs < periodEnd[period]) continue;
      const first = Number.isNaN(periodStart[period]);
      const bounds = periodBounds(period, nowMs, compiled.timeZone, compiled.weekStartsOn);
      periodStart[period] = bounds.start;
      periodEnd[period] = bounds.end;
      if (first) continue;
      for (const agent of counted[period]) {
        agent.assigned[period] = 0;
        agent.serving[period] = 0;
        refresh(agent);
      }
      counted[period] = [];
    }
  }

  /** Adds one to a count in every period, noting agents whose count leaves zero. */
  function countOne(agent: LiveAgent, counts: Counts, other: Counts): void {
    if (counts.day === 0 && other.day === 0) counted.day.push(agent);
    if (counts.week === 0 && other.week === 0) counted.week.push(agent);
    if (counts.month === 0 && other.month === 0) counted.month.push(agent);
    if (counts.quarter === 0 && other.quarter === 0) counted.quarter.push(agent);
    if (counts.year === 0 && other.year === 0) counted.year.push(agent);
    counts.day += 1;
    counts.week += 1;
    counts.month += 1;
    counts.quarter += 1;
    counts.year += 1;
  }

  /** Moves the clock: period roll-overs, then agents whose shift or leave changed since. */
  function advance(nowMs: number): void {
    rollOver(nowMs);
    // Fed out of time order: agents left out as off shift may be on at the earlier instant; rank everyone again.
    if (nowMs < currentMs) rewind();
    currentMs = nowMs;
    wake(nowMs);
  }

  function preview(subjectGiven: SubjectInput, now: Instant, optionsGiven?: AssignOptions): AssignmentResult {
    const subject = readSubject(subjectGiven, 'subject', undefined, 'object');
    const nowMs = readInstant(now, 'now');
    const opts = readDecisionOptions(optionsGiven, 'options');
    advance(nowMs);
    return assignCustomer({
      ruleSet: compiled,
      subject,
      agents,
      ruleState,
      now: nowMs,
      reassign: opts.reassign,
      ...(opts.excludeAgentIds === undefined ? {} : { excludeAgentIds: opts.excludeAgentIds }),
    });
  }

  function assign(subjectGiven: SubjectInput, now: Instant, optionsGiven?: AssignOptions): AssignerDecision {
    const subject = readSubject(subjectGiven, 'subject', undefined, 'object');
    const nowMs = readInstant(now, 'now');
    const opts = readDecisionOptions(optionsGiven, 'options');
    advance(nowMs);
    const early = earlyReason(compiled, subject, opts.reassign === true);
    if (early !== null) return { outcome: 'unassigned', agentId: null, ruleId: null, reason: early, retryAt: null };
    const decision = decide(decisionInput(compiled, subject, subject.kind ?? 'customer', agents, ruleState, nowMs, opts, rankings), null);
    if (decision.pick === null) {
      return {
        outcome: 'unassigned',
        agentId: null,
        ruleId: null,
        reason: decision.reason,
        retryAt: decision.retryAtMs === null ? null : new Date(decision.retryAtMs),
      };
    }
    const agent = byId.get(decision.pick.agentId)!;
    countOne(agent, agent.assigned, agent.serving);
    agent.lastAssignedAt = new Date(nowMs);
    if (!confirmation) {
      agent.serving.total += 1;
      countOne(agent, agent.serving, agent.assigned);
      const replaced = opts.reassign === true && typeof subject.agentId === 'string' ? byId.get(subject.agentId) : undefined;
      if (replaced !== undefined) {
        replaced.serving.total = Math.max(0, replaced.serving.total - 1);
        refresh(replaced);
      }
    }
    refresh(agent);
    if (decision.pick.state !== null) ruleState = { ...ruleState, [decision.rule!.id]: decision.pick.state };
    return {
      outcome: confirmation ? 'pending_confirmation' : 'assigned',
      agentId: agent.id,
      ruleId: decision.rule!.id,
      reason: null,
      retryAt: null,
    };
  }

  return {
    assign,
    preview,
    agents: () => agents.map(copyAgent),
    ruleState: () => structuredClone(ruleState),
    updateAgent(agentIdGiven, patch) {
      const agentId = readId(agentIdGiven, 'agentId');
      const agent = byId.get(agentId);
      if (agent === undefined) throw new NotFoundError('agent', agentId);
      if (!isPlainObject(patch)) throw new InputError('patch', 'an object of agent fields', describeValue(patch));
      const updated = liveAgent(readAgentProfile({ ...copyAgent(agent), ...patch, id: agentId }, 'patch', true), agents.indexOf(agent));
      Object.assign(agent, updated);
      // The snapshot changed in place: the table's per-slot knowledge of it (selector matches,
      // whether it has a shift, leave or cap of its own) is rebuilt on the next decision.
      AgentTable.forget(agents);
      noteCounts(agent);
      forget(agent);
    },
    release(agentIdGiven) {
      const agentId = readId(agentIdGiven, 'agentId');
      const agent = byId.get(agentId);
      if (agent === undefined) throw new NotFoundError('agent', agentId);
      // As a reassignment releases the agent it replaces: the total only, period counts are history.
      agent.serving.total = Math.max(0, agent.serving.total - 1);
      refresh(agent);
    },
  };
}

/** A ranked rule's ranking, and which of its participants an agent is. */
interface Membership {
  readonly ranking: RuleRanking;
  readonly position: number;
}

/** The participants of a ranked rule who work one shift (or none), ranked. */
interface ShiftGroup {
  /** The shared compiled shift; null: always on (or, ungrouped, the one group of everybody). */
  readonly shift: AgentAvailability | null;
  readonly ranking: CountRanking;
}

/** A ranked rule's rankings, with the participants whose keys changed since a decision last consulted them. */
interface RuleRanking {
  /** One ranking per shift, so a shift change costs nothing per agent; or one for everybody (`grouped` false). */
  readonly groups: ShiftGroup[];
  /** Each participant's group index. */
  readonly groupOf: Int32Array;
  /** False when the participants work too many different shifts: one ranking, off-shift agents taken out and queued. */
  readonly grouped: boolean;
  /** Each participant's live snapshot (undefined: not among the agents). */
  readonly members: readonly (LiveAgent | undefined)[];
  /** Each participant's compiled shift and leave (null: always available), kept beside it so re-keying skips the lookup. */
  readonly availability: (AgentAvailability | null)[];
  /** Participants to re-key before the next consultation (`pending` flags them, so each is listed once). */
  readonly dirty: number[];
  readonly pending: Uint8Array;
  /** Not built yet: the first consultation builds it in O(n). */
  stale: boolean;
}

/** More distinct shifts than this among a rule's participants: one ranking instead of one per shift. */
const MAX_SHIFT_GROUPS = 8;

/**
 * For every ranked rule (any order but round robin, participants listed by
 * id), rankings of the participants that are not excluded by standing
 * reasons (disabled, presence, capacity, cap) nor on leave at the decision's
 * instant, keyed as the scan keys them. `refresh(agent)` only notes that the
 * agent's keys changed; a ranking re-keys its noted participants when a
 * decision consults it, and is built in O(n) the first time. So an agent who
 * takes part in many rules costs nothing in the rules nobody reaches.
 *
 * Shifts: participants are ranked per shift (agents sharing a shift
 * template share one compiled shift), and a decision looks only at the groups
 * on shift at its instant, so the start or end of a shift costs nothing per
 * agent. Leave, and shifts of rules whose participants work more than eight
 * different shifts, are scheduled like the period roll-over: an agent left
 * out is queued (a min-heap) at the instant it comes on again and refreshed
 * then; an agent whose leave or shift begins is noticed when a decision meets
 * it at the top of a ranking (`unavailable`), taken out and queued the same
 * way. No decision rescans every agent.
 */
function rankParticipants(compiled: CompiledRuleSet, byId: ReadonlyMap<string, LiveAgent>, now: () => number) {
  const zone = compiled.timeZone;
  const rankings = new Map<CompiledRule, RuleRanking>();
  const changes = new ChangeQueue<LiveAgent>();
  // The instant each agent is queued at, so it is queued once per change.
  const queuedAt = new Map<LiveAgent, number>();
  const shiftOf = (agent: LiveAgent | undefined) => (agent === undefined ? null : sharedAvailability(agent.schedule, undefined, zone));
  const rules = compiled.defaultRule === null ? compiled.rules : [...compiled.rules, compiled.defaultRule];
  for (const rule of rules) {
    // Selector rules' participants follow the agents' profiles: they scan.
    if (rule.rank === null || rule.selectors.length > 0) continue;
    const n = rule.agentIds.length;
    const members = rule.agentIds.map((id) => byId.get(id));
    const shifts = [...new Set(members.map(shiftOf))];
    const grouped = shifts.length <= MAX_SHIFT_GROUPS;
    const groups: ShiftGroup[] = (grouped ? shifts : [null]).map((shift) => ({ shift, ranking: new CountRanking(n) }));
    const groupOf = new Int32Array(n);
    if (grouped) {
      for (let position = 0; position < n; position++) groupOf[position] = shifts.indexOf(shiftOf(members[position]));
    }
    const entry: RuleRanking = {
      groups,
      groupOf,
      grouped,
      members,
      availability: members.map((agent) => (agent === undefined ? null : availabilityOf(agent, zone))),
      dirty: [],
      pending: new Uint8Array(n),
      stale: true,
    };
    rankings.set(rule, entry);
    members.forEach((agent, position) => {
      if (agent === undefined) return;
      agent.memberships.push({ ranking: entry, position });
    });
  }
  function queue(agent: LiveAgent, availability: AgentAvailability, nowMs: number): void {
    // Already queued for a later instant: unavailable until then (a changed profile clears the entry, see `forget`).
    const queued = queuedAt.get(agent);
    if (queued !== undefined && queued > nowMs) return;
    // Nothing within the horizon: look again when the horizon has passed.
    const next = availability.nextAvailable(nowMs, RETRY_HORIZON_MS) ?? nowMs + RETRY_HORIZON_MS;
    queuedAt.set(agent, next);
    changes.push(next, agent);
  }
  function keyOf(entry: RuleRanking, rule: CompiledRule, position: number): number | null {
    const agent = entry.members[position];
    if (agent === undefined || standingExclusionOf(rule, agent) !== 0) return null;
    const availability = entry.availability[position]!;
    if (availability !== null) {
      const nowMs = now();
      const state = availability.stateAt(nowMs);
      // Grouped by shift, an agent off shift stays ranked: its group is skipped while the shift is off.
      if (state === ON_LEAVE || (state === OFF_SHIFT && !entry.grouped)) {
        queue(agent, availability, nowMs);
        return null;
      }
    }
    return orderKey(rule, rule.weights[position]!, agent);
  }
  function sync(entry: RuleRanking, rule: CompiledRule): void {
    const { groups, groupOf, dirty, pending } = entry;
    // Many changed keys (a roll-over resets everyone): one O(n) rebuild beats a sift each.
    if (dirty.length * 8 > pending.length) entry.stale = true;
    if (entry.stale) {
      for (let g = 0; g < groups.length; g++) {
        groups[g]!.ranking.rebuild((position) => (groupOf[position] === g ? keyOf(entry, rule, position) : null));
      }
      entry.stale = false;
    } else {
      for (const position of dirty) {
        const key = keyOf(entry, rule, position);
        const ranking = groups[groupOf[position]!]!.ranking;
        if (key === null) ranking.remove(position);
        else ranking.set(position, key);
      }
    }
    for (const position of dirty) pending[position] = 0;
    dirty.length = 0;
  }
  function refresh(agent: LiveAgent): void {
    for (const { ranking: entry, position } of agent.memberships) {
      if (entry.stale || entry.pending[position] === 1) continue;
      entry.pending[position] = 1;
      entry.dirty.push(position);
    }
  }
  return {
    rankings: {
      first(rule: CompiledRule, accept: (position: number) => boolean): number | undefined {
        const entry = rankings.get(rule);
        if (entry === undefined) return undefined;
        sync(entry, rule);
        const nowMs = now();
        let best = -1;
        let bestKey = Number.POSITIVE_INFINITY;
        for (const { shift, ranking } of entry.groups) {
          if (entry.grouped && shift !== null && shift.stateAt(nowMs) !== AVAILABLE) continue;
          const position = ranking.first(accept);
          if (position < 0) continue;
          const key = ranking.keyAt(position);
          if (best < 0 || key < bestKey || (key === bestKey && position < best)) {
            best = position;
            bestKey = key;
          }
        }
        return best;
      },
      unavailable(rule: CompiledRule, position: number): void {
        const entry = rankings.get(rule)!;
        if (entry.stale || entry.pending[position] === 1) return;
        entry.pending[position] = 1;
        entry.dirty.push(position);
      },
    },
    refresh,
    /** The agent's shift or leave changed: its queued instant and its shift group no longer hold. */
    forget(agent: LiveAgent): void {
      queuedAt.delete(agent);
      const availability = availabilityOf(agent, zone);
      const shift = shiftOf(agent);
      for (const { ranking: entry, position } of agent.memberships) {
        entry.availability[position] = availability;
        if (!entry.grouped) continue;
        let g = entry.groups.findIndex((group) => group.shift === shift);
        if (g < 0) g = entry.groups.push({ shift, ranking: new CountRanking(entry.members.length) }) - 1;
        if (g !== entry.groupOf[position]) {
          entry.groups[entry.groupOf[position]!]!.ranking.remove(position);
          entry.groupOf[position] = g;
        }
      }
      refresh(agent);
    },
    rewind(): void {
      queuedAt.clear();
      for (const entry of rankings.values()) {
        entry.stale = true;
        entry.pending.fill(0);
        entry.dirty.length = 0;
      }
    },
    wake(nowMs: number): void {
      changes.popDue(nowMs, (agent) => {
        if (queuedAt.get(agent)! <= nowMs) queuedAt.delete(agent);
        refresh(agent);
      });
    },
  };
}
