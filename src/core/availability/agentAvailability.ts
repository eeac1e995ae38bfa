/**
 * An agent's compiled shift and leave: "available at t?" and "when next?".
 */

/** The agent is on shift and not on leave. */
export const AVAILABLE = 0;
/** Outside the agent's shift. */
export const OFF_SHIFT = 1;
/** Inside one of the agent's leave ranges. */
export const ON_LEAVE = 2;

/** An agent's compiled shift and leave. */
export interface AgentAvailability {
  /**
   * @param epochMs - the instant
   * @returns `AVAILABLE`, `OFF_SHIFT` or `ON_LEAVE` (leave wins when both apply)
   */
  stateAt(epochMs: number): number;
  /**
   * @param epochMs - the instant to search from (returned itself when available)
   * @param horizonMs - how far ahead to look
   * @returns the earliest instant ≥ `epochMs` at which the agent is available, or null
   */
  nextAvailable(epochMs: number, horizonMs: number): number | null;
  /**
   * @param epochMs - an instant at which the agent is not available
   * @param horizonMs - how far ahead to look for a shift start
   * @returns when the current exclusion ends: the leave's end, or the next shift start (null: none within the horizon)
   */
  until(epochMs: number, horizonMs: number): number | null;
}
