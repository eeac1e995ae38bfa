import { InputError } from '../core/errors.js';
import { readAgentProfile } from '../core/input/readAgentProfile.js';
import type { AgentSnapshot } from '../index.js';
import { CliError } from './cliError.js';
import { parseJsonText } from './parseJsonText.js';
import { readTextFile } from './readTextFile.js';

/** An agent as `agents.json` holds it: a snapshot, plus an optional display name for the CLI's output. */
export interface AgentEntry extends AgentSnapshot {
  name?: string;
}

/** Problems shown before "and N more". */
const MAX_SHOWN_PROBLEMS = 20;

/**
 * Everything wrong with one agent, as the library's agent reader sees it (the
 * first problem of the agent), plus an id used twice.
 */
function agentProblems(agent: unknown, where: string, seen: Map<string, string>): string[] {
  let id: string;
  try {
    id = readAgentProfile(agent, where, true).id;
  } catch (error) {
    if (error instanceof InputError) return [error.message];
    throw error;
  }
  const earlier = seen.get(id);
  if (earlier !== undefined) return [`${earlier}.id and ${where}.id are both ${JSON.stringify(id)}`];
  seen.set(id, where);
  return [];
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
  const input = parseJsonText(readTextFile(path, 'agents_file'), path);
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
