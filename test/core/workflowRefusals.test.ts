import { describe, expect, it } from 'vitest';
import { InputError, RuleSetError, WorkflowError } from '../../src/core/errors.js';
import type { RuleSet } from '../../src/core/ruleset/types.js';
import type { Actor, AssignmentRecord, RecordStatus, WorkflowEvent } from '../../src/core/types.js';
import { requestApplication } from '../../src/core/workflow/requestApplication.js';
import { requestManualAssignment } from '../../src/core/workflow/requestManualAssignment.js';
import { transition } from '../../src/core/workflow/transition.js';
import { HOUR, T0, admin, hanMeimei, liLei, otherSales, ruleSetWith, sales } from './workflowFixtures.js';

/** Runs `act` and returns the WorkflowError it throws (failing the test if it throws nothing else). */
function refusal(act: () => unknown): WorkflowError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowError);
    return error as WorkflowError;
  }
  throw new Error('expected a WorkflowError, but the action was accepted');
}

const EVENTS: WorkflowEvent[] = ['approve', 'reject', 'confirm', 'decline', 'cancel', 'expire', 'end'];

const both = ruleSetWith({ application: { adminApproval: true, agentConfirmation: true } });
const application = (ruleSet: RuleSet = both): AssignmentRecord =>
  requestApplication({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true, now: T0 }).record;
const awaitingConfirmation = (): AssignmentRecord => transition(application(), 'approve', { ruleSet: both, now: T0, actor: admin }).record;

describe('requestManualAssignment refusals', () => {
  const request = (changes: Partial<Parameters<typeof requestManualAssignment>[0]> = {}) =>
    requestManualAssignment({ ruleSet: ruleSetWith(), subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now: T0, ...changes });

  it.each<Actor>([sales, liLei, { id: 'system', role: 'system' }])('refuses a %o actor: forbidden', (actor) => {
    expect(refusal(() => request({ actor })).code).toBe('forbidden');
  });

  it('refuses when manual assignment is disabled: feature_disabled', () => {
    expect(refusal(() => request({ ruleSet: ruleSetWith({ manual: { enabled: false } }) })).code).toBe('feature_disabled');
  });

  it('refuses to assign the current agent again: already_assigned', () => {
    expect(refusal(() => request({ subject: { id: 'c-1', agentId: 'li-lei' } })).code).toBe('already_assigned');
  });

  it('refuses a subject known to be pending without its pending record, saying to pass it: pending_exists', () => {
    const error = refusal(() => request({ subject: { id: 'c-1', pending: true } }));
    expect(error.code).toBe('pending_exists');
    expect(error.message).toMatch(/pendingRecord/);
  });

  it('refuses a pending record of another subject: invalid_input', () => {
    const other = requestApplication({ ruleSet: both, subject: { id: 'c-2' }, agentId: 'li-lei', actor: sales, canView: true, now: T0 }).record;
    expect(refusal(() => request({ subject: { id: 'c-1', pending: true }, pendingRecord: other })).code).toBe('invalid_input');
  });

  it('refuses a "pending" record that is already final: invalid_transition', () => {
    const rejected = transition(application(), 'reject', { ruleSet: both, now: T0, actor: admin }).record;
    expect(refusal(() => request({ subject: { id: 'c-1', pending: true }, pendingRecord: rejected })).code).toBe('invalid_transition');
  });

  it('refuses an empty agent id or subject id with an InputError naming it', () => {
    expect(() => request({ agentId: '' })).toThrow(InputError);
    expect(() => request({ agentId: '' })).toThrow(/^agentId must be a non-empty string/);
    expect(() => request({ subject: { id: '' } })).toThrow(/^subject\.id must be a non-empty string/);
  });

  it('checks permission before the feature switch', () => {
    expect(refusal(() => request({ actor: sales, ruleSet: ruleSetWith({ manual: { enabled: false } }) })).code).toBe('forbidden');
  });
});

