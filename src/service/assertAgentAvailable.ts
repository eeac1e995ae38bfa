import { NotFoundError, WorkflowError } from '../core/errors.js';
import type { StoreTransaction } from '../ports.js';

/**
 * Refuses to address a manual assignment or an application to an agent who
 * cannot take it: an unknown agent is a `NotFoundError` (the caller named
 * something that does not exist), a disabled one (left, suspended) a
 * `WorkflowError` `forbidden` (it exists, but may not receive subjects).
 *
 * @internal
 * @param tx - the transaction
 * @param agentId - the agent asked for
 * @returns nothing
 * @throws NotFoundError for an unknown agent; WorkflowError `forbidden` for a disabled one
 * @example
 * ```ts
 * await assertAgentAvailable(call.tx, 'li-lei');
 * ```
 */
export async function assertAgentAvailable(tx: StoreTransaction, agentId: string): Promise<void> {
  const [agent] = await tx.agents([agentId]);
  if (agent === undefined) throw new NotFoundError('agent', agentId);
  if (agent.enabled === false) throw new WorkflowError('forbidden', `Agent "${agentId}" is disabled and cannot receive subjects`);
}
