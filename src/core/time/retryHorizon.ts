/**
 * How far ahead `retryAt`, a rule's next opening and an agent's next shift are
 * looked for: 366 days, so a yearly holiday is always crossed.
 *
 * @example
 * ```ts
 * schedule.nextOpening(nowMs, RETRY_HORIZON_MS);
 * ```
 */
export const RETRY_HORIZON_MS = 366 * 24 * 60 * 60 * 1000;
