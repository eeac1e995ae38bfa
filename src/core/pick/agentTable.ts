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
import { verifyAgentSnapshot } from '../availability/verifyAgentSnapshot.js';
import type { AgentSnapshot } from '../types.js';

/** A rule's participants in one agents array. */
export interface ParticipantSlots {
  /** Position of each participant in `agents`, -1 when absent. */
  readonly positions: Int32Array;
  /** The snapshot object last verified at each participant's position. */
  readonly seen: (AgentSnapshot | undefined)[];
  /**
   * The same snapshot when it has no shift, leave or cap of its own, else
   * undefined: the hot loop's one identity check then also says that those
   * checks can be skipped.
   */
  readonly plainSeen: (AgentSnapshot | undefined)[];
  /** Participant ids: those listed by id, then the agents the rule's selectors bring, in id order. */
  readonly ids: readonly string[];
  /** Participant id → its index in `ids`. */
  readonly positionOf: ReadonlyMap<string, number>;
  /** Effective weight of each participant. */
  readonly weights: readonly number[];
  /** Per participant, the index in the rule's `agents` of the selector that brought it (-1: listed by id); null without selectors. */
  readonly via: Int32Array | null;
  /** Selector rules: the array's snapshots when the selectors were matched, to notice replaced profiles. */
  readonly matchedFrom: readonly AgentSnapshot[] | null;
  /** Selector rules: the decision that last confirmed the matches. */
  checkedIn: number;
}

