import { WorkflowError } from '../errors.js';
import type { Actor } from '../types.js';

const ROLES: ReadonlySet<string> = new Set<Actor['role']>(['admin', 'agent', 'business', 'system']);

/**
 * Checks an actor coming from the caller (often straight from an HTTP session),
 * so a malformed one is reported as such rather than as a permission problem.
 *
 * @internal
 * @param actor - the actor as given
 * @returns a copy holding only `id` and `role`, so records never keep whatever else the caller's object carries
 * @throws WorkflowError `invalid_input` unless it has a non-empty string `id` and a known `role`
 * @example
 * ```ts
 * readActor({ id: 'admin-1', role: 'admin', name: 'Wang' } as Actor); // { id: 'admin-1', role: 'admin' }
 * ```
 */
export function readActor(actor: Actor): Actor {
  const valid =
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.id === 'string' &&
    actor.id !== '' &&
    ROLES.has(actor.role);
  if (!valid) {
    throw new WorkflowError('invalid_input', 'actor must be { id: non-empty string, role: admin | agent | business | system }');
  }
  return { id: actor.id, role: actor.role };
}
