import type { IssuePath } from '../ruleset/issues.js';
import { PERIODS } from '../ruleset/types.js';
import type { CanonicalParticipant, CanonicalRule } from './canonicalRule.js';
import type { RuleSetChangeCode, RuleSetChangeParams, UnwordedChange } from './ruleSetChange.js';
import { stableJson } from './stableJson.js';

/**
 * The changes of one rule that both rule sets have (matched by id), in the
 * order an admin reads the rule form: name, description, enabled, applies to,
 * condition, schedule, participants, weights, order, eligibility, sticky,
 * onNoAgent. Paths lead to the part in the new rule (`at` is the rule's
 * path there); positions and moves are the caller's business.
 *
 * @param before - the rule in the old rule set, canonical
 * @param after - the same rule in the new rule set, canonical
 * @param at - the rule's path in the new rule set (`['rules', 2]` or `['defaultRule']`)
 * @returns the changes, unworded; empty when the rules mean the same
 * @example
 * ```ts
 * ruleChanges(canonicalRule(old), canonicalRule({ ...old, enabled: false }), ['rules', 0]); // [{ code: 'rule_disabled', … }]
 * ```
 */
export function ruleChanges(before: CanonicalRule, after: CanonicalRule, at: IssuePath): UnwordedChange[] {
  const changes: UnwordedChange[] = [];
  const rule = after.name;
  const add = <C extends RuleSetChangeCode>(code: C, path: IssuePath, params: Omit<RuleSetChangeParams[C], 'rule'>) => {
    changes.push({ code, ruleId: after.id, path: [...at, ...path], params: { rule, ...params } } as UnwordedChange);
  };
  if (before.name !== after.name) add('rule_renamed', ['name'], { from: before.name, to: after.name });
  if (before.description !== after.description) add('description_changed', ['description'], { from: before.description, to: after.description });
  if (before.enabled !== after.enabled) add(after.enabled ? 'rule_enabled' : 'rule_disabled', ['enabled'], {});
  if (before.appliesTo !== after.appliesTo) add('applies_to_changed', ['appliesTo'], { from: before.appliesTo, to: after.appliesTo });
  if (before.when !== after.when) add('condition_changed', ['when'], { from: before.when, to: after.when });
  if (stableJson(before.schedule) !== stableJson(after.schedule)) add('schedule_changed', ['schedule'], { from: before.schedule, to: after.schedule });
  participantChanges(before.agents, after.agents, add);
  if (before.proportional !== after.proportional) add('proportional_changed', ['proportional'], { to: after.proportional });
  if (before.order.by !== after.order.by || before.order.period !== after.order.period) add('order_changed', ['order'], { from: before.order, to: after.order });
  if (stableJson(before.presence) !== stableJson(after.presence)) {
    add('presence_changed', ['eligibility', 'presence'], { from: before.presence, to: after.presence });
  }
  if (before.ignoreCapacity !== after.ignoreCapacity) add('ignore_capacity_changed', ['eligibility', 'ignoreCapacity'], { to: after.ignoreCapacity });
  if (before.agentWhen !== after.agentWhen) add('agent_condition_changed', ['eligibility', 'agentWhen'], { from: before.agentWhen, to: after.agentWhen });
  for (const period of PERIODS) {
    const from = before.maxAssigned[period] ?? null;
    const to = after.maxAssigned[period] ?? null;
    if (from !== to) add('max_assigned_changed', ['eligibility', 'maxAssigned', period], { period, from, to });
  }
  if (before.sticky !== after.sticky) add('sticky_changed', ['sticky'], { to: after.sticky });
  if (before.onNoAgent !== after.onNoAgent) add('on_no_agent_changed', ['onNoAgent'], { to: after.onNoAgent });
  return changes;
}

type Add = <C extends RuleSetChangeCode>(code: C, path: IssuePath, params: Omit<RuleSetChangeParams[C], 'rule'>) => void;

/** Participants removed, added, re-weighted, and the order of those kept (round robin and ties follow it). */
function participantChanges(before: CanonicalParticipant[], after: CanonicalParticipant[], add: Add): void {
  const afterByKey = new Map(after.map((participant) => [participant.key, participant]));
  const beforeByKey = new Map(before.map((participant) => [participant.key, participant]));
  for (const participant of before) {
    if (!afterByKey.has(participant.key)) add('participant_removed', ['agents'], { participant: participant.name, group: participant.group });
  }
  for (const participant of after) {
    const old = beforeByKey.get(participant.key);
    const name = { participant: participant.name, group: participant.group };
    if (old === undefined) add('participant_added', ['agents', participant.index], { ...name, weight: participant.weight });
    else if (old.weight !== participant.weight) add('weight_changed', ['agents', participant.index, 'weight'], { ...name, from: old.weight, to: participant.weight });
  }
  const keptBefore = before.filter((participant) => afterByKey.has(participant.key)).map((participant) => participant.name);
  const keptAfter = after.filter((participant) => beforeByKey.has(participant.key)).map((participant) => participant.name);
  if (keptBefore.some((name, index) => name !== keptAfter[index])) add('participants_reordered', ['agents'], { from: keptBefore, to: keptAfter });
}
