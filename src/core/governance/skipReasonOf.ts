import type { UnassignedReason } from '../types.js';
import type { GovernanceSkipReason } from './types.js';

/**
 * Why a transfer to `'rules'` leaves a subject where it is, from the reason
 * the reassignment found nobody (with `reassign` and no pending record only
 * the rules' own reasons remain; anything else reads as `no_eligible_agent`).
 *
 * @param reason - the decision's `reason`
 * @returns the skip reason
 * @example
 * ```ts
 * skipReasonOf('outside_schedule'); // 'outside_schedule'
 * ```
 */
export function skipReasonOf(reason: UnassignedReason | null): GovernanceSkipReason {
  return reason === 'auto_disabled' || reason === 'no_rule_applies' || reason === 'outside_schedule' ? reason : 'no_eligible_agent';
}
