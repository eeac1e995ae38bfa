import { RuleSetError } from '../errors.js';
import { compileSchedule } from '../time/compileSchedule.js';
import { parseDuration } from '../time/parseDuration.js';
import type { CompiledOrder, CompiledRule, CompiledRuleSet, CompiledSchedule, ConditionTest } from './compiledTypes.js';
import { rankedOrderOf } from '../pick/orders/rankedOrderOf.js';
import { presenceBit } from '../pick/presenceBit.js';
import { conditionKey } from './issueCollector.js';
import { type AgentParticipant, DEFAULT_RULE_ID, type Order, type Rule, type RuleSet, type Schedule } from './types.js';
import { checkRuleSet } from './validateRuleSet.js';
import { compileExpression } from '../expr/compileExpression.js';
import { ruleSetRevision } from '../versions/ruleSetRevision.js';

// Compiled sets are recognised by identity, never by a flag found in data.
const compiledSets = new WeakSet<CompiledRuleSet>();
const cache = new WeakMap<object, CompiledRuleSet>();

/**
 * Validates and compiles a rule set once: conditions become closures, schedules
 * become precomputed wall-clock windows, participants become arrays. Compiling
 * the same object twice returns the cached result.
 *
 * @param ruleSet - the rule set as stored by the caller (plain JSON)
 * @returns the compiled rule set, accepted by every core function
 * @throws RuleSetError with every validation issue when the rule set is invalid
 * @example
 * ```ts
 * const compiled = compileRuleSet(ruleSet);
 * assignCustomer({ ruleSet: compiled, subject, agents, now: new Date() });
 * ```
 */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  if (typeof ruleSet === 'object' && ruleSet !== null) {
    if (compiledSets.has(ruleSet as unknown as CompiledRuleSet)) return ruleSet as unknown as CompiledRuleSet;
    const cached = cache.get(ruleSet);
    if (cached) return cached;
  }
  const { ruleSet: source, issues } = checkRuleSet(ruleSet);
  if (source === undefined) throw new RuleSetError(issues.list);
  const conditions = issues.conditions;
  const schedules = new Map<string, CompiledSchedule>();
  const compiled: CompiledRuleSet = {
    compiled: true,
    source,
    revision: ruleSetRevision(source),
    timeZone: source.timeZone,
    weekStartsOn: source.weekStartsOn ?? 1,
    settings: source.settings,
    pendingTimeoutMs: source.settings.pendingTimeout === undefined ? null : parseDuration(source.settings.pendingTimeout),
    queue: compileQueue(source),
    fieldNames: Object.freeze([...issues.slots.names]),
    rules: source.rules.map((rule, index) => compileRule(rule, source, conditions, schedules, ['rules', index])),
    defaultRule: source.defaultRule
      ? compileRule({ ...source.defaultRule, id: DEFAULT_RULE_ID }, source, conditions, schedules, ['defaultRule'])
      : null,
  };
  Object.freeze(compiled);
  compiledSets.add(compiled);
  if (typeof ruleSet === 'object' && ruleSet !== null) cache.set(ruleSet, compiled);
  return compiled;
}

/**
 * Accepts what the core functions accept: a plain rule set (compiled and cached
 * here) or an already compiled one.
 *
 * @param ruleSet - a `RuleSet` or a `CompiledRuleSet`
 * @returns the compiled rule set
 * @throws RuleSetError when a plain rule set is invalid
 * @example
 * ```ts
 * resolveRuleSet(compileRuleSet(rs)) === resolveRuleSet(rs); // true: the cache holds it
 * ```
 */
export function resolveRuleSet(ruleSet: RuleSet | CompiledRuleSet): CompiledRuleSet {
  // Decisions in a row use the same rule set: skip the WeakSet probe for it.
  // (`lastResolved` starts as null: a null rule set must still reach validation.)
  if (ruleSet === lastResolved && lastResolved !== null) return ruleSet;
  if (typeof ruleSet === 'object' && ruleSet !== null && compiledSets.has(ruleSet as CompiledRuleSet)) {
    lastResolved = ruleSet as CompiledRuleSet;
    return lastResolved;
  }
  return compileRuleSet(ruleSet as RuleSet);
}

