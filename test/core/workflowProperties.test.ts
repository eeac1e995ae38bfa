import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkflowError } from '../../src/core/errors.js';
import { compileRuleSet } from '../../src/core/ruleset/compileRuleSet.js';
import type { CompiledRuleSet } from '../../src/core/ruleset/compiledTypes.js';
import {
  type Actor,
  type AssignmentRecord,
  PENDING_STATUSES,
  type RecordStatus,
  SYSTEM_ACTOR,
  TERMINAL_STATUSES,
  type WorkflowEvent,
  type WorkflowResult,
} from '../../src/core/types.js';
import { createRecord } from '../../src/core/workflow/createRecord.js';
import { effectsOnEntry } from '../../src/core/workflow/effectsOnEntry.js';
import { expirePending } from '../../src/core/workflow/expirePending.js';
import { requestApplication } from '../../src/core/workflow/requestApplication.js';
import { requestManualAssignment } from '../../src/core/workflow/requestManualAssignment.js';
import { transition } from '../../src/core/workflow/transition.js';
import { HOUR, T0, admin, ruleSetWith, sales } from './workflowFixtures.js';

/** The state machine, written out independently of the implementation: status → statuses it may move to. */
const EDGES: Record<RecordStatus, readonly RecordStatus[]> = {
  pending_approval: ['pending_confirmation', 'effective', 'rejected', 'cancelled', 'expired'],
  pending_confirmation: ['effective', 'declined', 'cancelled', 'expired'],
  effective: ['ended'],
  rejected: [],
  declined: [],
  cancelled: [],
  expired: [],
  ended: [],
};
const INITIAL: readonly RecordStatus[] = ['pending_approval', 'pending_confirmation', 'effective'];

const EVENTS: WorkflowEvent[] = ['approve', 'reject', 'confirm', 'decline', 'cancel', 'expire', 'end'];

const actorArb: fc.Arbitrary<Actor> = fc.record({
  id: fc.constantFrom('admin-1', 'admin-2', 'sales-7', 'sales-8', 'li-lei', 'han-meimei', 'system'),
  role: fc.constantFrom<Actor['role']>('admin', 'agent', 'business', 'system'),
});

/** For each event, the person of the scenario who may send it, so that accepted events are frequent too. */
const FITTING_ACTOR: Record<WorkflowEvent, Actor> = {
  approve: admin,
  reject: admin,
  confirm: { id: 'li-lei', role: 'agent' },
  decline: { id: 'li-lei', role: 'agent' },
  cancel: sales,
  expire: SYSTEM_ACTOR,
  end: SYSTEM_ACTOR,
};

const setupArb = fc.record({
  type: fc.constantFrom<AssignmentRecord['type']>('manual', 'application', 'auto'),
  manualConfirmation: fc.boolean(),
  autoConfirmation: fc.boolean(),
  adminApproval: fc.boolean(),
  applicationConfirmation: fc.boolean(),
  timeoutHours: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  currentAgentId: fc.constantFrom(null, 'han-meimei'),
});

const stepArb = fc.record({
  event: fc.constantFrom(...EVENTS),
  // 'fitting': FITTING_ACTOR[event]; undefined: transition's default (the system); else any id with any role.
  actor: fc.oneof(
    { arbitrary: fc.constant('fitting' as const), weight: 4 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: actorArb, weight: 3 },
  ),
  // Whole hours hit expiry instants exactly (timeouts are whole hours); other steps land anywhere.
  advanceMs: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 8 }).map((hours) => hours * HOUR), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 30 * HOUR }), weight: 1 },
  ),
  note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
});

type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

interface StepLog {
  before: AssignmentRecord;
  step: Step;
  nowMs: number;
  outcome: { accepted: true; result: WorkflowResult } | { accepted: false; error: unknown };
  /** Deep copy of `before` taken before the call, to detect mutation. */
  snapshot: AssignmentRecord;
}

