import { readAgents } from '../../core/input/readAgents.js';
import type { AgentProfileInput } from '../../ports.js';
import { callStore } from '../callStore.js';
import type { ServiceContext } from '../serviceContext.js';
import type { QueueDrainer } from './queueDrainer.js';

/** The profile properties that decide whether an agent can take a subject. */
const AVAILABILITY: readonly (keyof AgentProfileInput)[] = ['presence', 'enabled', 'capacity', 'schedule', 'leave', 'maxAssigned'];

/**
 * `service.upsertAgents`: the store's `upsertAgents`, then — when an agent is
 * new or one of its availability properties (presence, enabled, capacity,
 * schedule, leave, caps) changed — a drain of the waiting queue before it
 * returns (with `autoDrain`). The profiles are read (and refused, naming the
 * path) before anything is written.
 *
 * @internal
 * @param context - the service's context
 * @param drainer - the service's drainer
 * @param agents - the profiles
 * @returns when written (and drained)
 * @throws AssignmentError `invalid_input` naming the profile's path; StoreError
 * @example
 * ```ts
 * await upsertAgentsAndDrain(context, drainer, [{ id: 'li-lei', presence: 'online' }]);
 * ```
 */
export async function upsertAgentsAndDrain(context: ServiceContext, drainer: QueueDrainer, agents: readonly AgentProfileInput[]): Promise<void> {
  const profiles = readAgents(agents, 'agents', false);
  const before = await callStore('agents', () => context.store.transaction(async (tx) => tx.agents(profiles.map((profile) => profile.id))));
  const known = new Map(before.map((profile) => [profile.id, profile]));
  await callStore('upsertAgents', () => context.store.upsertAgents(agents));
  const changed = profiles.some((profile) => {
    const stored = known.get(profile.id);
    if (stored === undefined) return true;
    return AVAILABILITY.some((key) => key in profile && JSON.stringify(profile[key]) !== JSON.stringify(stored[key]));
  });
  if (changed) drainer.request();
  await drainer.settle();
}
