import { AssignmentError } from '../../core/errors.js';
import { compileRuleSet } from '../../core/ruleset/compileRuleSet.js';
import type { CompiledRuleSet } from '../../core/ruleset/compiledTypes.js';
import { callStore } from '../callStore.js';
import type { VersionStore } from './versionStore.js';

/**
 * The rule set of a service created with neither `ruleSet` nor
 * `loadRuleSet`: the store's current version. Each call asks the store for
 * the current revision only (one small read) and compiles the version again
 * only when the revision changed, so every process picks up a new version
 * at its next call without reloading it on every call.
 *
 * @internal
 * @param store - a store that keeps rule-set versions
 * @returns the loader: the compiled current version
 * @throws (the loader) AssignmentError `not_found` while no version was saved; StoreError when the store fails
 * @example
 * ```ts
 * const load = storedRuleSetLoader(store);
 * const ruleSet = await load(); // compiled once per revision
 * ```
 */
export function storedRuleSetLoader(store: VersionStore): () => Promise<CompiledRuleSet> {
  let cached: { revision: string; compiled: CompiledRuleSet } | null = null;
  return async () => {
    const revision = await callStore('ruleSetRevision', () => store.ruleSetRevision());
    if (revision === null) throw new AssignmentError('not_found', 'The store holds no rule set yet: save one with saveRuleSet');
    if (cached !== null && cached.revision === revision) return cached.compiled;
    const current = await callStore('currentRuleSet', () => store.currentRuleSet());
    if (current === null) throw new AssignmentError('not_found', 'The store holds no rule set yet: save one with saveRuleSet');
    // Another save may have landed between the two reads: cache under the revision of what was read.
    cached = { revision: current.revision, compiled: compileRuleSet(current.ruleSet) };
    return cached.compiled;
  };
}
