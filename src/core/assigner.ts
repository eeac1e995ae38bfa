import { assignCustomer } from './assign.js';
import { decide, decisionInput, earlyReason } from './decide.js';
import { AssignmentError } from './errors.js';
import type { CompiledRuleSet } from './ruleset/compiledTypes.js';
import { resolveRuleSet } from './ruleset/compileRuleSet.js';
import { PERIODS, type Period, type RuleSet } from './ruleset/types.js';
import { periodBounds } from './time/periodBounds.js';
import { toEpochMs } from './time/toEpochMs.js';
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

function liveAgent(agent: AgentSnapshot, index: number): LiveAgent {
  if (typeof agent !== 'object' || agent === null || typeof agent.id !== 'string' || agent.id === '') {
    throw new AssignmentError('invalid_input', `agents[${index}] must be an object with a non-empty string id`);
  }
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
  const compiled = resolveRuleSet(ruleSet);
  if (typeof options !== 'object' || options === null || !Array.isArray(options.agents)) {
    throw new AssignmentError('invalid_input', 'createAssigner needs { agents: AgentSnapshot[] }');
  }
  const agents: LiveAgent[] = options.agents.map(liveAgent);
  const byId = new Map<string, LiveAgent>();
  for (const agent of agents) if (!byId.has(agent.id)) byId.set(agent.id, agent);
  let ruleState: Record<string, RuleState> = { ...(options.ruleState ?? {}) };
  const confirmation = compiled.settings.auto.agentConfirmation;
  // Current period bounds; NaN until the first decision fixes them.
  const periodStart: Record<Period, number> = { day: Number.NaN, week: Number.NaN, month: Number.NaN, quarter: Number.NaN, year: Number.NaN };
  const periodEnd: Record<Period, number> = { ...periodStart };

  function rollOver(nowMs: number): void {
    for (const period of PERIODS) {
      if (nowMs >= periodStart[period] && nowMs < periodEnd[period]) continue;
      const first = Number.isNaN(periodStart[period]);
      const bounds = periodBounds(period, nowMs, compiled.timeZone, compiled.weekStartsOn);
      periodStart[period] = bounds.start;
      periodEnd[period] = bounds.end;
      if (first) continue;
      for (const agent of agents) {
        agent.assigned[period] = 0;
        agent.serving[period] = 0;
      }
    }
  }

  function preview(subject: SubjectInput, now: Instant, opts: AssignOptions = {}): AssignmentResult {
    rollOver(toEpochMs(now, 'now'));
    return assignCustomer({ ruleSet: compiled, subject, agents, ruleState, now, ...opts });
  }

  function assign(subject: SubjectInput, now: Instant, opts: AssignOptions = {}): AssignerDecision {
    const nowMs = toEpochMs(now, 'now');
    rollOver(nowMs);
    const early = earlyReason(compiled, subject, opts.reassign === true);
    if (early !== null) return { outcome: 'unassigned', agentId: null, ruleId: null, reason: early, retryAt: null };
    const decision = decide(decisionInput(compiled, subject, subject.kind ?? 'customer', agents, ruleState, nowMs, opts), null);
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
    for (const period of PERIODS) agent.assigned[period] += 1;
    if (!confirmation) {
      agent.serving.total += 1;
      for (const period of PERIODS) agent.serving[period] += 1;
      const replaced = opts.reassign === true && typeof subject.agentId === 'string' ? byId.get(subject.agentId) : undefined;
      if (replaced !== undefined) replaced.serving.total = Math.max(0, replaced.serving.total - 1);
    }
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
    updateAgent(agentId, patch) {
      const agent = byId.get(agentId);
      if (agent === undefined) throw new AssignmentError('not_found', `Unknown agent "${agentId}"`);
      const updated = liveAgent({ ...copyAgent(agent), ...patch, id: agentId }, agents.indexOf(agent));
      Object.assign(agent, updated);
    },
  };
}
