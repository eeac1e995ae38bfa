import { RuleSetError } from '../errors.js';
import { readOneOf } from '../input/readOneOf.js';
import { readOptions } from '../input/readOptions.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { isCompiledRuleSet } from '../ruleset/compileRuleSet.js';
import type { IssuePath } from '../ruleset/issues.js';
import type { RuleSet, Settings } from '../ruleset/types.js';
import { validateRuleSet } from '../ruleset/validateRuleSet.js';
import { canonicalRule } from './canonicalRule.js';
import { formatRuleSetChange } from './formatRuleSetChange.js';
import { movedRuleIds } from './movedRuleIds.js';
import { ruleChanges } from './ruleChanges.js';
import type { DiffLocale, RuleSetChange, SettingName, SettingValue, UnwordedChange } from './ruleSetChange.js';

/** Options of `diffRuleSets`. */
export interface DiffRuleSetsOptions {
  /** The language of each change's `message`: `'en'` (default) or `'zh-CN'`. */
  locale?: DiffLocale;
}

const LOCALES: readonly DiffLocale[] = ['en', 'zh-CN'];

function settingValues(settings: Settings): Record<SettingName, SettingValue> {
  return {
    'manual.enabled': settings.manual.enabled,
    'manual.agentConfirmation': settings.manual.agentConfirmation,
    'auto.enabled': settings.auto.enabled,
    'auto.agentConfirmation': settings.auto.agentConfirmation,
    // Absent means no re-offer (SPEC §3): the same as false.
    'auto.reofferOnDecline': settings.auto.reofferOnDecline ?? false,
    'auto.queue.priority': settings.auto.queue?.priority ?? null,
    'auto.queue.alertAfter': settings.auto.queue?.alertAfter ?? null,
    'application.enabled': settings.application.enabled,
    'application.adminApproval': settings.application.adminApproval,
    'application.agentConfirmation': settings.application.agentConfirmation,
    pendingTimeout: settings.pendingTimeout ?? null,
  };
}

/** The clean copy of a rule set, plain or compiled; invalid input is refused with its issues under `argument`. */
function sourceOf(ruleSet: RuleSet | CompiledRuleSet, argument: 'before' | 'after'): RuleSet {
  if (isCompiledRuleSet(ruleSet)) return ruleSet.source;
  const result = validateRuleSet(ruleSet);
  if (!result.ok) throw new RuleSetError(result.issues.map((issue) => ({ ...issue, path: [argument, ...issue.path] })));
  return result.ruleSet;
}

/** The longest start of `path` that exists in `root`: where something removed used to hang. */
function existingPath(root: unknown, path: IssuePath): IssuePath {
  let node = root;
  for (let index = 0; index < path.length; index++) {
    const key = path[index]!;
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return path.slice(0, index);
    node = (node as Record<string | number, unknown>)[key];
  }
  return path;
}

function topLevelChanges(before: RuleSet, after: RuleSet, changes: UnwordedChange[]): void {
  if (before.timeZone !== after.timeZone) changes.push({ code: 'time_zone_changed', path: ['timeZone'], params: { from: before.timeZone, to: after.timeZone } });
  const weekBefore = before.weekStartsOn ?? 1;
  const weekAfter = after.weekStartsOn ?? 1;
  if (weekBefore !== weekAfter) changes.push({ code: 'week_start_changed', path: ['weekStartsOn'], params: { from: weekBefore, to: weekAfter } });
  const settingsBefore = settingValues(before.settings);
  const settingsAfter = settingValues(after.settings);
  for (const setting of Object.keys(settingsAfter) as SettingName[]) {
    const from = settingsBefore[setting];
    const to = settingsAfter[setting];
    if (from !== to) changes.push({ code: 'setting_changed', path: ['settings', ...setting.split('.')], params: { setting, from, to } });
  }
  const fieldsBefore = before.fields;
  const fieldsAfter = after.fields;
  if (fieldsBefore === undefined && fieldsAfter !== undefined) changes.push({ code: 'fields_declared', path: ['fields'], params: {} });
  if (fieldsBefore !== undefined && fieldsAfter === undefined) changes.push({ code: 'fields_undeclared', path: ['fields'], params: {} });
  const oldFields = fieldsBefore ?? {};
  const newFields = fieldsAfter ?? {};
  for (const [field, type] of Object.entries(oldFields)) {
    if (!Object.hasOwn(newFields, field)) changes.push({ code: 'field_removed', path: ['fields'], params: { field, type } });
  }
  for (const [field, type] of Object.entries(newFields)) {
    if (!Object.hasOwn(oldFields, field)) changes.push({ code: 'field_added', path: ['fields', field], params: { field, type } });
    else if (oldFields[field] !== type) changes.push({ code: 'field_type_changed', path: ['fields', field], params: { field, from: oldFields[field]!, to: type } });
  }
}

