import { type AgentSnapshot, DEFAULT_RULE_ID, isScheduleOpen, nextScheduleOpening, type RuleSet } from '../index.js';
import { agentAvailability } from './agentAvailability.js';

/** How far ahead `validate --agents` looks for shifts and leave. */
export const AVAILABILITY_HORIZON_DAYS = 14;

const DAY = 86_400_000;

/**
 * Warns about participants who cannot take customers in the coming days
 * although their rules are open: an agent on leave for the whole horizon
 * (once, naming their rules), and otherwise, per rule, an agent whose shifts
 * never meet the rule's schedule within the horizon. Rules that are disabled
 * are left out; agents without schedule or leave are always on.
 *
 * @param ruleSet - the validated rule set
 * @param agents - the agents file
 * @param source - the rule-set file name, for the messages
 * @param fromMs - the start of the horizon (epoch ms)
 * @returns the warnings, rule by rule
 * @example
 * ```ts
 * availabilityWarnings(ruleSet, agents, 'rules.json', Date.parse('2026-12-01T00:00:00+08:00'));
 * // ['rules.json: rule "vip": agent li-lei is never on shift while the rule is open in the 14 days from 2026-12-01T00:00:00.000Z']
 * ```
 */
export function availabilityWarnings(ruleSet: RuleSet, agents: readonly AgentSnapshot[], source: string, fromMs: number): string[] {
  const untilMs = fromMs + AVAILABILITY_HORIZON_DAYS * DAY;
  const horizon = `in the ${AVAILABILITY_HORIZON_DAYS} days from ${new Date(fromMs).toISOString()}`;
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const rules = ruleSet.defaultRule ? [...ruleSet.rules, { ...ruleSet.defaultRule, id: DEFAULT_RULE_ID }] : ruleSet.rules;
  const label = (ruleId: string) => (ruleId === DEFAULT_RULE_ID ? 'the default rule' : `rule "${ruleId}"`);
  const warnings: string[] = [];
  const onLeave = new Map<string, string[]>();
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    for (const participant of rule.agents) {
      if (!('id' in participant)) continue;
      const { id } = participant;
      const agent = byId.get(id);
      if (agent === undefined || (agent.schedule === undefined && agent.leave === undefined)) continue;
      const availability = agentAvailability(agent, ruleSet.timeZone);
      if (availability.onLeaveThroughout(fromMs, untilMs)) {
        onLeave.set(id, [...(onLeave.get(id) ?? []), label(rule.id)]);
        continue;
      }
      // Jump to whichever of the two opens later, until both are open at once.
      let at: number | null = fromMs;
      while (at !== null && at <= untilMs) {
        if (rule.schedule !== undefined && !isScheduleOpen(rule.schedule, at, ruleSet.timeZone)) {
          at = nextScheduleOpening(rule.schedule, at, ruleSet.timeZone)?.getTime() ?? null;
          continue;
        }
        const on = availability.nextOn(at, untilMs);
        if (on === at) break;
        at = on;
      }
      if (at === null || at > untilMs) {
        warnings.push(`${source}: ${label(rule.id)}: agent ${id} is never on shift while the rule is open ${horizon}`);
      }
    }
  }
  for (const [id, ruleLabels] of onLeave) {
    warnings.push(`${source}: agent ${id} is on leave for the whole of the ${AVAILABILITY_HORIZON_DAYS} days from ${new Date(fromMs).toISOString()} (${ruleLabels.join(', ')})`);
  }
  return warnings;
}
