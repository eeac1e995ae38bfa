import { InputError, WorkflowError } from '../../core/errors.js';
import { readActor } from '../../core/input/readActor.js';
import { readNote } from '../../core/input/readNote.js';
import { readOptions } from '../../core/input/readOptions.js';
import { compileRuleSet } from '../../core/ruleset/compileRuleSet.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import type { RuleSet } from '../../core/ruleset/types.js';
import type { RuleSetVersion } from '../../ports.js';
import { callStore } from '../callStore.js';
import type { ServiceContext } from '../serviceContext.js';
import { versionStore } from './versionStore.js';

/**
 * `service.saveRuleSet`: an admin stores a new version of the rule set and
 * makes it current. The rule set is validated first (refused with
 * `RuleSetError` and its issues, nothing stored); the version's `revision`
 * is derived from the validated content, `createdAt` is the service's clock.
 *
 * @internal
 * @param context - the service's context
 * @param ruleSet - the rule set (plain JSON)
 * @param options - the acting admin and an optional note (why it changed)
 * @returns the version stored
 * @throws AssignmentError `invalid_input` for malformed options or a store without rule-set versions; WorkflowError `forbidden`
 *   unless an admin acts; RuleSetError for an invalid rule set; StoreError
 * @example
 * ```ts
 * await saveRuleSet(context, ruleSet, { actor: { id: 'wang', role: 'admin' }, note: 'VIP rule first' });
 * ```
 */
export async function saveRuleSet(context: ServiceContext, ruleSet: RuleSet, options: unknown): Promise<RuleSetVersion> {
  if (options === undefined) throw new InputError('options', 'an object { actor, note? }', describeValue(options));
  const given = readOptions(options, 'options', ['actor', 'note']);
  const actor = readActor(given.actor, 'options.actor');
  const note = readNote(given.note, 'options.note') ?? null;
  if (actor.role !== 'admin') throw new WorkflowError('forbidden', `Only an admin may change the rule set (actor ${actor.role} "${actor.id}")`);
  const store = versionStore(context.store, 'options.store');
  const compiled = compileRuleSet(ruleSet);
  const version: RuleSetVersion = { revision: compiled.revision, ruleSet: compiled.source, createdAt: context.clock.now(), actor, note };
  await callStore('saveRuleSet', () => store.saveRuleSet(version));
  return structuredClone(version);
}
