import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { AgentSnapshot } from '../types.js';
import { readAgentProfile } from './readAgentProfile.js';

/**
 * Reads a list of agents (snapshots for a decision, or profiles for a store):
 * an array of agents as `readAgentProfile` reads them, no id twice — the
 * decision would otherwise depend on their order.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'agents'`)
 * @param withCounts - whether `assigned` and `serving` are accepted
 * @returns the checked copies, in order
 * @throws InputError (`invalid_input`); for a repeated id, naming both positions
 * @example
 * ```ts
 * readAgents([{ id: 'li-lei' }, { id: 'han-meimei' }], 'agents', true);
 * readAgents([{ id: 'x' }, { id: 'x' }], 'agents', true); // throws: agents[0].id and agents[1].id are both "x"
 * ```
 */
export function readAgents(value: unknown, path: string, withCounts: boolean): (AgentSnapshot & { name?: string })[] {
  if (!Array.isArray(value)) throw new InputError(path, 'an array of agents', describeValue(value));
  const positions = new Map<string, number>();
  const agents: (AgentSnapshot & { name?: string })[] = [];
  for (let index = 0; index < value.length; index++) {
    const agent = readAgentProfile(value[index], `${path}[${index}]`, withCounts);
    const earlier = positions.get(agent.id);
    if (earlier !== undefined) {
      throw new InputError(`${path}[${index}].id`, JSON.stringify(agent.id), `${path}[${earlier}].id`, { reason: 'duplicate' });
    }
    positions.set(agent.id, index);
    agents.push(agent);
  }
  return agents;
}