function start(setup: Setup): { ruleSet: CompiledRuleSet; created: WorkflowResult } {
  const ruleSet = compileRuleSet(
    ruleSetWith({
      manual: { agentConfirmation: setup.manualConfirmation },
      auto: { agentConfirmation: setup.autoConfirmation },
      application: { adminApproval: setup.adminApproval, agentConfirmation: setup.applicationConfirmation },
      pendingTimeout: setup.timeoutHours === null ? null : `PT${setup.timeoutHours}H`,
    }),
  );
  const subject = { id: 'c-1', agentId: setup.currentAgentId };
  if (setup.type === 'manual') {
    return { ruleSet, created: requestManualAssignment({ ruleSet, subject, agentId: 'li-lei', actor: admin, now: T0 }) };
  }
  if (setup.type === 'application') {
    return { ruleSet, created: requestApplication({ ruleSet, subject, agentId: 'li-lei', actor: sales, canView: true, now: T0 }) };
  }
  const record = createRecord({
    type: 'auto',
    status: setup.autoConfirmation ? 'pending_confirmation' : 'effective',
    subject: { id: 'c-1', kind: 'customer' },
    agentId: 'li-lei',
    previousAgentId: setup.currentAgentId,
    ruleId: 'r-1',
    requestedBy: SYSTEM_ACTOR,
    at: T0,
    pendingTimeoutMs: ruleSet.pendingTimeoutMs,
  });
  return { ruleSet, created: { record, others: [], transitions: [...record.history], effects: effectsOnEntry(record, record.updatedAt) } };
}

function run(setup: Setup, steps: Step[]): { created: WorkflowResult; log: StepLog[]; final: AssignmentRecord } {
  const { ruleSet, created } = start(setup);
  let record = created.record;
  let nowMs = T0;
  const log: StepLog[] = [];
  for (const step of steps) {
    nowMs += step.advanceMs;
    const snapshot = structuredClone(record);
    const actor = step.actor === 'fitting' ? FITTING_ACTOR[step.event] : step.actor;
    const options = { ruleSet, now: nowMs, ...(actor ? { actor } : {}), ...(step.note === undefined ? {} : { note: step.note }) };
    try {
      const result = transition(record, step.event, options);
      log.push({ before: record, step, nowMs, outcome: { accepted: true, result }, snapshot });
      record = result.record;
    } catch (error) {
      log.push({ before: record, step, nowMs, outcome: { accepted: false, error }, snapshot });
    }
  }
  return { created, log, final: record };
}

const scenarioArb = fc.tuple(setupArb, fc.array(stepArb, { minLength: 1, maxLength: 12 }));
const RUNS = { numRuns: 300 };
const hasSetAgent = (result: WorkflowResult): boolean => result.effects.some((effect) => effect.type === 'subject.setAgent');

function replayHistory(record: AssignmentRecord): void {
  const history = record.history;
  expect(history[0]?.from).toBeNull();
  expect(INITIAL).toContain(history[0]?.to);
  for (let i = 1; i < history.length; i++) {
    const from = history[i]!.from as RecordStatus;
    expect(from).toBe(history[i - 1]!.to);
    expect(EDGES[from]).toContain(history[i]!.to);
  }
  expect(history.at(-1)!.to).toBe(record.status);
  expect(history.at(-1)!.at).toEqual(record.updatedAt);
  expect(history.every((entry) => entry.recordId === record.id)).toBe(true);
}

/** Who may send which event from which status, written out from SPEC §6 independently of the implementation. */
function isAllowed(record: AssignmentRecord, event: WorkflowEvent, actor: Actor, nowMs: number): boolean {
  const pending = PENDING_STATUSES.includes(record.status);
  switch (event) {
    case 'approve':
    case 'reject':
      return record.status === 'pending_approval' && actor.role === 'admin';
    case 'confirm':
    case 'decline':
      return record.status === 'pending_confirmation' && actor.role === 'agent' && actor.id === record.agentId;
    case 'cancel':
      return pending && (actor.id === record.requestedBy.id || actor.role === 'admin');
    case 'expire':
      return pending && actor.role === 'system' && record.expiresAt !== null && nowMs >= record.expiresAt.getTime();
    case 'end':
      return record.status === 'effective' && actor.role === 'system';
  }
}

