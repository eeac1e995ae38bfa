import { assignCustomer } from '../../core/assign.js';
import { InputError, NotFoundError, WorkflowError } from '../../core/errors.js';
import { compileSubjectFilter, type SubjectFilter } from '../../core/governance/compileSubjectFilter.js';
import { planTransfer } from '../../core/governance/planTransfer.js';
import { skipReasonOf } from '../../core/governance/skipReasonOf.js';
import type { GovernanceSkip } from '../../core/governance/types.js';
import { readActor } from '../../core/input/readActor.js';
import { readId } from '../../core/input/readId.js';
import { readNote } from '../../core/input/readNote.js';
import { readOptions } from '../../core/input/readOptions.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import type { Actor, SubjectRef } from '../../core/types.js';
import { assertAgentAvailable } from '../assertAgentAvailable.js';
import { callStore } from '../callStore.js';
import { HeldAssignmentLock } from '../heldAssignmentLock.js';
import { readSubjectState } from '../readSubjectState.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext, TransactionCall } from '../serviceContext.js';
import type { GovernanceMoveOutcome, TransferInput, TransferResult } from '../types.js';
import { commitGovernanceMove } from './commitGovernanceMove.js';
import { readGovernanceCount } from './readGovernanceCount.js';
import { readPortfolio } from './readPortfolio.js';

const INPUT_KEYS = ['from', 'to', 'where', 'limit', 'actor', 'note', 'dryRun'] as const;

interface Transfer {
  from: string;
  to: string;
  where: SubjectFilter;
  actor: Actor;
  note: string;
}

/**
 * `service.transfer`: an admin moves the care of `from`'s subjects (批量转移).
 * First one read-only transaction plans it (`planTransfer`, on the subjects
 * locked and — for `to: 'rules'` — the assignment lock's counts and rule
 * state); a dry run returns that plan. A real run then takes the planned
 * subjects in order, each in its own transaction: the subject is locked and
 * read again, and it moves only if it still has `from`, still passes `where`
 * and has no pending record (else `changed` / `pending_exists`); to a named
 * agent still enabled (else `agent_unavailable`), or to the agent the rules
 * pick now, with `from` excluded (the same decision the plan made when
 * nothing else changed meanwhile). Each move is a manual record with the note
 * (`requestManualAssignment`); a pick by the rules also commits the rule's
 * state and the receiver's `assigned` count, as an automatic assignment
 * would. Safe to re-run after a crash: moved subjects no longer have `from`.
 *
 * @internal
 * @param context - the service's context
 * @param input - from, to, where, limit, actor, note, dryRun
 * @returns the moves made (or planned) and the subjects left, with why
 * @throws InputError naming the path; WorkflowError `forbidden` unless an admin acts or when the named receiver is disabled; NotFoundError (agent); StoreError; ConcurrencyError
 * @example
 * ```ts
 * const preview = await transferPortfolio(context, { from: 'li-lei', to: 'rules', actor: admin, note: 'team change', dryRun: true });
 * ```
 */
export async function transferPortfolio(context: ServiceContext, input: TransferInput): Promise<TransferResult> {
  if (typeof input !== 'object' || input === null) throw new InputError('input', 'an object { from, to, where?, limit?, actor, note, dryRun? }', describeValue(input));
  const given = readOptions(input, 'input', INPUT_KEYS);
  const from = readId(given.from, 'input.from');
  const to = readId(given.to, 'input.to');
  if (to === from) throw new InputError('input.to', `an agent other than input.from ("${from}"), or 'rules'`, describeValue(to));
  const limit = readGovernanceCount(given.limit, 'input.limit');
  const actor = readActor(given.actor, 'input.actor');
  const note = readNote(given.note, 'input.note');
  if (note === undefined) throw new InputError('input.note', 'a note for the records', describeValue(note));
  if (given.dryRun !== undefined && typeof given.dryRun !== 'boolean') throw new InputError('input.dryRun', 'a boolean', describeValue(given.dryRun));
  if (actor.role !== 'admin') throw new WorkflowError('forbidden', `Only an admin may transfer subjects (actor ${actor.role} "${actor.id}")`);
  const ruleSet = await context.loadRuleSet();
  const transfer: Transfer = { from, to, where: compileSubjectFilter(given.where, ruleSet, 'input.where'), actor, note };

  const refs = await callStore('subjectsOfAgent', () => context.store.subjectsOfAgent(from));
  const plan = await runTransaction(context, ruleSet, async (call) => {
    const [giver] = await call.tx.agents([from]);
    if (giver === undefined) throw new NotFoundError('agent', from);
    // A named receiver must be able to take subjects now, as for a manual assignment.
    if (to !== 'rules') await assertAgentAvailable(call.tx, to);
    const portfolio = await readPortfolio(call.tx, refs);
    const lock = to === 'rules' ? await HeldAssignmentLock.take(call) : null;
    return planTransfer({
      ruleSet: call.ruleSet,
      from,
      to,
      where: transfer.where,
      limit,
      portfolio,
      agents: lock?.agents ?? [],
      ruleState: lock?.ruleState ?? {},
      now: call.now,
    });
  });
  if (given.dryRun === true) return { dryRun: true, moves: plan.moves.map((move) => ({ ...move, recordId: null })), skipped: plan.skipped };

  const result: TransferResult = { dryRun: false, moves: [], skipped: [] };
  for (const subject of plan.considered) {
    if (result.moves.length >= limit) break;
    const outcome = await runTransaction(context, ruleSet, (call) => moveOne(call, subject, transfer));
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.moves.push(outcome);
  }
  return result;
}

async function moveOne(call: TransactionCall, subject: SubjectRef, transfer: Transfer): Promise<GovernanceMoveOutcome | GovernanceSkip> {
  const { from, to } = transfer;
  const state = await readSubjectState(call.tx, subject);
  if (state === null || state.subject.agentId !== from || !transfer.where(state.subject.fields, call.now.getTime())) return { subject, reason: 'changed' };
  if (state.pending !== null) return { subject, reason: 'pending_exists' };
  if (to !== 'rules') {
    const [agent] = await call.tx.agents([to]);
    if (agent === undefined || agent.enabled === false) return { subject, reason: 'agent_unavailable' };
    const recordId = await commitGovernanceMove(call, state, { to, ruleId: null, actor: transfer.actor, note: transfer.note, decisionEffects: [] });
    return { subject, from, to, ruleId: null, recordId };
  }
  const lock = await HeldAssignmentLock.take(call);
  const stored = state.subject;
  const decision = assignCustomer({
    ruleSet: call.ruleSet,
    subject: { ...subject, fields: stored.fields, agentId: from, previousAgentId: stored.previousAgentId, pending: false },
    agents: lock.agents,
    ruleState: lock.ruleState,
    now: call.now,
    reassign: true,
    excludeAgentIds: [from],
  });
  if (decision.agentId === null) {
    return { subject, reason: skipReasonOf(decision.reason) };
  }
  // The rules' pick counts as theirs: the rule's state moves on and the receiver's `assigned` counts it.
  const decisionEffects = decision.effects.filter((effect) => effect.type === 'ruleState.set' || effect.type === 'stats.assigned');
  const recordId = await commitGovernanceMove(call, state, { to: decision.agentId, ruleId: decision.ruleId, actor: transfer.actor, note: transfer.note, decisionEffects });
  return { subject, from, to: decision.agentId, ruleId: decision.ruleId, recordId };
}