let lastResolved: CompiledRuleSet | null = null;

/**
 * Tells whether a value is a rule set compiled by this library.
 *
 * @param value - anything
 * @returns true only for objects returned by `compileRuleSet`
 * @example
 * ```ts
 * isCompiledRuleSet(compileRuleSet(rs)); // true
 * isCompiledRuleSet({ compiled: true }); // false
 * ```
 */
export function isCompiledRuleSet(value: unknown): value is CompiledRuleSet {
  return typeof value === 'object' && value !== null && compiledSets.has(value as CompiledRuleSet);
}

function compileRule(
  rule: Rule,
  ruleSet: RuleSet,
  conditions: ReadonlyMap<string, ConditionTest>,
  schedules: Map<string, CompiledSchedule>,
  path: (string | number)[],
): CompiledRule {
  // Validation compiled every condition already; a missing one would be a library bug.
  const condition = (at: (string | number)[]) => conditions.get(conditionKey(at))!;
  const proportional = rule.proportional === true;
  const listed = rule.agents.filter((a): a is AgentParticipant => 'id' in a);
  const order = compileOrder(rule.order);
  return Object.freeze({
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    appliesTo: rule.appliesTo === undefined || rule.appliesTo === 'any' ? null : rule.appliesTo,
    when: rule.when === undefined ? null : condition([...path, 'when']),
    schedule: rule.schedule ? sharedSchedule(rule.schedule, ruleSet.timeZone, schedules) : null,
    agentIds: Object.freeze(listed.map((a) => a.id)),
    positionOf: new Map(listed.map((a, position) => [a.id, position])),
    weights: Object.freeze(listed.map((a) => (proportional ? (a.weight ?? 1) : 1))),
    selectors: Object.freeze(
      rule.agents.flatMap((a, index) =>
        'where' in a ? [{ index, test: condition([...path, 'agents', index, 'where']), weight: proportional ? (a.weight ?? 1) : 1 }] : [],
      ),
    ),
    proportional,
    order,
    rank: rankedOrderOf(order),
    caps: rule.eligibility?.maxAssigned === undefined ? null : Object.freeze({ ...rule.eligibility.maxAssigned }),
    presenceMask: (rule.eligibility?.presence ?? []).reduce((mask, presence) => mask | presenceBit(presence), 0),
    ignoreCapacity: rule.eligibility?.ignoreCapacity === true,
    agentWhen:
      rule.eligibility?.agentWhen === undefined ? null : condition([...path, 'eligibility', 'agentWhen']),
    sticky: rule.sticky === true,
    onNoAgent: rule.onNoAgent ?? 'next',
  });
}

/** The queue settings, ready to use; validation already compiled the priority once, so compiling it again cannot fail. */
function compileQueue(source: RuleSet): CompiledRuleSet['queue'] {
  const { priority, alertAfter } = source.settings.auto.queue ?? {};
  const path = ['settings', 'auto', 'queue', 'priority'];
  const compiled = priority === undefined ? null : compileExpression(priority, source.fields ? { context: 'subject', fields: source.fields, path } : { context: 'subject', path });
  return Object.freeze({
    priority: compiled?.ok ? compiled.node.evaluate : null,
    alertAfterMs: alertAfter === undefined ? null : parseDuration(alertAfter),
  });
}

/** Equal schedules compile to one object, so a decision checks office hours once for all the rules that use them. */
function sharedSchedule(schedule: Schedule, timeZone: string, schedules: Map<string, CompiledSchedule>): CompiledSchedule {
  // The validated copy has a fixed key order, so equal schedules serialise equally.
  const key = `${timeZone}\u0000${JSON.stringify(schedule)}`;
  let compiled = schedules.get(key);
  if (compiled === undefined) {
    compiled = compileSchedule(schedule, timeZone);
    schedules.set(key, compiled);
  }
  return compiled;
}

function compileOrder(order: Order): CompiledOrder {
  switch (order.by) {
    case 'fewestAssigned':
      return { by: 'fewestAssigned', period: order.period };
    case 'fewestServing':
      return { by: 'fewestServing', period: order.period ?? 'total' };
    case 'roundRobin':
    case 'leastUtilised':
    case 'longestIdle':
      return { by: order.by };
  }
}