describe('workflow invariants over random event sequences', () => {
  it('an event is accepted exactly when the status, the actor and the clock allow it', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        for (const entry of run(setup, steps).log) {
          const actor = entry.step.actor === 'fitting' ? FITTING_ACTOR[entry.step.event] : (entry.step.actor ?? SYSTEM_ACTOR);
          expect(entry.outcome.accepted).toBe(isAllowed(entry.before, entry.step.event, actor, entry.nowMs));
        }
      }),
      RUNS,
    );
  });

  it('terminal states are absorbing: a final record refuses every event', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        for (const entry of run(setup, steps).log) {
          if (TERMINAL_STATUSES.includes(entry.before.status)) {
            expect(entry.outcome.accepted).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('only a move into effective produces subject.setAgent (exactly one, for the record\'s agent)', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        const { created, log } = run(setup, steps);
        expect(hasSetAgent(created)).toBe(created.record.status === 'effective');
        for (const entry of log) {
          if (!entry.outcome.accepted) continue;
          const { result } = entry.outcome;
          const becameEffective = result.record.status === 'effective' && entry.before.status !== 'effective';
          expect(hasSetAgent(result)).toBe(becameEffective);
          const setAgents = result.effects.filter((effect) => effect.type === 'subject.setAgent');
          expect(setAgents.length).toBe(becameEffective ? 1 : 0);
          for (const effect of setAgents) expect(effect.agentId).toBe('li-lei');
        }
      }),
      RUNS,
    );
  });

  it('version increases by exactly one per accepted transition and equals the history length', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        const { created, log, final } = run(setup, steps);
        expect(created.record.version).toBe(1);
        for (const entry of log) {
          if (entry.outcome.accepted) expect(entry.outcome.result.record.version).toBe(entry.before.version + 1);
        }
        expect(final.version).toBe(1 + log.filter((entry) => entry.outcome.accepted).length);
        expect(final.version).toBe(final.history.length);
      }),
      RUNS,
    );
  });

  it('replaying history from the first entry reproduces the status, each entry starting where the previous ended', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        const { created, log, final } = run(setup, steps);
        replayHistory(created.record);
        for (const entry of log) if (entry.outcome.accepted) replayHistory(entry.outcome.result.record);
        replayHistory(final);
      }),
      RUNS,
    );
  });

  it('a pending record carries an expiry exactly when a timeout is set; other records never do', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        const { created, log } = run(setup, steps);
        const records = [created.record, ...log.flatMap((entry) => (entry.outcome.accepted ? [entry.outcome.result.record] : []))];
        for (const record of records) {
          const pending = PENDING_STATUSES.includes(record.status);
          if (pending && setup.timeoutHours !== null) {
            expect(record.expiresAt).toEqual(new Date(record.updatedAt.getTime() + setup.timeoutHours * HOUR));
          } else {
            expect(record.expiresAt).toBeNull();
          }
        }
      }),
      RUNS,
    );
  });

  it('a refused event throws WorkflowError and changes nothing; an accepted one does not mutate its input either', () => {
    fc.assert(
      fc.property(scenarioArb, ([setup, steps]) => {
        for (const entry of run(setup, steps).log) {
          if (!entry.outcome.accepted) expect(entry.outcome.error).toBeInstanceOf(WorkflowError);
          expect(entry.before).toEqual(entry.snapshot);
        }
      }),
      RUNS,
    );
  });

  it('expirePending returns exactly the overdue pending records, each as transition(…, "expire") gives it', () => {
    fc.assert(
      fc.property(fc.array(scenarioArb, { maxLength: 6 }), fc.integer({ min: 0, max: 400 * HOUR }), (scenarios, laterMs) => {
        const runs = scenarios.map(([setup, steps]) => ({ setup, ...run(setup, steps) }));
        const records = runs.map((r) => r.final);
        const now = T0 + laterMs;
        const results = expirePending(records, now);
        const overdue = records.filter(
          (record) => PENDING_STATUSES.includes(record.status) && record.expiresAt !== null && record.expiresAt.getTime() <= now,
        );
        expect(results.map((result) => result.record.id)).toEqual(overdue.map((record) => record.id));
        const ruleSet = ruleSetWith();
        results.forEach((result, i) => {
          expect(result).toEqual(transition(overdue[i]!, 'expire', { ruleSet, now }));
        });
      }),
      RUNS,
    );
  });
});
