import { availabilityOf } from '../core/availability/availabilityOf.js';
import { onLeaveThroughout } from '../core/availability/onLeaveThroughout.js';
import { participantsOf } from '../core/pick/participantsOf.js';
import { compileRuleSet, DEFAULT_RULE_ID, isScheduleOpen, nextScheduleOpening, type AgentSnapshot, type RuleSet } from '../index.js';
import { cliEn } from './i18n/cliEn.js';
import type { AgentWarningWords } from './i18n/cliMessages.js';

/** How far ahead `validate --agents` looks for shifts and leave. */
export const AVAILABILITY_HORIZON_DAYS = 14;

const DAY = 86_400_000;

/**
 * Warns about participants — listed by id or brought by a skill-group
 * selector — who cannot take customers in the coming days although their
 * rules are open: an agent on leave for the whole horizon (once, naming their
 * rules), and otherwise, per rule, an agent whose shifts never meet the rule's
 * schedule within the horizon. Availability is the engine's
 * (`core/availability`). Rules that are disabled are left out; agents without
 * schedule or leave are always on.
 *
 * @param ruleSet - the validated rule set
 * @param agents - the agents file
 * @param source - the rule-set file name, for the messages
 * @param fromMs - the start of the horizon (epoch ms)
 * @param words - the language of the messages (default English)
 * @returns the warnings, rule by rule
 * @example
 * ```ts
 * availabilityWarnings(ruleSet, agents, 'rules.json', Date.parse('2026-12-01T00:00:00+08:00'));
 * // ['rules.json: rule "vip": agent li-lei is never on shift while the rule is open in the 14 days from 2026-11-30T16:00:00.000Z']
 * ```
 */
export function availabilityWarnings(
  ruleSet: RuleSet,
  agents: readonly AgentSnapshot[],
  source: string,
  fromMs: number,
  words: AgentWarningWords = cliEn.warning,
): string[] {
  const untilMs = fromMs + AVAILABILITY_HORIZON_DAYS * DAY;
  const from = new Date(fromMs).toISOString();
  const compiled = compileRuleSet(ruleSet);
  const rules = compiled.defaultRule === null ? compiled.rules : [...compiled.rules, compiled.defaultRule];
  const sources = ruleSet.defaultRule ? [...ruleSet.rules, ruleSet.defaultRule] : ruleSet.rules;
  const label = (ruleId: string) => (ruleId === DEFAULT_RULE_ID ? null : ruleId);
  const warnings: string[] = [];
  const onLeave = new Map<string, (string | null)[]>();
  rules.forEach((rule, index) => {
    if (!rule.enabled) return;
    const schedule = sources[index]!.schedule;
    for (const { id, agent, via } of participantsOf(rule, agents)) {
      const availability = agent === undefined ? null : availabilityOf(agent, ruleSet.timeZone);
      if (availability === null) continue;
      if (onLeaveThroughout(availability, fromMs, untilMs)) {
        onLeave.set(id, [...(onLeave.get(id) ?? []), label(rule.id)]);
        continue;
      }
      // Jump to whichever of the two opens later, until both are open at once.
      let at: number | null = fromMs;
      while (at !== null && at <= untilMs) {
        if (schedule !== undefined && !isScheduleOpen(schedule, at, ruleSet.timeZone)) {
          at = nextScheduleOpening(schedule, at, ruleSet.timeZone)?.getTime() ?? null;
          continue;
        }
        const on = availability.nextAvailable(at, untilMs - at);
        if (on === at) break;
        at = on;
      }
      if (at === null || at > untilMs) warnings.push(words.neverOnShift(source, label(rule.id), id, via < 0 ? null : via, AVAILABILITY_HORIZON_DAYS, from));
    }
  });
  for (const [id, ruleLabels] of onLeave) {
    warnings.push(words.onLeaveThroughout(source, id, AVAILABILITY_HORIZON_DAYS, from, ruleLabels));
  }
  return warnings;
}
