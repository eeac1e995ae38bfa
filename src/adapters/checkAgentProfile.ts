import { AssignmentError } from '../core/errors.js';
import { formatIssuePath } from '../core/ruleset/formatIssuePath.js';
import type { AgentProfileInput } from '../ports.js';
import { availabilityIssues } from './availabilityIssues.js';

/**
 * Checks an agent profile handed to a store's `upsertAgents`: an object with a
 * non-empty string id, and well-formed `schedule`, `leave` and `maxAssigned`
 * when given (see `availabilityIssues`). The store calls it for every profile
 * before writing any, so a refused call writes nothing.
 *
 * @internal
 * @param agent - what the caller passed
 * @param index - its position in the call, for the message's path (`agents[3].leave[0].to`)
 * @returns the same profile
 * @throws AssignmentError `invalid_input` naming the first problem's path
 * @example
 * ```ts
 * agents.forEach(checkAgentProfile); // before writing any of them
 * ```
 */
export function checkAgentProfile(agent: AgentProfileInput, index: number): AgentProfileInput {
  if (typeof agent !== 'object' || agent === null || typeof agent.id !== 'string' || agent.id === '') {
    throw new AssignmentError('invalid_input', `agents[${index}] must be an object with a non-empty string id`);
  }
  const issues = availabilityIssues(agent as unknown as Record<string, unknown>, ['agents', index]);
  const first = issues[0];
  if (first !== undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new AssignmentError('invalid_input', `${formatIssuePath(first.path)}: ${first.message}${more}`);
  }
  return agent;
}
