import { WorkflowError } from '../errors.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { resolveRuleSet } from '../ruleset/compileRuleSet.js';
import type { RuleSet } from '../ruleset/types.js';
import type { Actor, Instant, SubjectInput, WorkflowResult } from '../types.js';
import { createRecord } from './createRecord.js';
import { effectsOnEntry } from './effectsOnEntry.js';
import { readRequest } from './readRequest.js';

/** Options of `requestApplication`. */
export interface ApplicationRequest {
  ruleSet: RuleSet | CompiledRuleSet;
  /** `pending: true` (another record of the subject is pending) refuses the application. */
  subject: SubjectInput;
  agentId: string;
  /** Must be a business user. */
  actor: Actor;
  /** Whether the CRM lets this user view the subject; the library cannot know. */
  canView: boolean;
  now: Instant;
  /** Default: `deriveRecordId('application', subject, now)`. */
  recordId?: string;
  note?: string;
}

/**
 * A business user (e.g. sales) requests a dedicated agent for a subject they can
 * view (业务申请分配). The record's status follows the settings: `pending_approval`
 * when `application.adminApproval` is on (the admins are asked first),
 * else `pending_confirmation` when `application.agentConfirmation` is on, else
 * `effective` at once. With both on, the admin approves first and then the
 * agent confirms; both must agree.
 *
 * Refusals, in order: malformed input (`invalid_input`), actor not a business
 * user (`forbidden`), `canView` not true (`forbidden`), applications disabled
 * (`feature_disabled`), the subject already has this agent (`already_assigned`),
 * another record of the subject pending (`pending_exists`).
 *
 * @param request - rule set, subject, agent, requesting user, visibility, time, and optionally the record id and note
 * @returns the new record and its effects (`others` is empty)
 * @throws WorkflowError when refused; RuleSetError when the rule set is invalid
 * @example
 * ```ts
 * const { record } = requestApplication({
 *   ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei',
 *   actor: { id: 'sales-7', role: 'business' }, canView: true, now: new Date(),
 * });
 * record.status; // 'pending_approval' when admin approval is on
 * ```
 */
export function requestApplication(request: ApplicationRequest): WorkflowResult {
  const { subject, currentAgentId, pending, agentId, actor, nowMs, recordId, note, canView } = readRequest(request, 'application');
  const ruleSet = resolveRuleSet(request.ruleSet);
  if (actor.role !== 'business') {
    throw new WorkflowError('forbidden', `Only a business user may apply for an agent (actor ${actor.role} "${actor.id}")`);
  }
  if (!canView) {
    throw new WorkflowError('forbidden', `User "${actor.id}" cannot view ${subject.kind} "${subject.id}", so may not apply for its agent`);
  }
  const { application } = ruleSet.settings;
  if (!application.enabled) {
    throw new WorkflowError('feature_disabled', 'Applications are disabled in the rule set (settings.application.enabled)');
  }
  if (currentAgentId === agentId) {
    throw new WorkflowError('already_assigned', `Agent "${agentId}" is already the dedicated agent of ${subject.kind} "${subject.id}"`);
  }
  if (pending) {
    throw new WorkflowError(
      'pending_exists',
      `${subject.kind} "${subject.id}" has a pending record; it must be settled before a new application`,
    );
  }
  const status = application.adminApproval
    ? 'pending_approval'
    : application.agentConfirmation
      ? 'pending_confirmation'
      : 'effective';
  const record = createRecord({
    ...(recordId === undefined ? {} : { id: recordId }),
    type: 'application',
    status,
    subject,
    agentId,
    previousAgentId: currentAgentId,
    ruleId: null,
    requestedBy: actor,
    at: nowMs,
    pendingTimeoutMs: ruleSet.pendingTimeoutMs,
    ...(note === undefined ? {} : { note }),
  });
  return { record, others: [], transitions: [...record.history], effects: effectsOnEntry(record, record.updatedAt) };
}
