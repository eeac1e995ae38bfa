/**
 * Fills a store's `records` table for the statistics benchmark with SQL
 * (`generate_series`), not through the service: `count` records spread
 * evenly over `days` days from `start`, over `agents` agents (`agent-0` …):
 * 80 % automatic (offered for confirmation, then confirmed within an hour —
 * some of them ended since — declined, expired or cancelled), 10 % manual,
 * 10 % applications (approved within four hours, or rejected). The trigger of
 * migration 5 reads each history as it does for a committed record.
 */
import type pg from 'pg';

/** The shape of the generated data. */
export interface StatsRecordsPlan {
  count: number;
  agents: number;
  days: number;
  start: Date;
  /** How many rules automatic records name (`rule-0` …). */
  rules: number;
}

// One history step, as the store writes it (instants as ISO strings in UTC).
const STEP_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.bench_step(id text, from_status text, to_status text, at timestamptz) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('recordId', id, 'from', from_status, 'to', to_status,
    'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'by', jsonb_build_object('id', 'system', 'role', 'system'))
$$`;

/**
 * Inserts the records in batches of 100,000 (one statement each), then
 * vacuums and analyses the table, so the planner and the visibility map
 * (index-only scans) know them.
 *
 * @param client - a connection to the server
 * @param schema - the store's schema, quoted
 * @param plan - how many records, agents, days and rules
 * @returns nothing
 * @example
 * ```ts
 * await generateStatsRecords(client, '"bench_stats"', { count: 1_000_000, agents: 200, days: 92, start, rules: 5 });
 * ```
 */
export async function generateStatsRecords(client: pg.Client, schema: string, plan: StatsRecordsPlan): Promise<void> {
  await client.query(STEP_FUNCTION);
  const batch = 100_000;
  for (let first = 1; first <= plan.count; first += batch) {
    const last = Math.min(plan.count, first + batch - 1);
    await client.query(
      `INSERT INTO ${schema}.records (id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id,
         requested_by, created_at, updated_at, expires_at, history, version)
       SELECT id, kind, status, 'customer', 'c-' || g, 'agent-' || (g * 7 % $3), NULL,
         CASE WHEN kind = 'auto' THEN 'rule-' || (g % $5) END, '{"id":"system","role":"system"}',
         created, answered, NULL,
         CASE
           WHEN kind = 'manual' THEN jsonb_build_array(pg_temp.bench_step(id, NULL, 'effective', created))
           WHEN kind = 'application' THEN jsonb_build_array(pg_temp.bench_step(id, NULL, 'pending_approval', created),
             pg_temp.bench_step(id, 'pending_approval', status, answered))
           WHEN status = 'ended' THEN jsonb_build_array(pg_temp.bench_step(id, NULL, 'pending_confirmation', created),
             pg_temp.bench_step(id, 'pending_confirmation', 'effective', answered),
             pg_temp.bench_step(id, 'effective', 'ended', answered + interval '1 day'))
           ELSE jsonb_build_array(pg_temp.bench_step(id, NULL, 'pending_confirmation', created),
             pg_temp.bench_step(id, 'pending_confirmation', status, answered))
         END, 2
       FROM (
         SELECT g, 'r-' || g AS id, kind, created,
           created + (CASE WHEN kind = 'application' THEN g * 31 % 14400 ELSE g * 13 % 3600 END) * interval '1 second' AS answered,
           CASE
             WHEN kind = 'manual' THEN 'effective'
             WHEN kind = 'application' THEN CASE WHEN g % 5 = 0 THEN 'rejected' ELSE 'effective' END
             ELSE (ARRAY['effective', 'effective', 'effective', 'effective', 'ended', 'declined', 'expired', 'cancelled'])[1 + g * 3 % 8]
           END AS status
         FROM (
           SELECT g, CASE WHEN g % 10 < 8 THEN 'auto' WHEN g % 10 = 8 THEN 'manual' ELSE 'application' END AS kind,
             $4::timestamptz + (g::float8 / $2) * ($6 * interval '1 day') AS created
           FROM generate_series($1::integer, $7::integer) AS g
         ) base
       ) generated`,
      [first, plan.count, plan.agents, plan.start.toISOString(), plan.rules, plan.days, last],
    );
  }
  await client.query(`VACUUM ANALYZE ${schema}.records`);
}
