import { WorkflowError } from '../errors.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { resolveRuleSet } from '../ruleset/compileRuleSet.js';
import type { RuleSet } from '../ruleset/types.js';
import { deriveRecordId } from '../recordId.js';
import type { Actor, AssignmentRecord, Instant, SubjectInput, SubjectRef, WorkflowResult } from '../types.js';
import { assertEventAccepted } from './assertEventAccepted.js';
import { createRecord } from './createRecord.js';
import { effectsOnEntry } from './effectsOnEntry.js';
import { moveRecord } from './moveRecord.js';
import { readRequest } from './readRequest.js';

/** Options of `requestManualAssignment`. */
export interface ManualAssignmentRequest {
  ruleSet: RuleSet | CompiledRuleSet;
  /** `pending: true` means another record of the subject is pending; pass it as `pendingRecord`. */
  subject: SubjectInput;
  agentId: string;
  /** Must be an admin. */
  actor: Actor;
  now: Instant;
  /** Default: `deriveRecordId('manual', subject, now)`. */
  recordId?: string;
  /** The subject's pending record, which this assignment cancels. */
  pendingRecord?: AssignmentRecord;
  note?: string;
  /**
   * The rule the move acts for, kept as the record's `ruleId` (default null):
   * a transfer the rules decided, or a rebalance of the rule's portfolio, so
   * the subject still counts as the rule's.
   */
  ruleId?: string | null;
}

/**
 * An admin assigns a dedicated agent by hand (管理员手动分配). The record is
 * effective at once, or `pending_confirmation` when `settings.manual.agentConfirmation`
 * is on (客服二次确认). A pending record of the same subject is cancelled by the
 * admin first (its transition and notifications come first in the result, the
 * cancelled record in `others`, with the note `superseded by <new record id>`).
 *
 * Refusals, in order: malformed input (`invalid_input`), actor not an admin
 * (`forbidden`), manual assignment disabled (`feature_disabled`), the subject
 * already has this agent (`already_assigned`), `subject.pending` without
 * `pendingRecord` (`pending_exists`), and whatever `transition` refuses when
 * cancelling `pendingRecord` (e.g. `not_pending` for a record that is no longer
 * pending; `invalid_input` for a record of another subject).
 *
 * @param request - rule set, subject, agent, acting admin, time, and optionally the record id, pending record, note and rule id
 * @returns the new record; `others` holds the cancelled pending record, if any
 * @throws WorkflowError when refused; RuleSetError when the rule set is invalid
 * @example
 * ```ts
 * const { record, effects } = requestManualAssignment({
 *   ruleSet, subject: { id: 'c-1', agentId: 'han-meimei' }, agentId: 'li-lei',
 *   actor: { id: 'admin-1', role: 'admin' }, now: new Date(),
 * });
 * record.status; // 'effective' (or 'pending_confirmation' with agent confirmation on)
 * ```
 */
export function requestManualAssignment(request: ManualAssignmentRequest): WorkflowResult {
  const { subject, currentAgentId, pending, agentId, actor, nowMs, recordId: givenId, note, pendingRecord, ruleId } = readRequest(request, 'manual');
  const ruleSet = resolveRuleSet(request.ruleSet);
  if (actor.role !== 'admin') {
    throw new WorkflowError('forbidden', `Only an admin may assign an agent manually (actor ${actor.role} "${actor.id}")`);
  }
  if (!ruleSet.settings.manual.enabled) {
    throw new WorkflowError('feature_disabled', 'Manual assignment is disabled in the rule set (settings.manual.enabled)');
  }
  if (currentAgentId === agentId) {
    throw new WorkflowError('already_assigned', `Agent "${agentId}" is already the dedicated agent of ${subject.kind} "${subject.id}"`);
  }
  if (pending && pendingRecord === undefined) {
    throw new WorkflowError(
      'pending_exists',
      `${subject.kind} "${subject.id}" has a pending record; pass it as pendingRecord so this assignment can cancel it`,
    );
  }
  const recordId = givenId ?? deriveRecordId('manual', subject, nowMs);
  const cancelled = pendingRecord === undefined ? [] : [cancelPending(pendingRecord, subject, actor, recordId, nowMs)];

  const record = createRecord({
    id: recordId,
    type: 'manual',
    status: ruleSet.settings.manual.agentConfirmation ? 'pending_confirmation' : 'effective',
    subject,
    agentId,
    previousAgentId: currentAgentId,
    ruleId,
    requestedBy: actor,
    at: nowMs,
    pendingTimeoutMs: ruleSet.pendingTimeoutMs,
    ...(note === undefined ? {} : { note }),
  });
  return {
    record,
    others: cancelled.map((result) => result.record),
    transitions: [...cancelled.flatMap((result) => result.transitions), ...record.history],
    effects: [...cancelled.flatMap((result) => result.effects), ...effectsOnEntry(record, record.updatedAt)],
  };
}

function cancelPending(pending: AssignmentRecord, subject: SubjectRef, actor: Actor, recordId: string, nowMs: number): WorkflowResult {
  if (pending.subject.id !== subject.id || pending.subject.kind !== subject.kind) {
    throw new WorkflowError(
      'invalid_input',
      `pendingRecord ${pending.id} belongs to ${pending.subject.kind} "${pending.subject.id}", not to the subject being assigned`,
    );
  }
  assertEventAccepted(pending, 'cancel', actor, nowMs);
  return moveRecord(pending, 'cancel', 'cancelled', {
    nowMs,
    actor,
    note: `superseded by ${recordId}`,
    pendingTimeoutMs: null,
  });
}
