import type { AgentStatsRow } from './types.js';

/**
 * An agent's statistics row before any record is counted: every count 0, no
 * durations. Both stores start each agent's row from it.
 *
 * @param agentId - the agent
 * @returns a fresh row
 * @example
 * ```ts
 * const row = emptyAgentRow('li-lei'); // { agentId: 'li-lei', records: 0, …, approvalTime: null }
 * ```
 */
export function emptyAgentRow(agentId: string): AgentStatsRow {
  return {
    agentId,
    records: 0,
    auto: 0,
    manual: 0,
    applications: 0,
    pending: 0,
    effective: 0,
    ended: 0,
    declined: 0,
    expired: 0,
    cancelled: 0,
    rejected: 0,
    asked: 0,
    confirmed: 0,
    confirmationTime: null,
    approvalTime: null,
  };
}
