import type { AssignmentResult } from '../core/types.js';
import type { GroupCommitQueue } from './groupCommitQueue.js';
import { invalidInput } from './invalidInput.js';
import { readId } from './readId.js';
import { readSubjectLocator } from './readSubjectLocator.js';
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
  options: AutoAssignOptions = {},
): Promise<AssignmentResult> {
  const subject = readSubjectLocator(input, 'subject');
  const { fields } = input;
  if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
    throw invalidInput('subject.fields', 'an object when given', fields);
  }
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'an object', options);
  const idempotencyKey = options.idempotencyKey === undefined ? undefined : readId(options.idempotencyKey, 'options.idempotencyKey');
  if (options.reassign !== undefined && typeof options.reassign !== 'boolean') {
    throw invalidInput('options.reassign', 'a boolean when given', options.reassign);
  }
  const ruleSet = await context.loadRuleSet();
  return queue.assign(ruleSet, { subject, fields, idempotencyKey, reassign: options.reassign === true });
}
