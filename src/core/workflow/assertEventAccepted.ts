import { WorkflowError } from '../errors.js';
import { en } from '../i18n/en.js';
import type { WorkflowActorWord } from '../i18n/messages.js';
import { readInstant } from '../input/readInstant.js';
import { type Actor, type AssignmentRecord, PENDING_STATUSES, type RecordStatus, TERMINAL_STATUSES, type WorkflowEvent } from '../types.js';

interface EventRule {
  /** The statuses the event is accepted from. */
  from: readonly RecordStatus[];
  /** Who may send it: a catalogue word, so a UI can say it in its language. */
  who: WorkflowActorWord;
  may: (actor: Actor, record: AssignmentRecord) => boolean;
}

const isAdmin = (actor: Actor): boolean => actor.role === 'admin';
const isSystem = (actor: Actor): boolean => actor.role === 'system';
const isRecordAgent = (actor: Actor, record: AssignmentRecord): boolean =>
  actor.role === 'agent' && actor.id === record.agentId;
// The requester is recognised by id alone: one CRM user, whatever role they act in now.
const isRequesterOrAdmin = (actor: Actor, record: AssignmentRecord): boolean =>
  actor.id === record.requestedBy.id || isAdmin(actor);

const EVENT_RULES: Readonly<Record<WorkflowEvent, EventRule>> = {
  approve: { from: ['pending_approval'], who: 'admin', may: isAdmin },
  reject: { from: ['pending_approval'], who: 'admin', may: isAdmin },
  confirm: { from: ['pending_confirmation'], who: 'record_agent', may: isRecordAgent },
  decline: { from: ['pending_confirmation'], who: 'record_agent', may: isRecordAgent },
  cancel: { from: PENDING_STATUSES, who: 'requester_or_admin', may: isRequesterOrAdmin },
  expire: { from: PENDING_STATUSES, who: 'system', may: isSystem },
  end: { from: ['effective'], who: 'system', may: isSystem },
};

/**
 * Refuses an event the record does not accept, checking in this order (so a UI
 * shows the most useful reason first, and a stale screen learns the record moved on):
 * 1. unknown event → `invalid_input`;
 * 2. final status → `invalid_transition` ("is final");
 * 3. wrong status → `not_pending` for an event that needs a pending record on an
 *    effective one, else `invalid_transition` (e.g. `approve` while awaiting confirmation);
 * 4. wrong actor → `forbidden`;
 * 5. `expire` before `expiresAt` (or without one) → `not_expired`.
 *
 * @internal
 * @param record - the record as it is
 * @param event - the event
 * @param actor - who sends it
 * @param nowMs - when (epoch ms)
 * @returns nothing; throws when refused
 * @throws WorkflowError with the code above
 * @example
 * ```ts
 * assertEventAccepted(record, 'confirm', { id: 'li-lei', role: 'agent' }, nowMs);
 * ```
 */
export function assertEventAccepted(record: AssignmentRecord, event: WorkflowEvent, actor: Actor, nowMs: number): void {
  const rule = Object.hasOwn(EVENT_RULES, event) ? EVENT_RULES[event] : undefined;
  if (rule === undefined) {
    throw new WorkflowError('invalid_input', `Unknown workflow event ${JSON.stringify(event)}`);
  }
  if (TERMINAL_STATUSES.includes(record.status)) {
    throw new WorkflowError('invalid_transition', `Record ${record.id} is final (${record.status}); it accepts no "${event}"`);
  }
  if (!rule.from.includes(record.status)) {
    const needsPending = rule.from.every((status) => PENDING_STATUSES.includes(status));
    const code = needsPending && !PENDING_STATUSES.includes(record.status) ? 'not_pending' : 'invalid_transition';
    throw new WorkflowError(
      code,
      `Record ${record.id} is ${record.status}; "${event}" is accepted only from ${rule.from.join(' or ')}`,
    );
  }
  if (!rule.may(actor, record)) {
    throw new WorkflowError(
      'forbidden',
      `Only ${en.workflow.who[rule.who]} may ${event} record ${record.id} (actor ${actor.role} "${actor.id}")`,
      { who: rule.who, event, recordId: record.id },
    );
  }
  if (event === 'expire') {
    const expiresAtMs = expiryMs(record);
    if (expiresAtMs === null) {
      throw new WorkflowError('not_expired', `Record ${record.id} has no expiry time; it never expires`);
    }
    if (nowMs < expiresAtMs) {
      throw new WorkflowError('not_expired', `Record ${record.id} expires at ${new Date(expiresAtMs).toISOString()}, not before`);
    }
  }
}

/**
 * A record's expiry instant in epoch ms. Read with `readInstant`, so a record
 * read back from JSON with `expiresAt` still an ISO string works too.
 *
 * @internal
 * @param record - the record
 * @returns epoch ms, or null when the record never expires
 * @example
 * ```ts
 * const at = expiryMs(record);
 * const overdue = at !== null && nowMs >= at;
 * ```
 */
export function expiryMs(record: AssignmentRecord): number | null {
  return record.expiresAt === null ? null : readInstant(record.expiresAt, `expiresAt of record ${record.id}`);
}
