import { AssignmentError } from '../errors.js';
import { formatIssuePath } from '../ruleset/formatIssuePath.js';
import type { AgentSnapshot } from '../types.js';
import { readAvailability } from './readAvailability.js';

/**
 * Checks the availability fields of one agent snapshot the moment a decision
 * first meets it (`schedule`, `leave`, `maxAssigned`, `lastAssignedAt`);
 * snapshots without them cost one property test each.
 *
 * @param agent - the snapshot
 * @param index - its position in the caller's `agents` array, for the error's path
 * @returns nothing
 * @throws AssignmentError `invalid_input` naming the first bad field, e.g. `agents[3].leave[0].to`
 * @example
 * ```ts
 * verifyAgentSnapshot({ id: 'a', maxAssigned: { day: -1 } }, 3); // throws: agents[3].maxAssigned.day: …
 * ```
 */
export function verifyAgentSnapshot(agent: AgentSnapshot, index: number): void {
  if (agent.schedule === undefined && agent.leave === undefined && agent.maxAssigned === undefined && agent.lastAssignedAt == null) {
    return;
  }
  const result = readAvailability(agent, ['agents', index]);
  if (!result.ok) {
    const first = result.issues[0]!;
    throw new AssignmentError('invalid_input', `${formatIssuePath(first.path)}: ${first.message}`);
  }
}
