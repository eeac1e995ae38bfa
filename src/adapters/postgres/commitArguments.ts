import { StoreError } from '../../core/errors.js';
import { PERIODS } from '../../core/ruleset/types.js';
import type { ChangeSet, CounterChange } from '../../ports.js';

/** The values of `commit_changes`: the change set, the idempotency key and the result, as JSON text. */
export type CommitValues = [changes: string, idempotencyKey: string | null, idempotencyResult: string | null];

/** One counter row's change, as `commit_changes` adds it. */
interface CounterDelta {
  agentId: string;
  counter: CounterChange['counter'];
  period: string;
  /** ISO-8601, or `-infinity` for the total. */
  bucketStart: string;
  delta: number;
}

/** One change of an agent's summary row: per slot (assigned day … year, serving day … year) at most one bucket. */
interface AgentCountsDelta {
  agentId: string;
  starts: (string | null)[];
  deltas: number[];
  servingTotal: number;
}

const SLOTS = (['assigned', 'serving'] as const).flatMap((counter) => PERIODS.map((period) => ({ counter, period })));

/**
 * The parameters of `commit_changes` for a change set: the change set as
 * JSON (instants as ISO-8601 strings), the idempotency key and its result as
 * JSON text (kept verbatim). Counter changes become one delta per counter row
 * — per period kind and bucket, plus the total for `serving` — with deltas to
 * the same row summed (one `INSERT … ON CONFLICT` cannot touch a row twice)
 * and rows in key order (so concurrent commits lock them in one order); and
 * the same changes per agent summary row, an agent with two buckets of one
 * period getting two items, older first. The last state of a rule wins.
 *
 * @internal
 * @param changes - what the transaction writes
 * @returns `[changes, idempotencyKey, idempotencyResult]`
 * @throws StoreError when a counter change lacks a bucket or an integer delta
 * @example
 * ```ts
 * await session.query(sql.commit, commitArguments(changes));
 * ```
 */
export function commitArguments(changes: ChangeSet): CommitValues {
  const ruleState = new Map(changes.ruleState.map((entry) => [entry.ruleId, entry]));
  const counters = counterDeltas(changes.counters);
  const payload = {
    records: changes.records,
    subjects: changes.subjects,
    ruleState: [...ruleState.values()],
    counters,
    agentCounts: agentCountsDeltas(counters),
    outbox: changes.outbox,
  };
  const idempotency = changes.idempotency;
  return [
    JSON.stringify(payload),
    idempotency === undefined ? null : idempotency.key,
    idempotency === undefined ? null : (JSON.stringify(idempotency.result) ?? 'null'),
  ];
}

function counterDeltas(changes: readonly CounterChange[]): CounterDelta[] {
  const rows = new Map<string, CounterDelta>();
  const add = (agentId: string, counter: CounterDelta['counter'], period: string, bucketStart: string, delta: number): void => {
    const key = JSON.stringify([period, bucketStart, agentId, counter]);
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { agentId, counter, period, bucketStart, delta });
    else row.delta += delta;
  };
  for (const change of changes) {
    const valid =
      Number.isSafeInteger(change.delta) &&
      PERIODS.every((period) => change.buckets?.[period] instanceof Date && !Number.isNaN(change.buckets[period].getTime()));
    if (!valid) {
      throw new StoreError(`Counter change for agent "${change.agentId}" needs an integer delta and a bucket for every period`);
    }
    for (const period of PERIODS) add(change.agentId, change.counter, period, change.buckets[period].toISOString(), change.delta);
    if (change.counter === 'serving') add(change.agentId, 'serving', 'total', '-infinity', change.delta);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

function agentCountsDeltas(counters: readonly CounterDelta[]): AgentCountsDelta[] {
  const byAgent = new Map<string, { slots: CounterDelta[][]; servingTotal: number }>();
  for (const row of counters) {
    let agent = byAgent.get(row.agentId);
    if (agent === undefined) {
      agent = { slots: SLOTS.map(() => []), servingTotal: 0 };
      byAgent.set(row.agentId, agent);
    }
    if (row.period === 'total') agent.servingTotal += row.delta;
    else agent.slots[SLOTS.findIndex((slot) => slot.counter === row.counter && slot.period === row.period)]!.push(row);
  }
  const items: (AgentCountsDelta & { layer: number })[] = [];
  for (const [agentId, { slots, servingTotal }] of byAgent) {
    // ISO-8601 instants of one format sort chronologically as strings.
    for (const slot of slots) slot.sort((a, b) => (a.bucketStart < b.bucketStart ? -1 : 1));
    const layers = Math.max(1, ...slots.map((slot) => slot.length));
    for (let layer = 0; layer < layers; layer++) {
      items.push({
        agentId,
        layer,
        starts: slots.map((slot) => slot[layer]?.bucketStart ?? null),
        deltas: slots.map((slot) => slot[layer]?.delta ?? 0),
        servingTotal: layer === 0 ? servingTotal : 0,
      });
    }
  }
  items.sort((a, b) => a.layer - b.layer || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  return items.map(({ layer: _layer, ...item }) => item);
}
