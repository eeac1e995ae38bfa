/**
 * Where each rule's participants sit in the caller's `agents` array.
 *
 * Building an id → snapshot map on every decision would cost more than the
 * decision itself, so positions are computed once per agents array and per
 * rule, and verified on every read: a snapshot is used only when its id is the
 * participant's id, and an absent participant is believed absent only after the
 * whole array has been checked against the indexed ids once in that decision.
 * Replacing, adding or removing snapshots in the array therefore stays correct;
 * only the first decision after such a change pays for re-indexing.
 */
import { AssignmentError } from '../errors.js';
import type { CompiledRule } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../types.js';

interface Index {
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, number>;
  readonly positions: WeakMap<CompiledRule, Int32Array>;
}

const indexes = new WeakMap<readonly AgentSnapshot[], Index>();

function buildIndex(agents: readonly AgentSnapshot[]): Index {
  if (!Array.isArray(agents)) throw new AssignmentError('invalid_input', 'agents must be an array of agent snapshots');
  const ids: string[] = new Array(agents.length);
  const byId = new Map<string, number>();
  for (let i = 0; i < agents.length; i++) {
    const agent: unknown = agents[i];
    if (typeof agent !== 'object' || agent === null) {
      throw new AssignmentError('invalid_input', `agents[${i}] must be an object with a string id`);
    }
    const id: unknown = (agent as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '') {
      throw new AssignmentError('invalid_input', `agents[${i}].id must be a non-empty string`);
    }
    ids[i] = id;
    // The first snapshot of an id wins; later duplicates are ignored.
    if (!byId.has(id)) byId.set(id, i);
  }
  const index: Index = { ids, byId, positions: new WeakMap() };
  indexes.set(agents, index);
  return index;
}

function sameIds(index: Index, agents: readonly AgentSnapshot[]): boolean {
  const ids = index.ids;
  if (ids.length !== agents.length) return false;
  for (let i = 0; i < ids.length; i++) {
    const agent = agents[i];
    if (agent == null || agent.id !== ids[i]) return false;
  }
  return true;
}

/**
 * Resolves participants of rules to snapshots of one `agents` array, for the
 * duration of one decision.
 */
export class AgentTable {
  private index: Index;
  private verified = false;

  /**
   * @param agents - the caller's snapshots
   * @throws AssignmentError `invalid_input` naming the first malformed entry
   */
  constructor(readonly agents: readonly AgentSnapshot[]) {
    const cached = indexes.get(agents);
    this.index = cached !== undefined && cached.ids.length === agents.length ? cached : buildIndex(agents);
  }

  /** Positions of the rule's participants in `agents` (-1 when absent). */
  positions(rule: CompiledRule): Int32Array {
    let positions = this.index.positions.get(rule);
    if (positions === undefined) {
      positions = new Int32Array(rule.agentIds.length);
      const byId = this.index.byId;
      for (let i = 0; i < positions.length; i++) positions[i] = byId.get(rule.agentIds[i]!) ?? -1;
      this.index.positions.set(rule, positions);
    }
    return positions;
  }

  /**
   * The snapshot of participant `i` of `rule`, or undefined when the agent is
   * not in `agents`.
   */
  agentAt(rule: CompiledRule, positions: Int32Array, i: number): AgentSnapshot | undefined {
    const position = positions[i]!;
    if (position >= 0) {
      const agent = this.agents[position];
      if (agent != null && agent.id === rule.agentIds[i]) return agent;
    } else if (this.verified && positions === this.index.positions.get(rule)) {
      return undefined;
    }
    return this.reindexedAgentAt(rule, i);
  }

  private reindexedAgentAt(rule: CompiledRule, i: number): AgentSnapshot | undefined {
    if (!this.verified) {
      if (!sameIds(this.index, this.agents)) this.index = buildIndex(this.agents);
      this.verified = true;
    }
    const position = this.positions(rule)[i]!;
    return position >= 0 ? this.agents[position] : undefined;
  }
}
