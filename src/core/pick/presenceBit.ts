/**
 * Presences as bits, so a rule's allowed presences are one integer and the
 * eligibility check is a mask test instead of a set lookup per participant.
 */

/**
 * The bit of a presence value; an absent presence is `'online'` (the
 * snapshot default), and anything that is not a known presence has no bit, so
 * a rule that restricts presence never accepts it.
 *
 * @param presence - an agent snapshot's `presence`
 * @returns 1 online, 2 busy, 4 away, 8 offline, 0 unknown
 * @example
 * ```ts
 * presenceBit('busy'); // 2
 * (presenceBit('away') & (presenceBit('online') | presenceBit('busy'))) === 0; // true: not allowed
 * ```
 */
export function presenceBit(presence: unknown): number {
  if (presence === undefined || presence === 'online') return 1;
  if (presence === 'busy') return 2;
  if (presence === 'away') return 4;
  if (presence === 'offline') return 8;
  return 0;
}