function rulesChanges(before: RuleSet, after: RuleSet, changes: UnwordedChange[]): void {
  const oldIndex = new Map(before.rules.map((rule, index) => [rule.id, index]));
  const newIds = new Set(after.rules.map((rule) => rule.id));
  const moved = movedRuleIds(
    before.rules.map((rule) => rule.id),
    after.rules.map((rule) => rule.id),
  );
  after.rules.forEach((rule, index) => {
    const at = ['rules', index];
    const was = oldIndex.get(rule.id);
    if (was === undefined) {
      changes.push({ code: 'rule_added', ruleId: rule.id, path: at, params: { rule: rule.name, position: index + 1 } });
      return;
    }
    if (moved.has(rule.id)) changes.push({ code: 'rule_moved', ruleId: rule.id, path: at, params: { rule: rule.name, from: was + 1, to: index + 1 } });
    changes.push(...ruleChanges(canonicalRule(before.rules[was]!), canonicalRule(rule), at));
  });
  before.rules.forEach((rule, index) => {
    if (!newIds.has(rule.id)) changes.push({ code: 'rule_removed', ruleId: rule.id, path: ['rules', index], params: { rule: rule.name, position: index + 1 } });
  });
  const defaultBefore = before.defaultRule ?? null;
  const defaultAfter = after.defaultRule ?? null;
  if (defaultBefore === null && defaultAfter !== null) {
    changes.push({ code: 'default_rule_added', ruleId: '$default', path: ['defaultRule'], params: { rule: defaultAfter.name } });
  } else if (defaultBefore !== null && defaultAfter === null) {
    changes.push({ code: 'default_rule_removed', ruleId: '$default', path: ['defaultRule'], params: { rule: defaultBefore.name } });
  } else if (defaultBefore !== null && defaultAfter !== null) {
    changes.push(...ruleChanges(canonicalRule(defaultBefore), canonicalRule(defaultAfter), ['defaultRule']));
  }
}

/**
 * Lists what changed from one rule set to another, rule by rule, as data
 * first — `{ code, ruleId?, path, params }` — and worded in `message`: the
 * zone, the week start, every setting (the waiting queue's included), the
 * declared fields, then each rule of the new rule set in order (added, moved,
 * renamed, enabled or disabled, its condition, schedule, participants,
 * weights, order, eligibility, sticky, onNoAgent), the rules removed, and the
 * default rule. Rules are matched by id. Defaults count as written
 * (`sticky` absent is `sticky: false`), so the list is empty exactly when the
 * two rule sets mean the same. Pure: the same input gives the same list.
 *
 * @param before - the old rule set, plain or compiled
 * @param after - the new rule set, plain or compiled
 * @param options - `locale`: the language of the messages, `'en'` (default) or `'zh-CN'`
 * @returns the changes; empty when none
 * @throws RuleSetError when either rule set is invalid, its issues' paths starting with `before` or `after`
 * @throws InputError when the options are malformed (an unknown locale)
 * @example
 * ```ts
 * const changes = diffRuleSets(current, proposal, { locale: 'zh-CN' });
 * for (const change of changes) console.log(change.message); // 规则“VIP customers”（vip）：停用
 * ```
 */
export function diffRuleSets(before: RuleSet | CompiledRuleSet, after: RuleSet | CompiledRuleSet, options?: DiffRuleSetsOptions): RuleSetChange[] {
  const { locale } = readOptions(options, 'options', ['locale']);
  const language = locale === undefined ? 'en' : readOneOf(locale, 'options.locale', LOCALES);
  const old = sourceOf(before, 'before');
  const next = sourceOf(after, 'after');
  const changes: UnwordedChange[] = [];
  topLevelChanges(old, next, changes);
  rulesChanges(old, next, changes);
  return changes.map((change) => {
    const removed = change.code === 'rule_removed' || change.code === 'default_rule_removed';
    const path = existingPath(removed ? old : next, change.path);
    return { ...change, path, message: formatRuleSetChange(change, language) } as RuleSetChange;
  });
}
