import { StoreError } from '../../core/errors.js';
import { PERIODS } from '../../core/ruleset/types.js';
import type { ChangeSet, CounterChange } from '../../ports.js';

/** The values of `commit_changes`: the change set, and the idempotency keys with their results, as JSON text. */
export type CommitValues = [changes: string, idempotentResults: string];

/** One change of an agent's summary row (`add_counts`): per slot (assigned day … year, serving day … year) at most one bucket. */
interface AgentCountsDelta {
  agent_id: string;
  starts: (string | null)[];
  deltas: number[];
  serving_total: number;
  /** The latest instant of the agent's automatic assignments in the change set (on its first item only), or null. */
  last_assigned_at: string | null;
}

/**
 * The parameters of `commit_changes` for a change set: the change set as
 * JSON (instants as ISO-8601 strings), and the idempotency keys with their
 * results as JSON text (kept verbatim). Counter changes become changes of
 * each agent's summary row (`add_counts`): per slot (counter and period kind)
 * the bucket and the sum of the deltas to it, an agent with two buckets in
 * one slot getting two items, older first; items in agent order, so
 * concurrent commits lock rows in one order; an agent's first item also
 * carries the latest `at` of its `assigned` changes (its new
 * `lastAssignedAt`). The last state of a rule wins.
 *
 * @internal
 * @param changes - what the transaction writes
 * @returns `[changes, idempotentResults]`
 * @throws StoreError when a counter change lacks a bucket, its instant or an integer delta
 * @example
 * ```ts
 * await session.query(sql.commit, commitArguments(changes));
 * ```
 */
export function commitArguments(changes: ChangeSet): CommitValues {
  return [JSON.stringify(commitPayload(changes, true)), idempotentResultsJson(changes)];
}

/** The values of `commit_bulk`: those of `commit_changes` without the kept decisions, which follow apart (record ids, revisions, and the traces as one JSON array). */
export type BulkCommitValues = [changes: string, idempotentResults: string, records: string[], revisions: string[], traces: string];

/**
 * The parameters of `commit_bulk`: as `commitArguments`, but the kept
 * decisions go apart — record ids and revisions as two arrays, the traces
 * (JSON text already) as the elements of one JSON array, each sent once as
 * it is instead of escaped as a string inside the change set's JSON.
 *
 * @internal
 * @param changes - what the transaction writes
 * @returns `[changes, idempotentResults, recordIds, revisions, traces]`
 * @throws StoreError as `commitArguments`
 * @example
 * ```ts
 * await session.query(sql.commitBulk, bulkCommitArguments(changes));
 * ```
 */
export function bulkCommitArguments(changes: ChangeSet): BulkCommitValues {
  const decisions = changes.decisions ?? [];
  return [
    JSON.stringify(commitPayload(changes, false)),
    idempotentResultsJson(changes),
    decisions.map(({ recordId }) => recordId),
    decisions.map(({ revision }) => revision),
    // Each trace is JSON text already: joined as the elements of one JSON array, nothing is escaped or copied twice.
    `[${decisions.map(({ trace }) => trace ?? 'null').join(',')}]`,
  ];
}

function commitPayload(changes: ChangeSet, withDecisions: boolean) {
  const ruleState = new Map(changes.ruleState.map((entry) => [entry.ruleId, entry]));
  const payload = {
    records: changes.records,
    subjects: changes.subjects,
    ruleState: [...ruleState.values()],
    agentCounts: agentCountsDeltas(changes.counters),
    outbox: changes.outbox,
    waiting: (changes.waiting ?? []).flatMap(({ subject, update }) =>
      update.type === 'stay' ? [] : [{ ...update, kind: subject.kind, id: subject.id }],
    ),
    decisions: withDecisions ? (changes.decisions ?? []) : [],
  };
  return payload;
}

function idempotentResultsJson(changes: ChangeSet): string {
  const idempotent = changes.idempotency.map(({ key, result }) => `{"key":${JSON.stringify(key)},"result":${JSON.stringify(result) ?? 'null'}}`);
  return `[${idempotent.join(',')}]`;
}

function agentCountsDeltas(changes: readonly CounterChange[]): AgentCountsDelta[] {
  // Per agent: per slot, the delta of each bucket (by ISO-8601 start), and the serving total's.
  const byAgent = new Map<string, { slots: Map<string, number>[]; servingTotal: number; lastAssignedMs: number | null }>();
  const isInstant = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
  for (const change of changes) {
    const valid = Number.isSafeInteger(change.delta) && isInstant(change.at) && PERIODS.every((period) => isInstant(change.buckets?.[period]));
    if (!valid) {
      throw new StoreError(
        `Counter change for agent "${change.agentId}" needs an integer delta, a bucket for every period and its instant (at)`,
      );
    }
    let agent = byAgent.get(change.agentId);
    if (agent === undefined) {
      agent = { slots: Array.from({ length: 2 * PERIODS.length }, () => new Map<string, number>()), servingTotal: 0, lastAssignedMs: null };
      byAgent.set(change.agentId, agent);
    }
    if (change.counter === 'assigned' && change.delta > 0) agent.lastAssignedMs = Math.max(agent.lastAssignedMs ?? change.at.getTime(), change.at.getTime());
    const first = change.counter === 'assigned' ? 0 : PERIODS.length;
    PERIODS.forEach((period, index) => {
      const slot = agent.slots[first + index]!;
      const start = change.buckets[period].toISOString();
      slot.set(start, (slot.get(start) ?? 0) + change.delta);
    });
    if (change.counter === 'serving') agent.servingTotal += change.delta;
  }
  const items: (AgentCountsDelta & { layer: number })[] = [];
  for (const [agentId, { slots, servingTotal, lastAssignedMs }] of byAgent) {
    // ISO-8601 instants of one format sort chronologically as strings: older buckets in earlier layers.
    const buckets = slots.map((slot) => [...slot].sort(([a], [b]) => (a < b ? -1 : 1)));
    const layers = Math.max(...buckets.map((slot) => slot.length));
    for (let layer = 0; layer < layers; layer++) {
      items.push({
        agent_id: agentId,
        layer,
        starts: buckets.map((slot) => slot[layer]?.[0] ?? null),
        deltas: buckets.map((slot) => slot[layer]?.[1] ?? 0),
        serving_total: layer === 0 ? servingTotal : 0,
        last_assigned_at: layer === 0 && lastAssignedMs !== null ? new Date(lastAssignedMs).toISOString() : null,
      });
    }
  }
  items.sort((a, b) => a.layer - b.layer || (a.agent_id < b.agent_id ? -1 : a.agent_id > b.agent_id ? 1 : 0));
  return items.map(({ layer: _layer, ...item }) => item);
}
