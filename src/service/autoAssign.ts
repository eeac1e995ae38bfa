import type { AssignmentResult } from '../core/types.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { decideAutomatically } from './decideAutomatically.js';
import { invalidInput } from './invalidInput.js';
import { readId } from './readId.js';
import { readSubjectLocator } from './readSubjectLocator.js';
import { readSubjectState } from './readSubjectState.js';
import { reviveAssignmentResult, storableAssignmentResult } from './reviveAssignmentResult.js';
import { runTransaction } from './runTransaction.js';
import type { ServiceContext } from './serviceContext.js';
import type { AutoAssignOptions, SubjectUpdate } from './types.js';

/**
 * `service.autoAssign`: stores or updates the subject (its fields replaced when
 * given, kept otherwise), decides by the rules and commits the decision — the
 * record, the subject's agent, counts, rule state, notifications and the
 * idempotency key — in one transaction. With an `idempotencyKey` already used,
 * returns the first call's result (with its `Date`s) and writes nothing, not
 * even the fields.
 *
 * @internal
 * @param context - the service's context
 * @param input - the subject as the CRM has it
 * @param options - `idempotencyKey`, `reassign`
 * @returns the decision
 * @throws AssignmentError `invalid_input` for a malformed subject or option; RuleSetError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * await autoAssign(context, { id: 'c-1', fields: { region: '北京' } }, { idempotencyKey: 'crm-event-42' });
 * ```
 */
export async function autoAssign(context: ServiceContext, input: SubjectUpdate, options: AutoAssignOptions = {}): Promise<AssignmentResult> {
  const subject = readSubjectLocator(input, 'subject');
  const { fields } = input;
  if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
    throw invalidInput('subject.fields', 'an object when given', fields);
  }
  if (typeof options !== 'object' || options === null) throw invalidInput('options', 'an object', options);
  const key = options.idempotencyKey === undefined ? undefined : readId(options.idempotencyKey, 'options.idempotencyKey');
  if (options.reassign !== undefined && typeof options.reassign !== 'boolean') {
    throw invalidInput('options.reassign', 'a boolean when given', options.reassign);
  }
  const ruleSet = await context.loadRuleSet();
  return runTransaction(context, ruleSet, async (call) => {
    if (key !== undefined) {
      const first = await call.tx.idempotentResult(key);
      if (first !== undefined) return reviveAssignmentResult(first);
    }
    // Without fields, an existing subject keeps its own; a new one starts with none.
    const state = (await readSubjectState(call.tx, subject, fields)) ?? (await readSubjectState(call.tx, subject, {}));
    const builder = new ChangeSetBuilder(call, state!);
    const result = await decideAutomatically(call, builder, { reassign: options.reassign === true });
    if (key !== undefined) builder.remember(key, storableAssignmentResult(result));
    await call.tx.commit(builder.build());
    return result;
  });
}
