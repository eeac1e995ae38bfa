/**
 * Where each rule's participants sit in the caller's `agents` array.
 *
 * Building an id → snapshot map on every decision would cost more than the
 * decision itself, so positions are computed once per agents array and per
 * rule, and verified on every read: a snapshot is used only when it is the
 * very object seen at that position before, or when its id is the
 * participant's id; an absent participant is believed absent only after the
 * whole array has been checked against the indexed ids once in that decision.
 * Replacing, adding or removing snapshots in the array therefore stays
 * correct; only the first decision after such a change pays for re-indexing.
 * (A snapshot object's own `id` is its identity and must not be changed in
 * place.)
 */
import { AssignmentError } from '../errors.js';
import type { CompiledRule } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../types.js';

/** A rule's participants in one agents array. */
export interface ParticipantSlots {
  /** Position of each participant in `agents`, -1 when absent. */
  readonly positions: Int32Array;
  /** The snapshot object last verified at each participant's position. */
  readonly seen: (AgentSnapshot | undefined)[];
}

interface Index {
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, number>;
  readonly slots: WeakMap<CompiledRule, ParticipantSlots>;
}

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
  return { ids, byId, slots: new WeakMap() };
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

const tables = new WeakMap<readonly AgentSnapshot[], AgentTable>();
// Holding the last table keeps one agents array alive until another replaces it; that is all.
let lastTable: AgentTable | null = null;

/**
 * Resolves participants of rules to snapshots of one `agents` array. One
 * table per array is kept and reused; `begin()` starts a decision.
  *
 * @example
 * ```ts
 * const table = AgentTable.for(agents);
 * const slots = table.slots(rule);
 * table.agentAt(rule, slots, 0); // the snapshot of the rule's first participant, or undefined
 * ```
 */
export class AgentTable {
  private index: Index;
  private verified = false;
  // The rule asked about last, and its slots: one decision usually picks in one rule.
  private lastRule: CompiledRule | null = null;
  private lastSlots: ParticipantSlots | null = null;

  private constructor(readonly agents: readonly AgentSnapshot[]) {
    this.index = buildIndex(agents);
  }

  /**
   * The table of an agents array, ready for a new decision.
   *
   * @param agents - the caller's snapshots
   * @returns the table
   * @throws AssignmentError `invalid_input` naming the first malformed entry
   * @example
   * ```ts
   * const table = AgentTable.for(agents);
   * ```
   */
  static for(agents: readonly AgentSnapshot[]): AgentTable {
    // Decisions in a row use the same agents array: skip the WeakMap probe for it.
    let table = lastTable !== null && lastTable.agents === agents ? lastTable : tables.get(agents);
    if (table === undefined) {
      table = new AgentTable(agents);
      tables.set(agents, table);
    } else if (table.index.ids.length !== agents.length) {
      table.reindex();
    }
    table.verified = false;
    lastTable = table;
    return table;
  }

  /** The rule's participants in `agents`. */
  slots(rule: CompiledRule): ParticipantSlots {
    if (rule === this.lastRule && this.lastSlots !== null) return this.lastSlots;
    let slots = this.index.slots.get(rule);
    if (slots === undefined) {
      const positions = new Int32Array(rule.agentIds.length);
      const byId = this.index.byId;
      for (let i = 0; i < positions.length; i++) positions[i] = byId.get(rule.agentIds[i]!) ?? -1;
      slots = { positions, seen: new Array(positions.length).fill(undefined) };
      this.index.slots.set(rule, slots);
    }
    this.lastRule = rule;
    this.lastSlots = slots;
    return slots;
  }

  /**
   * The snapshot of participant `i` of `rule`, or undefined when the agent is
   * not in `agents`.
   */
  agentAt(rule: CompiledRule, slots: ParticipantSlots, i: number): AgentSnapshot | undefined {
    const position = slots.positions[i]!;
    if (position >= 0) {
      const agent = this.agents[position];
      if (agent === slots.seen[i]) return agent;
      if (agent != null && agent.id === rule.agentIds[i]) {
        slots.seen[i] = agent;
        return agent;
      }
    } else if (this.verified && slots === this.index.slots.get(rule)) {
      return undefined;
    }
    return this.reindexedAgentAt(rule, i);
  }

  private reindex(): void {
    this.index = buildIndex(this.agents);
    this.lastRule = null;
    this.lastSlots = null;
  }

  private reindexedAgentAt(rule: CompiledRule, i: number): AgentSnapshot | undefined {
    if (!this.verified) {
      if (!sameIds(this.index, this.agents)) this.reindex();
      this.verified = true;
    }
    const slots = this.slots(rule);
    const position = slots.positions[i]!;
    if (position < 0) return undefined;
    const agent = this.agents[position]!;
    slots.seen[i] = agent;
    return agent;
  }
}
