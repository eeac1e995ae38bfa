import { AssignmentError } from '../errors.js';
import { formatIssuePath } from '../ruleset/formatIssuePath.js';
import type { AgentSnapshot } from '../types.js';
import { readAvailability } from './readAvailability.js';

// Snapshots already checked (every rule the agent takes part in meets it): each is checked once.
const verified = new WeakSet<AgentSnapshot>();

/**
 * Checks the availability fields of one agent snapshot the moment a decision
 * first meets it (`schedule`, `leave`, `maxAssigned`, `lastAssignedAt`);
 * snapshots without them cost four property tests, and a checked snapshot
 * object is not checked again (replace a snapshot rather than editing these
 * fields in place).
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
  if (verified.has(agent)) return;
  const result = readAvailability(agent, ['agents', index]);
  if (!result.ok) {
    const first = result.issues[0]!;
    throw new AssignmentError('invalid_input', `${formatIssuePath(first.path)}: ${first.message}`);
  }
  verified.add(agent);
}
