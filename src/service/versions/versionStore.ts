import { InputError } from '../../core/errors.js';
import type { AssignmentStore } from '../../ports.js';

/** A store with every rule-set version method of the port. */
export type VersionStore = AssignmentStore &
  Required<Pick<AssignmentStore, 'saveRuleSet' | 'currentRuleSet' | 'ruleSetRevision' | 'ruleSetVersion' | 'ruleSetVersions'>>;

const METHODS = ['saveRuleSet', 'currentRuleSet', 'ruleSetRevision', 'ruleSetVersion', 'ruleSetVersions'] as const;

/**
 * The store, when it keeps rule-set versions.
 *
 * @internal
 * @param store - the service's store
 * @param path - where the store was given, for the error
 * @returns the store, typed with its version methods
 * @throws InputError (`invalid_input`) naming the first missing method
 * @example
 * ```ts
 * await versionStore(context.store, 'options.store').ruleSetRevision();
 * ```
 */
export function versionStore(store: AssignmentStore, path: string): VersionStore {
  const missing = METHODS.find((method) => typeof store[method] !== 'function');
  if (missing !== undefined) throw new InputError(path, `a store that keeps rule-set versions (${METHODS.join(', ')})`, `a store without ${missing}`);
  return store as VersionStore;
}