describe('requestApplication refusals', () => {
  const request = (changes: Partial<Parameters<typeof requestApplication>[0]> = {}) =>
    requestApplication({ ruleSet: ruleSetWith(), subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true, now: T0, ...changes });

  it.each<Actor>([admin, liLei, { id: 'system', role: 'system' }])('refuses a %o actor: forbidden', (actor) => {
    expect(refusal(() => request({ actor })).code).toBe('forbidden');
  });

  it('refuses a user who cannot view the subject, saying so: forbidden', () => {
    const error = refusal(() => request({ canView: false }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/cannot view/);
  });

  it('refuses when applications are disabled: feature_disabled', () => {
    expect(refusal(() => request({ ruleSet: ruleSetWith({ application: { enabled: false } }) })).code).toBe('feature_disabled');
  });

  it('refuses while another record of the subject is pending: pending_exists', () => {
    expect(refusal(() => request({ subject: { id: 'c-1', pending: true } })).code).toBe('pending_exists');
  });

  it('refuses to request the current agent: already_assigned', () => {
    expect(refusal(() => request({ subject: { id: 'c-1', agentId: 'li-lei' } })).code).toBe('already_assigned');
  });
});

describe('transition refusals', () => {
  it('refuses approval by anyone but an admin: forbidden', () => {
    for (const actor of [sales, liLei, { id: 'admin-1', role: 'business' } as Actor]) {
      expect(refusal(() => transition(application(), 'approve', { ruleSet: both, now: T0, actor })).code).toBe('forbidden');
    }
  });

  it('refuses confirmation by another agent, or by an admin with the agent\'s id: forbidden', () => {
    const record = awaitingConfirmation();
    expect(refusal(() => transition(record, 'confirm', { ruleSet: both, now: T0, actor: hanMeimei })).code).toBe('forbidden');
    expect(refusal(() => transition(record, 'decline', { ruleSet: both, now: T0, actor: { id: 'li-lei', role: 'admin' } })).code).toBe(
      'forbidden',
    );
  });

  it('refuses cancellation by another business user: forbidden', () => {
    expect(refusal(() => transition(application(), 'cancel', { ruleSet: both, now: T0, actor: otherSales })).code).toBe('forbidden');
  });

  it('refuses expire and end from anyone but the system: forbidden', () => {
    expect(refusal(() => transition(application(), 'expire', { ruleSet: both, now: T0 + 48 * HOUR, actor: admin })).code).toBe('forbidden');
    const effective = transition(awaitingConfirmation(), 'confirm', { ruleSet: both, now: T0, actor: liLei }).record;
    expect(refusal(() => transition(effective, 'end', { ruleSet: both, now: T0, actor: admin })).code).toBe('forbidden');
  });

  it('refuses to expire before expiresAt, or a record that never expires: not_expired', () => {
    expect(refusal(() => transition(application(), 'expire', { ruleSet: both, now: T0 + 24 * HOUR - 1 })).code).toBe('not_expired');
    const noTimeout = ruleSetWith({ application: { adminApproval: true }, pendingTimeout: null });
    const record = application(noTimeout);
    expect(record.expiresAt).toBeNull();
    expect(refusal(() => transition(record, 'expire', { ruleSet: noTimeout, now: T0 + 1000 * HOUR })).code).toBe('not_expired');
  });

  it('refuses events of the other pending state: invalid_transition', () => {
    expect(refusal(() => transition(application(), 'confirm', { ruleSet: both, now: T0, actor: liLei })).code).toBe('invalid_transition');
    expect(refusal(() => transition(awaitingConfirmation(), 'approve', { ruleSet: both, now: T0, actor: admin })).code).toBe(
      'invalid_transition',
    );
    expect(refusal(() => transition(application(), 'end', { ruleSet: both, now: T0 })).code).toBe('invalid_transition');
  });

  it('refuses pending-only events on an effective record: not_pending', () => {
    const effective = requestManualAssignment({ ruleSet: both, subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now: T0 }).record;
    const actors: Record<WorkflowEvent, Actor | undefined> = {
      approve: admin,
      reject: admin,
      confirm: liLei,
      decline: liLei,
      cancel: admin,
      expire: undefined,
      end: undefined,
    };
    for (const event of ['approve', 'reject', 'confirm', 'decline', 'cancel', 'expire'] as const) {
      const actor = actors[event];
      const error = refusal(() => transition(effective, event, { ruleSet: both, now: T0 + 48 * HOUR, ...(actor ? { actor } : {}) }));
      expect(error.code).toBe('not_pending');
    }
  });

  it('throws RuleSetError, not WorkflowError, for an invalid rule set', () => {
    const invalid = { ...both, timeZone: 'Mars/Olympus' };
    expect(() => transition(application(), 'approve', { ruleSet: invalid, now: T0, actor: admin })).toThrow(RuleSetError);
  });

  it('refuses an unknown event: invalid_input', () => {
    expect(refusal(() => transition(application(), 'bump' as WorkflowEvent, { ruleSet: both, now: T0, actor: admin })).code).toBe(
      'invalid_input',
    );
  });

  it('reports a stale state before a missing permission (state → permission)', () => {
    expect(refusal(() => transition(awaitingConfirmation(), 'approve', { ruleSet: both, now: T0, actor: sales })).code).toBe(
      'invalid_transition',
    );
  });

  describe('final states accept no event', () => {
    const finals: Record<Exclude<RecordStatus, 'pending_approval' | 'pending_confirmation' | 'effective'>, () => AssignmentRecord> = {
      rejected: () => transition(application(), 'reject', { ruleSet: both, now: T0, actor: admin }).record,
      declined: () => transition(awaitingConfirmation(), 'decline', { ruleSet: both, now: T0, actor: liLei }).record,
      cancelled: () => transition(application(), 'cancel', { ruleSet: both, now: T0, actor: sales }).record,
      expired: () => transition(application(), 'expire', { ruleSet: both, now: T0 + 24 * HOUR }).record,
      ended: () =>
        transition(requestManualAssignment({ ruleSet: both, subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now: T0 }).record, 'end', {
          ruleSet: both,
          now: T0,
        }).record,
    };
    for (const [status, make] of Object.entries(finals)) {
      it(`refuses every event on a ${status} record, saying it is final, even from an actor who could not send it anyway`, () => {
        const record = make();
        expect(record.status).toBe(status);
        for (const event of EVENTS) {
          for (const actor of [admin, liLei, sales, undefined]) {
            const error = refusal(() => transition(record, event, { ruleSet: both, now: T0 + 100 * HOUR, ...(actor ? { actor } : {}) }));
            expect(error.code).toBe('invalid_transition');
            expect(error.message).toMatch(/final/);
          }
        }
      });
    }
  });
});
