import type { AgentEntry } from './loadAgents.js';

const agent = (id: string, name: string, presence: AgentEntry['presence'], serving: number, team: string): AgentEntry => ({
  id,
  name,
  presence,
  capacity: 400,
  skills: [],
  languages: ['zh'],
  attributes: { team },
  serving: { total: serving },
});

/**
 * The agents `dedicated-agent init` writes beside the starter rule set: every
 * participant of its rules, with presence, a capacity and the customers each
 * already serves (so `fewestServing` has something to compare).
 *
 * @returns fresh agent entries, as `agents.json` holds them
 * @example
 * ```ts
 * starterAgents().map((a) => a.id); // ['huang-tao', 'zhao-min', …]
 * ```
 */
export function starterAgents(): AgentEntry[] {
  return [
    agent('huang-tao', 'Huang Tao', 'online', 120, 'vip'),
    agent('zhao-min', 'Zhao Min', 'busy', 135, 'vip'),
    agent('song-jian', 'Song Jian', 'online', 80, 'vip'),
    agent('zhang-wei', 'Zhang Wei', 'online', 210, 'beijing'),
    agent('liu-yang', 'Liu Yang', 'online', 160, 'beijing'),
    agent('wang-fang', 'Wang Fang', 'online', 185, 'beijing'),
    agent('li-qiang', 'Li Qiang', 'online', 240, 'general'),
    agent('qian-hui', 'Qian Hui', 'online', 205, 'general'),
    agent('zhao-lei', 'Zhao Lei', 'online', 190, 'general'),
    agent('bai-lu', 'Bai Lu', 'away', 220, 'general'),
  ];
}
