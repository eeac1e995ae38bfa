import type { AgentEntry } from './loadAgents.js';

/**
 * Names agents as `Li Lei (li-lei)` when the agents file gives a name, else by id.
 *
 * @param agents - the agents file's entries
 * @returns a function from agent id to display name
 * @example
 * ```ts
 * agentLabel([{ id: 'li-lei', name: 'Li Lei' }])('li-lei'); // 'Li Lei (li-lei)'
 * ```
 */
export function agentLabel(agents: readonly AgentEntry[]): (agentId: string) => string {
  const names = new Map<string, string>();
  for (const agent of agents) if (typeof agent.name === 'string' && agent.name !== '') names.set(agent.id, agent.name);
  return (agentId) => {
    const name = names.get(agentId);
    return name === undefined ? agentId : `${name} (${agentId})`;
  };
}
