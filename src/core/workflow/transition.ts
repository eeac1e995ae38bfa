import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { resolveRuleSet } from '../ruleset/compileRuleSet.js';
import type { RuleSet, Settings } from '../ruleset/types.js';
import { InputError } from '../errors.js';
import { readInstant } from '../input/readInstant.js';
import { readNote } from '../input/readNote.js';
import { readOptions } from '../input/readOptions.js';
import { readRecord } from '../input/readRecord.js';
import { describeValue } from '../ruleset/describeValue.js';
import {
  type Actor,
  type AssignmentRecord,
  type Instant,
  type RecordStatus,
  SYSTEM_ACTOR,
  type WorkflowEvent,
  type WorkflowResult,
} from '../types.js';
import { assertEventAccepted } from './assertEventAccepted.js';
import { moveRecord } from './moveRecord.js';
import { readActor } from '../input/readActor.js';

/** Options of `transition`. */
export interface TransitionOptions {
  ruleSet: RuleSet | CompiledRuleSet;
  now: Instant;
  /** Who sends the event; default `SYSTEM_ACTOR`. */
  actor?: Actor;
  /** Kept in the history entry. */
  note?: string;
}

/**
 * Moves a record by one workflow event, purely: returns the new record, its
 * transition and the effects, and never mutates the input.
 *
 * | event | from | who | to |
 * |---|---|---|---|
 * | `approve` | `pending_approval` | an admin | `pending_confirmation` when the record type's `agentConfirmation` is on, else `effective` |
 * | `reject` | `pending_approval` | an admin | `rejected` |
 * | `confirm` | `pending_confirmation` | the record's agent (role `agent`, same id) | `effective` |
 * | `decline` | `pending_confirmation` | the record's agent | `declined` |
 * | `cancel` | a pending status | the requester (same id) or an admin | `cancelled` |
 * | `expire` | a pending status, `now ≥ expiresAt` | the system | `expired` |
 * | `end` | `effective` | the system (a later record of the subject became effective) | `ended` |
 *
 * Refusals are checked in this order: unknown event (`invalid_input`), final
 * status (`invalid_transition`), wrong status (`not_pending` when the event needs
 * a pending record and the record is effective, else `invalid_transition`),
 * wrong actor (`forbidden`), expiry not reached (`not_expired`).
 *
 * Entering `pending_confirmation` by approval re-arms `expiresAt` to
 * `now + pendingTimeout`: the agent gets a full timeout to answer.
 *
 * @param record - the record as it is now (not mutated)
 * @param event - the event
 * @param options - `ruleSet`, `now`, and optionally `actor` (default the system) and `note`
 * @returns `{ record, others: [], transitions: [one], effects }`
 * @throws WorkflowError when the event is refused; RuleSetError when the rule set is invalid
 * @example
 * ```ts
 * const { record: confirmed, effects } = transition(record, 'confirm', {
 *   ruleSet, now: new Date(), actor: { id: 'li-lei', role: 'agent' },
 * });
 * confirmed.status; // 'effective'; effects include subject.setAgent
 * ```
 */
export function transition(record: AssignmentRecord, event: WorkflowEvent, options: TransitionOptions): WorkflowResult {
  readRecord(record, 'record');
  if (options === undefined) throw new InputError('options', 'an object { ruleSet, now, actor?, note? }', describeValue(options));
  const given = readOptions(options, 'options', ['ruleSet', 'now', 'actor', 'note']);
  const nowMs = readInstant(given.now, 'options.now');
  const actor = given.actor === undefined ? SYSTEM_ACTOR : readActor(given.actor, 'options.actor');
  const note = readNote(given.note, 'options.note');
  const ruleSet = resolveRuleSet(options.ruleSet);
  assertEventAccepted(record, event, actor, nowMs);
  return moveRecord(record, event, nextStatus(record, event, ruleSet.settings), {
    nowMs,
    actor,
    pendingTimeoutMs: ruleSet.pendingTimeoutMs,
    ...(note === undefined ? {} : { note }),
  });
}

const EVENT_OUTCOMES: Readonly<Record<Exclude<WorkflowEvent, 'approve'>, RecordStatus>> = {
  reject: 'rejected',
  confirm: 'effective',
  decline: 'declined',
  cancel: 'cancelled',
  expire: 'expired',
  end: 'ended',
};

function nextStatus(record: AssignmentRecord, event: WorkflowEvent, settings: Settings): RecordStatus {
  if (event !== 'approve') return EVENT_OUTCOMES[event];
  // The settings of the way the record was made decide whether the agent must still agree.
  return settings[record.type].agentConfirmation ? 'pending_confirmation' : 'effective';
}
