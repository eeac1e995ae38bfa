import { InputError, WorkflowError } from '../../core/errors.js';
import { planRebalance } from '../../core/governance/planRebalance.js';
import type { GovernanceMove, GovernanceSkip } from '../../core/governance/types.js';
import { readActor } from '../../core/input/readActor.js';
import { readId } from '../../core/input/readId.js';
import { readNote } from '../../core/input/readNote.js';
import { readOptions } from '../../core/input/readOptions.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import { type Actor, PENDING_STATUSES, type SubjectRef } from '../../core/types.js';
import { callStore } from '../callStore.js';
import { participantSnapshots } from '../participantSnapshots.js';
import { periodRangesAt } from '../periodRangesAt.js';
import { readSubjectState } from '../readSubjectState.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext, TransactionCall } from '../serviceContext.js';
import type { GovernanceMoveOutcome, RebalanceInput, RebalanceResult } from '../types.js';
import { commitGovernanceMove } from './commitGovernanceMove.js';
import { readGovernanceCount } from './readGovernanceCount.js';
import { readPortfolio } from './readPortfolio.js';

const INPUT_KEYS = ['ruleId', 'actor', 'note', 'maxMoves', 'dryRun'] as const;

/**
 * `service.rebalance`: an admin evens out one rule's portfolio (see
 * `planRebalance` for the policy). A first transaction finds the rule's
 * eligible participants; a second locks the subjects they serve or were
 * offered by the rule and plans; a dry run returns that plan. A real run
 * then makes the planned moves in order, each in its own transaction: the
 * subject is locked and read again and moves only if it still has the
 * giver as agent through the same rule's effective record and no pending
 * record (else `changed` / `pending_exists`), and only if the receiver still
 * exists, is enabled and is under capacity (else `agent_unavailable`; read
 * under the assignment lock, so concurrent automatic assignments are
 * counted). Each move is a manual record carrying the rule's id and the
 * note. Safe to re-run after a crash: the moved subjects count for their
 * receivers, and the plan continues where it stopped.
 *
 * @internal
 * @param context - the service's context
 * @param input - ruleId, actor, note, maxMoves, dryRun
 * @returns the moves made (or planned), those skipped, the participants' shares
 * @throws InputError naming the path (an unknown rule at `input.ruleId`); WorkflowError `forbidden` unless an admin acts; StoreError; ConcurrencyError
 * @example
 * ```ts
 * const preview = await rebalanceRule(context, { ruleId: 'north', actor: admin, dryRun: true });
 * preview.participants; // [{ agentId: 'li-lei', weight: 1, share: 5, before: 9, after: 6 }, …]
 * ```
 */
export async function rebalanceRule(context: ServiceContext, input: RebalanceInput): Promise<RebalanceResult> {
  if (typeof input !== 'object' || input === null) throw new InputError('input', 'an object { ruleId, actor, note?, maxMoves?, dryRun? }', describeValue(input));
  const given = readOptions(input, 'input', INPUT_KEYS);
  const ruleId = readId(given.ruleId, 'input.ruleId');
  const actor = readActor(given.actor, 'input.actor');
  const note = readNote(given.note, 'input.note');
  const maxMoves = readGovernanceCount(given.maxMoves, 'input.maxMoves');
  if (given.dryRun !== undefined && typeof given.dryRun !== 'boolean') throw new InputError('input.dryRun', 'a boolean', describeValue(given.dryRun));
  if (actor.role !== 'admin') throw new WorkflowError('forbidden', `Only an admin may rebalance a rule (actor ${actor.role} "${actor.id}")`);
  const ruleSet = await context.loadRuleSet();

  const located = await runTransaction(context, ruleSet, async (call) => {
    const agents = await participantSnapshots(call.tx, call.ruleSet, periodRangesAt(call.ruleSet, call.now));
    // With no subjects, the plan is the eligible participants (and the check that the rule exists).
    const { participants } = planRebalance({ ruleSet: call.ruleSet, ruleId, portfolio: [], agents, now: call.now });
    const offered: SubjectRef[] = [];
    for (const { agentId } of participants) {
      for (const record of await call.tx.agentRecords(agentId, PENDING_STATUSES)) if (record.ruleId === ruleId) offered.push(record.subject);
    }
    return { ids: participants.map((participant) => participant.agentId), offered };
  });
  const refs = [...located.offered];
  for (const id of located.ids) refs.push(...(await callStore('subjectsOfAgent', () => context.store.subjectsOfAgent(id))));
  const plan = await runTransaction(context, ruleSet, async (call) => {
    const portfolio = await readPortfolio(call.tx, refs);
    const agents = await participantSnapshots(call.tx, call.ruleSet, periodRangesAt(call.ruleSet, call.now));
    return planRebalance({ ruleSet: call.ruleSet, ruleId, portfolio, agents, now: call.now, maxMoves });
  });
  const shares = { participants: plan.participants, balanced: plan.balanced };
  if (given.dryRun === true) return { dryRun: true, moves: plan.moves.map((move) => ({ ...move, recordId: null })), skipped: [], ...shares };

  const result: RebalanceResult = { dryRun: false, moves: [], skipped: [], ...shares };
  for (const move of plan.moves) {
    const outcome = await runTransaction(context, ruleSet, (call) => moveOne(call, move, actor, note));
    if ('reason' in outcome) result.skipped.push(outcome);
    else result.moves.push(outcome);
  }
  return result;
}

async function moveOne(call: TransactionCall, move: GovernanceMove, actor: Actor, note: string | undefined): Promise<GovernanceMoveOutcome | GovernanceSkip> {
  const { subject, from, to, ruleId } = move;
  const state = await readSubjectState(call.tx, subject);
  const effective = state?.effective ?? null;
  if (state === null || state.subject.agentId !== from || effective?.agentId !== from || effective.ruleId !== ruleId) return { subject, reason: 'changed' };
  if (state.pending !== null) return { subject, reason: 'pending_exists' };
  // Under the assignment lock: an automatic assignment to the receiver in flight is counted before the capacity check.
  await call.tx.lockAssignment();
  const [agent] = await call.tx.agentSnapshots(periodRangesAt(call.ruleSet, call.now), [to]);
  if (agent === undefined || agent.enabled === false || !hasRoom(agent.capacity, agent.serving)) return { subject, reason: 'agent_unavailable' };
  const recordId = await commitGovernanceMove(call, state, { to, ruleId, actor, note, decisionEffects: [] });
  return { ...move, recordId };
}

function hasRoom(capacity: number | null | undefined, serving: number | { total?: number } | undefined): boolean {
  if (capacity === null || capacity === undefined) return true;
  const inCare = typeof serving === 'number' ? serving : (serving?.total ?? 0);
  return inCare < capacity;
}
