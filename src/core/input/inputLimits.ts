/** Bounds on caller data, so nothing a database cannot index or a stack cannot walk gets in. */
export interface InputLimits {
  /** Longest id (subject, agent, record, actor, idempotency key), in UTF-16 code units. */
  readonly idLength: number;
  /** Longest note kept in a record's history. */
  readonly noteLength: number;
  /** Longest field name (a key anywhere inside `fields` or `attributes`). */
  readonly fieldNameLength: number;
  /** Deepest nesting of arrays and objects inside a subject's `fields` (the `fields` object itself is depth 1). */
  readonly fieldsDepth: number;
  /** Largest `fields`, measured as the length of its JSON text. */
  readonly fieldsSize: number;
}

/**
 * The default limits of every input reader. Ids ≤ 256 characters keep them
 * far below PostgreSQL's index row limit; notes ≤ 4,000; `fields` ≤ 32 levels
 * deep and ≤ 64 KB of JSON (raise `fieldsDepth`/`fieldsSize` with the
 * service's and stores' `limits` option).
 *
 * @example
 * ```ts
 * INPUT_LIMITS.idLength; // 256
 * ```
 */
export const INPUT_LIMITS: InputLimits = Object.freeze({
  idLength: 256,
  noteLength: 4_000,
  fieldNameLength: 256,
  fieldsDepth: 32,
  fieldsSize: 65_536,
});
