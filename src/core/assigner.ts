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
import { countOf, orderKey, standingExclusionOf } from './pick/pickCandidate.js';
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
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function liveAgent(agent: AgentSnapshot): LiveAgent {
  const serving = agent.serving;
  const servingCounts = typeof serving === 'number' ? { total: serving } : (serving ?? {});
  const assigned = agent.assigned ?? {};
  return {
    ...agent,
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
  };
}

function copyAgent(agent: LiveAgent): AgentSnapshot {
  return { ...agent, assigned: { ...agent.assigned }, serving: { ...agent.serving } };
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
  if (given.ruleState !== undefined && !isPlainObject(given.ruleState)) {
    throw new InputError('options.ruleState', 'an object of rule states by rule id', describeValue(given.ruleState));
  }
  const compiled = resolveRuleSet(ruleSet);
  const byId = new Map<string, LiveAgent>();
  for (const agent of agents) if (!byId.has(agent.id)) byId.set(agent.id, agent);
  let ruleState: Record<string, RuleState> = { ...(options.ruleState ?? {}) };
  const { rankings, refresh } = rankParticipants(compiled, byId);
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

  function preview(subjectGiven: SubjectInput, now: Instant, optionsGiven?: AssignOptions): AssignmentResult {
    const subject = readSubject(subjectGiven, 'subject');
    const nowMs = readInstant(now, 'now');
    const opts = readDecisionOptions(optionsGiven, 'options');
    rollOver(nowMs);
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
    const subject = readSubject(subjectGiven, 'subject');
    const nowMs = readInstant(now, 'now');
    const opts = readDecisionOptions(optionsGiven, 'options');
    rollOver(nowMs);
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
      const updated = liveAgent(readAgentProfile({ ...copyAgent(agent), ...patch, id: agentId }, 'patch', true));
      Object.assign(agent, updated);
      noteCounts(agent);
      refresh(agent);
    },
  };
}

/** A count-ordered rule's ranking, and which of its participants an agent is. */
interface Membership {
  readonly ranking: RuleRanking;
  readonly position: number;
}

/** A count-ordered rule's ranking, with the participants whose keys changed since a decision last consulted it. */
interface RuleRanking {
  readonly ranking: CountRanking;
  /** Participants to re-key before the next consultation (`pending` flags them, so each is listed once). */
  readonly dirty: number[];
  readonly pending: Uint8Array;
  /** Not built yet: the first consultation builds it in O(n). */
  stale: boolean;
}

/**
 * For every count-ordered rule, a ranking of the participants that are not
 * excluded by standing reasons (disabled, presence, capacity), keyed as the
 * scan keys them. `refresh(agent)` only notes that the agent's keys changed;
 * a ranking re-keys its noted participants when a decision consults it, and
 * is built in O(n) the first time. So an agent who takes part in many rules
 * costs nothing in the rules nobody reaches.
 */
function rankParticipants(compiled: CompiledRuleSet, byId: ReadonlyMap<string, LiveAgent>) {
  const rankings = new Map<CompiledRule, RuleRanking>();
  const memberships = new Map<LiveAgent, Membership[]>();
  const rules = compiled.defaultRule === null ? compiled.rules : [...compiled.rules, compiled.defaultRule];
  for (const rule of rules) {
    if (rule.order.by === 'roundRobin') continue;
    const entry: RuleRanking = {
      ranking: new CountRanking(rule.agentIds.length),
      dirty: [],
      pending: new Uint8Array(rule.agentIds.length),
      stale: true,
    };
    rankings.set(rule, entry);
    rule.agentIds.forEach((id, position) => {
      const agent = byId.get(id);
      if (agent === undefined) return;
      const list = memberships.get(agent);
      if (list === undefined) memberships.set(agent, [{ ranking: entry, position }]);
      else list.push({ ranking: entry, position });
    });
  }
  function keyOf(rule: CompiledRule, position: number): number | null {
    const agent = byId.get(rule.agentIds[position]!);
    if (agent === undefined || standingExclusionOf(rule, agent) !== 0) return null;
    return orderKey(rule, position, countOf(rule, agent));
  }
  return {
    rankings: {
      get(rule: CompiledRule): CountRanking | undefined {
        const entry = rankings.get(rule);
        if (entry === undefined) return undefined;
        const { ranking, dirty, pending } = entry;
        // Many changed keys (a roll-over resets everyone): one O(n) rebuild beats a sift each.
        if (dirty.length * 8 > pending.length) entry.stale = true;
        if (entry.stale) {
          ranking.rebuild((position) => keyOf(rule, position));
          entry.stale = false;
        } else {
          for (const position of dirty) {
            const key = keyOf(rule, position);
            if (key === null) ranking.remove(position);
            else ranking.set(position, key);
          }
        }
        for (const position of dirty) pending[position] = 0;
        dirty.length = 0;
        return ranking;
      },
    },
    refresh(agent: LiveAgent): void {
      for (const { ranking: entry, position } of memberships.get(agent) ?? []) {
        if (entry.stale || entry.pending[position] === 1) continue;
        entry.pending[position] = 1;
        entry.dirty.push(position);
      }
    },
  };
}
