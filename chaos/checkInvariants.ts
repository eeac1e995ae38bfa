/**
 * The chaos suite's verdict, read from the database after the faults stop:
 * each invariant with the number of rows (or calls) that break it.
 */
import type pg from 'pg';
import type { ChaosLine } from './chaosSetup.js';

/** One invariant and how many violations were found. */
export interface InvariantResult {
  name: string;
  violations: number;
  /** A few examples, for the report. */
  examples: unknown[];
}

/**
 * Checks the store's invariants in SQL, and the workers' successes against the records.
 *
 * @param db - a pool on the server (not through the proxy)
 * @param schema - the run's schema
 * @param lines - every worker's log lines, the final drain's deliveries included
 * @returns the invariants and their violations
 * @example
 * ```ts
 * const results = await checkInvariants(pool, schema, lines);
 * ```
 */
export async function checkInvariants(db: pg.Pool, schema: string, lines: readonly ChaosLine[]): Promise<InvariantResult[]> {
  const s = `"${schema}"`;
  const rows = async (name: string, sql: string, values: unknown[] = []): Promise<InvariantResult> => {
    const found = (await db.query(sql, values)).rows;
    return { name, violations: found.length, examples: found.slice(0, 3) };
  };
  const results: InvariantResult[] = [
    await rows(
      'one effective record per subject',
      `SELECT subject_kind, subject_id, count(*) FROM ${s}.records WHERE status = 'effective' GROUP BY 1, 2 HAVING count(*) > 1`,
    ),
    await rows(
      'at most one pending record per subject',
      `SELECT subject_kind, subject_id, count(*) FROM ${s}.records WHERE status IN ('pending_approval', 'pending_confirmation') GROUP BY 1, 2 HAVING count(*) > 1`,
    ),
    await rows(
      "subject's agent = its effective record's agent",
      `SELECT s.id, s.agent_id, r.agent_id AS record_agent FROM ${s}.subjects s
       LEFT JOIN ${s}.records r ON r.subject_kind = s.kind AND r.subject_id = s.id AND r.status = 'effective'
       WHERE s.agent_id IS DISTINCT FROM r.agent_id`,
    ),
    await servingCheck(db, s),
    await rows(
      'no subject both served and waiting',
      `SELECT w.subject_kind, w.subject_id, s.agent_id FROM ${s}.waiting w
       JOIN ${s}.subjects s ON s.kind = w.subject_kind AND s.id = w.subject_id WHERE s.agent_id IS NOT NULL`,
    ),
    await rows(
      'assigned counters = automatic records',
      `SELECT * FROM (SELECT a.id,
         (SELECT count(*) FROM ${s}.records WHERE type = 'auto' AND agent_id = a.id) AS records,
         coalesce(c.assigned_day, 0) + coalesce((SELECT sum(count) FROM ${s}.counters WHERE period = 'day' AND counter = 'assigned' AND agent_id = a.id), 0) AS days,
         coalesce(c.assigned_year, 0) + coalesce((SELECT sum(count) FROM ${s}.counters WHERE period = 'year' AND counter = 'assigned' AND agent_id = a.id), 0) AS years
       FROM ${s}.agents a LEFT JOIN ${s}.agent_counts c ON c.agent_id = a.id) t
       WHERE records <> days OR records <> years`,
    ),
    await rows(
      'round robin within 1',
      `SELECT max(n) - min(n) AS spread FROM (
         SELECT a.id, count(r.id) AS n FROM ${s}.agents a LEFT JOIN ${s}.records r ON r.agent_id = a.id AND r.type = 'auto' GROUP BY a.id) t
       HAVING max(n) - min(n) > 1`,
    ),
  ];
  // Every success has its record, at least at the version the call returned.
  const records = new Map(
    (await db.query<{ id: string; version: number; subject_id: string }>(`SELECT id, version, subject_id FROM ${s}.records`)).rows.map((row) => [row.id, row]),
  );
  const missing: unknown[] = [];
  for (const line of lines) {
    if (line.t !== 'ok' || line.recordId === undefined || line.recordId === null) continue;
    const record = records.get(line.recordId);
    if (record === undefined || record.version < (line.version ?? 1) || (line.subject !== undefined && record.subject_id !== line.subject)) missing.push(line);
  }
  results.push({ name: 'every success has its record', violations: missing.length, examples: missing.slice(0, 3) });

  // A StoreError means nothing was committed: the key of a call that got one is not in the store.
  const failedKeys = lines.flatMap((line) => (line.t === 'error' && line.code === 'store_failure' && line.key !== undefined ? [line.key] : []));
  results.push(
    await rows(
      'a call that got StoreError committed nothing',
      `SELECT key FROM ${s}.idempotency WHERE key = ANY($1::text[])`,
      [failedKeys],
    ),
  );

  // Every record has its notification: delivered (a worker or the drain logged it) or still in the outbox.
  const notified = new Set(lines.flatMap((line) => (line.t === 'sent' && line.recordId !== null ? [line.recordId] : [])));
  for (const row of (await db.query<{ record_id: string }>(`SELECT notification->>'recordId' AS record_id FROM ${s}.outbox`)).rows) notified.add(row.record_id);
  const silent = [...records.keys()].filter((id) => !notified.has(id));
  results.push({ name: 'every record has its outbox row (delivered or waiting)', violations: silent.length, examples: silent.slice(0, 3) });
  return results;
}

async function servingCheck(db: pg.Pool, s: string): Promise<InvariantResult> {
  // The latest bucket is in agent_counts, earlier ones in counters; serving counts by when the care began, so every bucket together is the care now.
  const { rows } = await db.query<{ id: string; actual: string; total: string; years: string }>(
    `SELECT a.id,
       (SELECT count(*) FROM ${s}.subjects WHERE agent_id = a.id) AS actual,
       coalesce(c.serving_total, 0) AS total,
       coalesce(c.serving_year, 0) + coalesce((SELECT sum(count) FROM ${s}.counters WHERE period = 'year' AND counter = 'serving' AND agent_id = a.id), 0) AS years
     FROM ${s}.agents a LEFT JOIN ${s}.agent_counts c ON c.agent_id = a.id`,
  );
  const broken = rows.filter((row) => Number(row.actual) !== Number(row.total) || Number(row.actual) !== Number(row.years));
  return { name: 'serving counters = subjects in care', violations: broken.length, examples: broken.slice(0, 3) };
}
