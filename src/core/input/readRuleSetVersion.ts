import { InputError, RuleSetError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { validateRuleSet } from '../ruleset/validateRuleSet.js';
import { ruleSetRevision } from '../versions/ruleSetRevision.js';
import type { Actor } from '../types.js';
import type { RuleSet } from '../ruleset/types.js';
import { readActor } from './readActor.js';
import { readInstant } from './readInstant.js';
import { readNote } from './readNote.js';
import { readOptions } from './readOptions.js';

/** A rule-set version as a store may keep it: validated, its revision checked against its content. */
export interface RuleSetVersionRead {
  revision: string;
  ruleSet: RuleSet;
  createdAt: Date;
  actor: Actor;
  note: string | null;
}

/**
 * Reads a rule-set version given to a store's `saveRuleSet`: the rule set
 * must be valid (its validated copy is kept) and `revision` must be its
 * revision (`ruleSetRevision`), so a history never holds a revision that
 * names other content; `createdAt` an instant, `actor` an actor, `note` a
 * note or null.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error
 * @returns a trusted copy
 * @throws InputError (`invalid_input`) naming the member; RuleSetError when the rule set is invalid
 * @example
 * ```ts
 * readRuleSetVersion({ revision: ruleSetRevision(rs), ruleSet: rs, createdAt: new Date(), actor, note: null }, 'version');
 * ```
 */
export function readRuleSetVersion(value: unknown, path: string): RuleSetVersionRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, 'an object { revision, ruleSet, createdAt, actor, note }', describeValue(value));
  }
  const given = readOptions(value, path, ['revision', 'ruleSet', 'createdAt', 'actor', 'note']);
  const validation = validateRuleSet(given.ruleSet);
  if (!validation.ok) throw new RuleSetError(validation.issues);
  const revision = ruleSetRevision(validation.ruleSet);
  if (given.revision !== revision) throw new InputError(`${path}.revision`, `the rule set's revision, ${revision}`, describeValue(given.revision));
  return {
    revision,
    ruleSet: validation.ruleSet,
    createdAt: new Date(readInstant(given.createdAt, `${path}.createdAt`)),
    actor: readActor(given.actor, `${path}.actor`),
    note: given.note === null ? null : (readNote(given.note, `${path}.note`) ?? null),
  };
}
