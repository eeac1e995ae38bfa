import { NotFoundError, WorkflowError } from '../core/errors.js';
import { PENDING_STATUSES, type Actor, type SubjectRef } from '../core/types.js';
import { readActor } from '../core/input/readActor.js';
import { transition } from '../core/workflow/transition.js';
import { callStore } from './callStore.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { decideAutomatically } from './decideAutomatically.js';
import { InputError } from '../core/errors.js';
import { readOptions } from '../core/input/readOptions.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { readId } from '../core/input/readId.js';
import { readSubjectState } from './readSubjectState.js';
import { runTransaction } from './runTransaction.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';
import type { ReleaseOptions, ReleaseResult } from './types.js';

type Move = 'reassigned' | 'unassigned' | 'kept';

/**
 * `service.releaseAgent`: an agent leaves. First the agent is disabled (its own
 * transaction), so no rule, manual assignment or application gives them a new
 * subject. Then each subject they serve or were offered moves in its own
 * transaction:
 * - a pending record addressed to the agent is cancelled by `actor` (an admin);
 * - the agent's care ends (their effective record is ended, they are told
 *   `unassigned`, the subject is left without an agent);
 * - with `reassign`, a subject left with no agent and no pending record goes
 *   through the rules (the disabled agent is no candidate): `reassigned` when a
 *   record was made (effective or awaiting confirmation), else `unassigned`.
 *
 * A subject that also has a pending record for another agent is left to that
 * record (the rules are not run; it counts as `unassigned` until the record
 * becomes effective). A subject the agent was only offered while it keeps its
 * own agent is in neither list. Safe to re-run after a crash: a second run finds
 * nothing left to move.
 *
 * @internal
 * @param context - the service's context
 * @param agentId - the leaving agent
 * @param options - the acting admin and whether to reassign
 * @returns the subjects moved, by outcome
 * @throws AssignmentError `invalid_input`; WorkflowError `forbidden` unless an admin acts; NotFoundError (agent); StoreError; ConcurrencyError
 * @example
 * ```ts
 * const { reassigned, unassigned } = await releaseAgent(context, 'li-lei', { actor: admin, reassign: true });
 * ```
 */
export async function releaseAgent(context: ServiceContext, agentId: string, options: ReleaseOptions): Promise<ReleaseResult> {
  const leaving = readId(agentId, 'agentId');
  if (options === undefined) throw new InputError('options', 'an object { actor, reassign }', describeValue(options));
  const given = readOptions(options, 'options', ['actor', 'reassign']);
  const actor = readActor(given.actor, 'options.actor');
  if (typeof given.reassign !== 'boolean') throw new InputError('options.reassign', 'a boolean', describeValue(given.reassign));
  if (actor.role !== 'admin') throw new WorkflowError('forbidden', `Only an admin may release an agent (actor ${actor.role} "${actor.id}")`);
  const ruleSet = await context.loadRuleSet();

  await runTransaction(context, ruleSet, async (call) => {
    const [agent] = await call.tx.agents([leaving]);
    if (agent === undefined) throw new NotFoundError('agent', leaving);
    if (agent.enabled !== false) await call.tx.updateAgent(leaving, { enabled: false });
  });
  // Read after the agent is disabled: nothing new reaches them from here on.
  const offered = await runTransaction(context, ruleSet, async (call) => call.tx.agentRecords(leaving, PENDING_STATUSES));
  const served = await callStore('subjectsOfAgent', () => context.store.subjectsOfAgent(leaving));
  const subjects = new Map<string, SubjectRef>();
  for (const subject of [...served, ...offered.map((record) => record.subject)]) subjects.set(`${subject.kind}:${subject.id}`, subject);

  const result: ReleaseResult = { reassigned: [], unassigned: [] };
  for (const subject of subjects.values()) {
    const move = await runTransaction(context, ruleSet, (call) => moveSubject(call, subject, leaving, actor, options.reassign));
    if (move !== 'kept') result[move].push({ id: subject.id, kind: subject.kind });
  }
  return result;
}

async function moveSubject(call: TransactionCall, subject: SubjectRef, leaving: string, actor: Actor, reassign: boolean): Promise<Move> {
  const state = await readSubjectState(call.tx, subject);
  if (state === null) return 'kept';
  const builder = new ChangeSetBuilder(call, state);
  const note = `agent ${leaving} released by ${actor.id}`;
  const offer = state.pending !== null && state.pending.agentId === leaving;
  if (offer) builder.addWorkflowResult(transition(state.pending!, 'cancel', { ruleSet: call.ruleSet, now: call.now, actor, note }));
  const served = state.subject.agentId === leaving;
  if (served) builder.endCare(note);
  if (!offer && !served) return 'kept';
  let move: Move = builder.subject.agentId === null ? 'unassigned' : 'kept';
  if (reassign && builder.subject.agentId === null && builder.pending === null) {
    const decision = await decideAutomatically(call, builder, { reassign: false });
    if (decision.record !== null) move = 'reassigned';
  }
  await call.tx.commit(builder.build());
  return move;
}
