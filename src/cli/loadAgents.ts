import { availabilityIssues } from '../adapters/availabilityIssues.js';
import { formatIssuePath } from '../core/ruleset/formatIssuePath.js';
import { type AgentSnapshot, PERIODS, PRESENCES } from '../index.js';
import { CliError } from './cliError.js';
import { readIsoInstant } from './parseInstant.js';
import { parseJsonText } from './parseJsonText.js';
import { readTextFile } from './readTextFile.js';

/** An agent as `agents.json` holds it: a snapshot, plus an optional display name for the CLI's output. */
export interface AgentEntry extends AgentSnapshot {
  name?: string;
}

/** Problems shown before "and N more". */
const MAX_SHOWN_PROBLEMS = 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isInstant(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && readIsoInstant(value) !== null);
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function countsProblem(value: unknown, keys: readonly string[]): string | null {
  if (!isRecord(value)) return `must be an object with counts per ${keys.join(', ')}`;
  for (const [key, count] of Object.entries(value)) {
    if (!keys.includes(key)) return `has an unknown key "${key}" (expected ${keys.join(', ')})`;
    if (!isCount(count)) return `.${key} must be a non-negative number`;
  }
  return null;
}

function agentProblems(agent: unknown, where: string, seen: Map<string, string>): string[] {
  if (!isRecord(agent)) return [`${where} must be an object with an "id"`];
  const problems: string[] = [];
  const { id } = agent;
  if (typeof id !== 'string' || id === '') problems.push(`${where}.id must be a non-empty string`);
  else if (seen.has(id)) problems.push(`${where}.id "${id}" is also the id of ${seen.get(id)}`);
  else seen.set(id, where);
  if (agent.name !== undefined && typeof agent.name !== 'string') problems.push(`${where}.name must be a string`);
  if (agent.enabled !== undefined && typeof agent.enabled !== 'boolean') problems.push(`${where}.enabled must be true or false`);
  if (agent.presence !== undefined && !PRESENCES.includes(agent.presence as never)) {
    problems.push(`${where}.presence must be one of ${PRESENCES.join(', ')}, got ${JSON.stringify(agent.presence)}`);
  }
  if (agent.capacity !== undefined && agent.capacity !== null && !isCount(agent.capacity)) {
    problems.push(`${where}.capacity must be a non-negative number or null (unlimited)`);
  }
  for (const key of ['skills', 'languages'] as const) {
    if (agent[key] !== undefined && !isStringList(agent[key])) problems.push(`${where}.${key} must be a list of strings`);
  }
  if (agent.attributes !== undefined && !isRecord(agent.attributes)) problems.push(`${where}.attributes must be an object`);
  if (agent.assigned !== undefined) {
    const problem = countsProblem(agent.assigned, PERIODS);
    if (problem !== null) problems.push(`${where}.assigned ${problem}`);
  }
  if (agent.serving !== undefined && !isCount(agent.serving)) {
    const problem = countsProblem(agent.serving, [...PERIODS, 'total']);
    if (problem !== null) problems.push(`${where}.serving ${problem} (or a number: the total)`);
  }
  // A snapshot may say when the agent was last assigned (the stores maintain it; here it is the simulation's start).
  const { lastAssignedAt, ...profile } = agent;
  if (lastAssignedAt !== undefined && lastAssignedAt !== null && !isInstant(lastAssignedAt)) {
    problems.push(`${where}.lastAssignedAt must be an ISO-8601 instant with a UTC offset, epoch milliseconds or null`);
  }
  for (const issue of availabilityIssues(profile, [])) problems.push(`${where}.${formatIssuePath(issue.path)}: ${issue.message}`);
  return problems;
}

/**
 * Reads `agents.json`: an array of agent snapshots (SPEC §5 `AgentSnapshot`,
 * with `schedule`, `leave`, `maxAssigned` and `lastAssignedAt`), each
 * optionally with a display `name`. Every problem is reported at once,
 * with the index of the agent it concerns.
 *
 * @param path - the agents JSON file
 * @returns the agents, in file order
 * @throws CliError (exit 2) when the file is unreadable, not JSON, or holds malformed agents or duplicate ids
 * @example
 * ```ts
 * const agents = loadAgents('examples/data/agents.json');
 * ```
 */
export function loadAgents(path: string): AgentEntry[] {
  const input = parseJsonText(readTextFile(path, 'agents file'), path);
  if (!Array.isArray(input)) throw new CliError(`${path}: expected an array of agents, got ${input === null ? 'null' : typeof input}`);
  const seen = new Map<string, string>();
  const problems = input.flatMap((agent, i) => agentProblems(agent, `${path}[${i}]`, seen));
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_SHOWN_PROBLEMS);
    if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
    throw new CliError(`${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the agents:\n  ${shown.join('\n  ')}`);
  }
  return input as AgentEntry[];
}
