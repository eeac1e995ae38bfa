/**
 * The SQL that gives `commit_changes` one more step without rewriting it: the
 * current function is renamed to `previous` — once, so running the migration
 * again never makes the wrapper wrap itself — and a new `commit_changes` calls
 * it, then runs `after` (PL/pgSQL statements over `changes`).
 *
 * @internal
 * @param previous - the name the current function keeps (e.g. `commit_changes_v3`)
 * @param after - statements run after it, in the same transaction
 * @returns the SQL, for a migration
 * @example
 * ```ts
 * const sql = wrapCommitChangesSql('commit_changes_v3', "  PERFORM apply_waiting(changes -> 'waiting');");
 * ```
 */
export function wrapCommitChangesSql(previous: string, after: string): string {
  return `-- Renamed once: run again, the wrapper must not become the function it wraps.
DO $$
BEGIN
  IF to_regprocedure('${previous}(jsonb, json)') IS NULL THEN
    ALTER FUNCTION commit_changes(jsonb, json) RENAME TO ${previous};
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION commit_changes(changes jsonb, idempotent_results json) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM ${previous}(changes, idempotent_results);
${after}
END
$$;
`;
}
