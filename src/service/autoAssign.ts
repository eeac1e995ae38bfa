import type { AssignmentResult } from '../core/types.js';
import type { GroupCommitQueue } from './groupCommitQueue.js';
import { InputError } from '../core/errors.js';
import { readOptions } from '../core/input/readOptions.js';
import { readSubjectUpdate } from '../core/input/readSubjectUpdate.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { readId } from '../core/input/readId.js';
import type { ServiceContext } from './serviceContext.js';
import type { AutoAssignOptions, SubjectUpdate } from './types.js';

/**
 * `service.autoAssign`: stores or updates the subject (its fields replaced when
 * given, kept otherwise), decides by the rules and commits the decision — the
 * record, the subject's agent, counts, rule state, notifications and the
 * idempotency key — in one transaction, which it may share with other
 * `autoAssign` calls of the service (group commit, see `GroupCommitQueue`).
 * With an `idempotencyKey` already used, returns the first call's result
 * (with its `Date`s) and writes nothing, not even the fields.
 *
 * @internal
 * @param context - the service's context
 * @param queue - the service's group-commit queue
 * @param input - the subject as the CRM has it
 * @param options - `idempotencyKey`, `reassign`
 * @returns the decision
 * @throws AssignmentError `invalid_input` for a malformed subject or option; RuleSetError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * await autoAssign(context, queue, { id: 'c-1', fields: { region: '北京' } }, { idempotencyKey: 'crm-event-42' });
 * ```
 */
export async function autoAssign(
  context: ServiceContext,
  queue: GroupCommitQueue,
  input: SubjectUpdate,
  options?: AutoAssignOptions,
): Promise<AssignmentResult> {
  const { fields, ...subject } = readSubjectUpdate(input, 'subject', context.limits);
  const { idempotencyKey: key, reassign } = readOptions(options, 'options', ['idempotencyKey', 'reassign']);
  const idempotencyKey = key === undefined ? undefined : readId(key, 'options.idempotencyKey');
  if (reassign !== undefined && typeof reassign !== 'boolean') throw new InputError('options.reassign', 'a boolean when given', describeValue(reassign));
  const ruleSet = await context.loadRuleSet();
  return queue.assign(ruleSet, { subject, fields, idempotencyKey, reassign: reassign === true });
}