const NO_FIELDS: readonly unknown[] = Object.freeze([]);

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
  // Counts decisions, so a selector rule confirms its matches once per decision.
  private decision = 0;
  // The rule asked about last, and its slots: one decision usually picks in one rule.
  private lastRule: CompiledRule | null = null;
  private lastSlots: ParticipantSlots | null = null;

  // The table `carry` made this one from: its rules' slots are reused until this table has its own.
  private readonly parent: AgentTable | null;

  private constructor(
    readonly agents: readonly AgentSnapshot[],
    parent: AgentTable | null = null,
  ) {
    this.parent = parent;
    this.index = parent === null ? buildIndex(agents) : { ids: parent.index.ids, byId: parent.index.byId, slots: new WeakMap() };
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
    table.decision++;
    lastTable = table;
    return table;
  }

  /**
   * Drops the table of an agents array whose snapshots changed in place
   * (`createAssigner.updateAgent`), so selectors match their profiles again.
   *
   * @param agents - the array
   * @example
   * ```ts
   * AgentTable.forget(agents);
   * ```
   */
  static forget(agents: readonly AgentSnapshot[]): void {
    tables.delete(agents);
    if (lastTable !== null && lastTable.agents === agents) lastTable = null;
  }

  /**
   * Gives `next` the table of `previous` without re-indexing or matching
   * selectors again: for a copy of an array whose entries keep their ids and
   * positions and whose copied snapshots differ only in counts and
   * `lastAssignedAt` (which no selector reads) — as the service's held lock
   * makes after each decision of a transaction, so a group of decisions
   * matches selectors once, not once per decision. Without a table for
   * `previous`, nothing happens.
   *
   * @param previous - the array decided on last
   * @param next - its copy with new counts
   * @example
   * ```ts
   * const next = agents.map((agent) => (agent.id === 'a' ? { ...agent, assigned: { day: 1 } } : agent));
   * AgentTable.carry(agents, next);
   * ```
   */
  static carry(previous: readonly AgentSnapshot[], next: readonly AgentSnapshot[]): void {
    const from = lastTable !== null && lastTable.agents === previous ? lastTable : tables.get(previous);
    if (from === undefined || next.length !== previous.length || !Array.isArray(next)) return;
    tables.set(next, new AgentTable(next, from));
  }

  /** The rule's participants in `agents`. */
  slots(rule: CompiledRule): ParticipantSlots {
    const last = this.lastSlots;
    if (rule === this.lastRule && last !== null && (last.via === null || last.checkedIn === this.decision)) return last;
    let slots = this.index.slots.get(rule);
    if (rule.selectors.length > 0 && slots !== undefined && slots.checkedIn !== this.decision) {
      // Selectors match profiles: matched again when a snapshot of the array was replaced, added or removed.
      if (sameSnapshots(slots.matchedFrom!, this.agents)) slots.checkedIn = this.decision;
      else {
        if (!sameIds(this.index, this.agents)) this.reindex();
        slots = undefined;
      }
    }
    if (slots === undefined && this.parent !== null) slots = this.inheritedSlots(rule);
    if (slots === undefined) {
      slots =
        rule.selectors.length === 0
          ? listedSlots(rule.agentIds, rule.positionOf, rule.weights, null, this.index.byId)
          : this.selectedSlots(rule);
      slots.checkedIn = this.decision;
      this.index.slots.set(rule, slots);
    }
    this.lastRule = rule;
    this.lastSlots = slots;
    return slots;
  }

  /** The parent's slots of a rule, still valid for the parent's array, for this array (same ids, same profiles). */
  private inheritedSlots(rule: CompiledRule): ParticipantSlots | undefined {
    const parent = this.parent!;
    const inherited = parent.index.slots.get(rule);
    if (inherited === undefined || parent.index.ids !== this.index.ids) return undefined;
    // Pointer comparisons only: the parent's matches hold while its array still holds the snapshots matched.
    if (inherited.via !== null && !sameSnapshots(inherited.matchedFrom!, parent.agents)) return undefined;
    // `seen` is shared: it only short-cuts the check of a snapshot object already verified.
    const slots: ParticipantSlots = { ...inherited, matchedFrom: inherited.via === null ? null : [...this.agents], checkedIn: this.decision };
    this.index.slots.set(rule, slots);
    return slots;
  }

  private selectedSlots(rule: CompiledRule): ParticipantSlots {
    const ids = [...rule.agentIds];
    const weights = [...rule.weights];
    const via: number[] = ids.map(() => -1);
    const selected: { id: string; weight: number; via: number }[] = [];
    for (const [id, position] of this.index.byId) {
      if (rule.positionOf.has(id)) continue;
      const agent = this.agents[position]!;
      for (const selector of rule.selectors) {
        if (selector.test(NO_FIELDS, agent, 0)) {
          selected.push({ id, weight: selector.weight, via: selector.index });
          break;
        }
      }
    }
    selected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const participant of selected) {
      ids.push(participant.id);
      weights.push(participant.weight);
      via.push(participant.via);
    }
    const positionOf = new Map(ids.map((id, i) => [id, i]));
    return { ...listedSlots(ids, positionOf, weights, Int32Array.from(via), this.index.byId), matchedFrom: [...this.agents] };
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
      if (agent != null && agent.id === slots.ids[i]) {
        verifyAgentSnapshot(agent, position);
        slots.seen[i] = agent;
        slots.plainSeen[i] = isPlain(agent) ? agent : undefined;
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
    verifyAgentSnapshot(agent, position);
    slots.seen[i] = agent;
    slots.plainSeen[i] = isPlain(agent) ? agent : undefined;
    return agent;
  }
}

function isPlain(agent: AgentSnapshot): boolean {
  return agent.schedule === undefined && agent.leave === undefined && agent.maxAssigned === undefined;
}

function listedSlots(
  ids: readonly string[],
  positionOf: ReadonlyMap<string, number>,
  weights: readonly number[],
  via: Int32Array | null,
  byId: ReadonlyMap<string, number>,
): ParticipantSlots {
  const positions = new Int32Array(ids.length);
  for (let i = 0; i < positions.length; i++) positions[i] = byId.get(ids[i]!) ?? -1;
  return {
    positions,
    seen: new Array(positions.length).fill(undefined),
    plainSeen: new Array(positions.length).fill(undefined),
    ids,
    positionOf,
    weights,
    via,
    matchedFrom: null,
    checkedIn: 0,
  };
}

function sameSnapshots(matched: readonly AgentSnapshot[], agents: readonly AgentSnapshot[]): boolean {
  if (matched.length !== agents.length) return false;
  for (let i = 0; i < matched.length; i++) if (matched[i] !== agents[i]) return false;
  return true;
}
