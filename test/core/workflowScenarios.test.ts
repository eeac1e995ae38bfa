import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/types.js';
import type { AssignmentRecord } from '../../src/core/types.js';
import { createRecord } from '../../src/core/workflow/createRecord.js';
import { effectsOnEffective } from '../../src/core/workflow/effectsOnEffective.js';
import { expirePending } from '../../src/core/workflow/expirePending.js';
import { requestApplication } from '../../src/core/workflow/requestApplication.js';
import { requestManualAssignment } from '../../src/core/workflow/requestManualAssignment.js';
import { transition } from '../../src/core/workflow/transition.js';
import {
  HOUR,
  T0,
  admin,
  effectSummary,
  liLei,
  notice,
  ruleSetWith,
  sales,
} from './workflowFixtures.js';

const customer = { id: 'c-1', kind: 'customer' as const };

describe('admin manual assignment (管理员手动分配)', () => {
  it('is effective at once: the subject gets the agent, serving moves, both agents are told', () => {
    const result = requestManualAssignment({
      ruleSet: ruleSetWith(),
      subject: { id: 'c-1', agentId: 'han-meimei' },
      agentId: 'li-lei',
      actor: admin,
      now: T0,
      recordId: 'r-1',
      note: 'VIP',
    });
    const created = { recordId: 'r-1', from: null, to: 'effective', at: new Date(T0), by: admin, note: 'VIP' };
    expect(result.record).toEqual({
      id: 'r-1',
      type: 'manual',
      status: 'effective',
      subject: customer,
      agentId: 'li-lei',
      previousAgentId: 'han-meimei',
      ruleId: null,
      requestedBy: admin,
      createdAt: new Date(T0),
      updatedAt: new Date(T0),
      expiresAt: null,
      history: [created],
      version: 1,
    });
    expect(result.others).toEqual([]);
    expect(result.transitions).toEqual([created]);
    expect(result.effects).toEqual([
      { type: 'subject.setAgent', subject: customer, agentId: 'li-lei', previousAgentId: 'han-meimei', recordId: 'r-1' },
      { type: 'stats.serving', agentId: 'li-lei', delta: 1, at: new Date(T0) },
      { type: 'stats.serving', agentId: 'han-meimei', delta: -1, at: new Date(T0) },
      notice(result.record, { type: 'agent', id: 'li-lei' }, 'assigned', T0),
      notice(result.record, { type: 'agent', id: 'han-meimei' }, 'unassigned', T0),
    ]);
  });

  it('derives the record id from type, subject and time when none is given, and treats kind as customer by default', () => {
    const { record } = requestManualAssignment({ ruleSet: ruleSetWith(), subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now: T0 });
    expect(record.id).toBe(`manual:customer:c-1:${T0}`);
    expect(record.subject).toEqual(customer);
  });

  it('gives a first assignment (no previous agent) no unassigned notice and no serving decrement', () => {
    const { effects } = requestManualAssignment({ ruleSet: ruleSetWith(), subject: { id: 'c-1', kind: 'contact' }, agentId: 'li-lei', actor: admin, now: T0 });
    expect(effectSummary(effects)).toEqual(['setAgent:li-lei', 'serving:li-lei:+1', 'notify:agent:li-lei:assigned']);
  });

  describe('with agent confirmation (客服二次确认)', () => {
    const ruleSet = ruleSetWith({ manual: { agentConfirmation: true } });
    const request = () =>
      requestManualAssignment({ ruleSet, subject: { id: 'c-1', agentId: 'han-meimei' }, agentId: 'li-lei', actor: admin, now: T0 });

    it('waits for the agent, who is asked to confirm within the pending timeout', () => {
      const { record, effects } = request();
      expect(record.status).toBe('pending_confirmation');
      expect(record.expiresAt).toEqual(new Date(T0 + 24 * HOUR));
      expect(effects).toEqual([notice(record, { type: 'agent', id: 'li-lei' }, 'confirmation_requested', T0)]);
    });

    it('takes effect when the agent confirms, and tells the admin who asked', () => {
      const pending = request().record;
      const result = transition(pending, 'confirm', { ruleSet, now: T0 + HOUR, actor: liLei, note: 'ok' });
      expect(result.record).toMatchObject({ status: 'effective', version: 2, updatedAt: new Date(T0 + HOUR), expiresAt: null });
      expect(result.transitions).toEqual([
        { recordId: pending.id, from: 'pending_confirmation', to: 'effective', at: new Date(T0 + HOUR), by: liLei, note: 'ok' },
      ]);
      expect(result.record.history).toEqual([...pending.history, ...result.transitions]);
      expect(effectSummary(result.effects)).toEqual([
        'setAgent:li-lei',
        'serving:li-lei:+1',
        'serving:han-meimei:-1',
        'notify:agent:li-lei:assigned',
        'notify:agent:han-meimei:unassigned',
        'notify:user:admin-1:assigned',
      ]);
    });

    it('leaves the subject unchanged when the agent declines, and tells the admin', () => {
      const pending = request().record;
      const result = transition(pending, 'decline', { ruleSet, now: T0 + HOUR, actor: liLei });
      expect(result.record.status).toBe('declined');
      expect(result.effects).toEqual([notice(pending, { type: 'user', id: 'admin-1' }, 'declined', T0 + HOUR)]);
    });
  });
});

describe('auto assignment with agent confirmation (自动分配 + 二次确认)', () => {
  const ruleSet = ruleSetWith({ auto: { agentConfirmation: true } });
  const autoRecord = (): AssignmentRecord =>
    createRecord({
      type: 'auto',
      status: 'pending_confirmation',
      subject: customer,
      agentId: 'li-lei',
      previousAgentId: null,
      ruleId: 'beijing',
      requestedBy: SYSTEM_ACTOR,
      at: T0,
      pendingTimeoutMs: 24 * HOUR,
    });

  it('creates a pending record with version 1, a first history entry by the system and an expiry', () => {
    const record = autoRecord();
    expect(record).toMatchObject({ id: `auto:customer:c-1:${T0}`, version: 1, expiresAt: new Date(T0 + 24 * HOUR), ruleId: 'beijing' });
    expect(record.history).toEqual([{ recordId: record.id, from: null, to: 'pending_confirmation', at: new Date(T0), by: SYSTEM_ACTOR }]);
  });

  it('does not change the subject when the agent declines; the admins hear of it', () => {
    const result = transition(autoRecord(), 'decline', { ruleSet, now: T0 + HOUR, actor: liLei });
    expect(result.record.status).toBe('declined');
    expect(result.effects.some((effect) => effect.type === 'subject.setAgent')).toBe(false);
    expect(effectSummary(result.effects)).toEqual(['notify:admins:declined']);
  });

  it('takes effect when the agent confirms, without counting another auto assignment', () => {
    const result = transition(autoRecord(), 'confirm', { ruleSet, now: T0 + HOUR, actor: liLei });
    expect(effectSummary(result.effects)).toEqual([
      'setAgent:li-lei',
      'serving:li-lei:+1',
      'notify:agent:li-lei:assigned',
      'notify:admins:assigned',
    ]);
  });
});

describe('business application (业务申请分配)', () => {
  const apply = (ruleSet: ReturnType<typeof ruleSetWith>) =>
    requestApplication({ ruleSet, subject: { id: 'c-1', agentId: 'han-meimei' }, agentId: 'li-lei', actor: sales, canView: true, now: T0 });

  it('is effective at once when neither approval nor confirmation is on', () => {
    const { record, effects } = apply(ruleSetWith());
    expect(record).toMatchObject({ type: 'application', status: 'effective', requestedBy: sales, expiresAt: null });
    expect(effectSummary(effects)).toEqual([
      'setAgent:li-lei',
      'serving:li-lei:+1',
      'serving:han-meimei:-1',
      'notify:agent:li-lei:assigned',
      'notify:agent:han-meimei:unassigned',
    ]);
  });

  describe('with admin approval only (客服管理员审批)', () => {
    const ruleSet = ruleSetWith({ application: { adminApproval: true } });

    it('asks the admins first', () => {
      const { record, effects } = apply(ruleSet);
      expect(record.status).toBe('pending_approval');
      expect(effects).toEqual([notice(record, { type: 'admins' }, 'approval_requested', T0)]);
    });

    it('takes effect when an admin approves, and tells the requester twice: approved, then assigned', () => {
      const result = transition(apply(ruleSet).record, 'approve', { ruleSet, now: T0 + HOUR, actor: admin });
      expect(result.record.status).toBe('effective');
      expect(effectSummary(result.effects)).toEqual([
        'notify:user:sales-7:approved',
        'setAgent:li-lei',
        'serving:li-lei:+1',
        'serving:han-meimei:-1',
        'notify:agent:li-lei:assigned',
        'notify:agent:han-meimei:unassigned',
        'notify:user:sales-7:assigned',
      ]);
    });

    it('fails when an admin rejects: only the requester hears of it', () => {
      const result = transition(apply(ruleSet).record, 'reject', { ruleSet, now: T0 + HOUR, actor: admin, note: 'no' });
      expect(result.record.status).toBe('rejected');
      expect(result.effects).toEqual([notice(result.record, { type: 'user', id: 'sales-7' }, 'rejected', T0 + HOUR)]);
    });
  });

  describe('with agent confirmation only', () => {
    const ruleSet = ruleSetWith({ application: { agentConfirmation: true } });

    it('asks the agent at once and takes effect when the agent confirms', () => {
      const { record, effects } = apply(ruleSet);
      expect(record.status).toBe('pending_confirmation');
      expect(effectSummary(effects)).toEqual(['notify:agent:li-lei:confirmation_requested']);
      const confirmed = transition(record, 'confirm', { ruleSet, now: T0 + HOUR, actor: liLei });
      expect(confirmed.record.status).toBe('effective');
      expect(effectSummary(confirmed.effects)).toContain('setAgent:li-lei');
      expect(effectSummary(confirmed.effects)).toContain('notify:user:sales-7:assigned');
    });

    it('fails when the agent declines', () => {
      const declined = transition(apply(ruleSet).record, 'decline', { ruleSet, now: T0 + HOUR, actor: liLei });
      expect(declined.record.status).toBe('declined');
      expect(effectSummary(declined.effects)).toEqual(['notify:user:sales-7:declined']);
    });
  });

  describe('with both approval and confirmation: admin first, then the agent; both must agree', () => {
    const ruleSet = ruleSetWith({ application: { adminApproval: true, agentConfirmation: true } });

    it('goes pending_approval → pending_confirmation → effective, re-arming the expiry on approval', () => {
      const requested = apply(ruleSet);
      expect(requested.record.status).toBe('pending_approval');
      expect(requested.record.expiresAt).toEqual(new Date(T0 + 24 * HOUR));

      const approved = transition(requested.record, 'approve', { ruleSet, now: T0 + 2 * HOUR, actor: admin });
      expect(approved.record.status).toBe('pending_confirmation');
      expect(approved.record.expiresAt).toEqual(new Date(T0 + 26 * HOUR));
      expect(effectSummary(approved.effects)).toEqual(['notify:user:sales-7:approved', 'notify:agent:li-lei:confirmation_requested']);

      const confirmed = transition(approved.record, 'confirm', { ruleSet, now: T0 + 3 * HOUR, actor: liLei });
      expect(confirmed.record.status).toBe('effective');
      expect(confirmed.record.version).toBe(3);
      expect(confirmed.record.history.map((entry) => [entry.from, entry.to])).toEqual([
        [null, 'pending_approval'],
        ['pending_approval', 'pending_confirmation'],
        ['pending_confirmation', 'effective'],
      ]);
      expect(effectSummary(confirmed.effects)).toContain('setAgent:li-lei');
    });

    it('changes nothing when the admin rejects', () => {
      const rejected = transition(apply(ruleSet).record, 'reject', { ruleSet, now: T0 + HOUR, actor: admin });
      expect(rejected.record.status).toBe('rejected');
      expect(rejected.effects.some((effect) => effect.type === 'subject.setAgent')).toBe(false);
    });

    it('changes nothing when the admin approves but the agent declines', () => {
      const approved = transition(apply(ruleSet).record, 'approve', { ruleSet, now: T0 + HOUR, actor: admin });
      const declined = transition(approved.record, 'decline', { ruleSet, now: T0 + 2 * HOUR, actor: liLei });
      expect(declined.record.status).toBe('declined');
      expect([...approved.effects, ...declined.effects].some((effect) => effect.type === 'subject.setAgent')).toBe(false);
    });
  });
});

describe('cancelling a pending request', () => {
  const ruleSet = ruleSetWith({ application: { adminApproval: true, agentConfirmation: true } });
  const pendingApproval = () =>
    requestApplication({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true, now: T0 }).record;

  it('lets the requester withdraw; the admins who were asked are told, the requester is not', () => {
    const result = transition(pendingApproval(), 'cancel', { ruleSet, now: T0 + HOUR, actor: sales });
    expect(result.record.status).toBe('cancelled');
    expect(result.record.expiresAt).toBeNull();
    expect(result.record.history.at(-1)?.by).toEqual(sales);
    expect(effectSummary(result.effects)).toEqual(['notify:admins:cancelled']);
  });

  it('lets an admin cancel; the agent who was asked to confirm and the requester are told', () => {
    const approved = transition(pendingApproval(), 'approve', { ruleSet, now: T0 + HOUR, actor: admin }).record;
    const result = transition(approved, 'cancel', { ruleSet, now: T0 + 2 * HOUR, actor: admin });
    expect(result.record.status).toBe('cancelled');
    expect(effectSummary(result.effects)).toEqual(['notify:agent:li-lei:cancelled', 'notify:user:sales-7:cancelled']);
  });
});

describe('expiry after the pending timeout', () => {
  const ruleSet = ruleSetWith({ application: { agentConfirmation: true }, pendingTimeout: 'PT2H' });
  const pending = () =>
    requestApplication({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true, now: T0 }).record;

  it('expires a record at its expiry instant, telling the agent and the requester', () => {
    const result = transition(pending(), 'expire', { ruleSet, now: T0 + 2 * HOUR });
    expect(result.record.status).toBe('expired');
    expect(result.record.history.at(-1)).toEqual({
      recordId: result.record.id,
      from: 'pending_confirmation',
      to: 'expired',
      at: new Date(T0 + 2 * HOUR),
      by: SYSTEM_ACTOR,
    });
    expect(effectSummary(result.effects)).toEqual(['notify:agent:li-lei:expired', 'notify:user:sales-7:expired']);
  });

  it('expirePending expires only the overdue pending records, exactly as transition would', () => {
    const overdue = pending();
    const notYet = requestApplication({
      ruleSet,
      subject: { id: 'c-2' },
      agentId: 'li-lei',
      actor: sales,
      canView: true,
      now: T0 + 2 * HOUR,
    }).record;
    const never = requestApplication({
      ruleSet: ruleSetWith({ application: { agentConfirmation: true }, pendingTimeout: null }),
      subject: { id: 'c-3' },
      agentId: 'li-lei',
      actor: sales,
      canView: true,
      now: T0,
    }).record;
    const effective = requestManualAssignment({ ruleSet, subject: { id: 'c-4' }, agentId: 'li-lei', actor: admin, now: T0 }).record;
    const alreadyExpired = transition(pending(), 'expire', { ruleSet, now: T0 + 3 * HOUR }).record;
    const now = T0 + 3 * HOUR;

    const results = expirePending([effective, overdue, notYet, never, alreadyExpired], now);
    expect(results).toEqual([transition(overdue, 'expire', { ruleSet, now })]);
    expect(never.expiresAt).toBeNull();
  });

  it('reads expiresAt as an ISO string when a record comes back from JSON without revived dates', () => {
    const fromJson = JSON.parse(JSON.stringify(pending())) as AssignmentRecord;
    expect(fromJson.expiresAt).toBe(new Date(T0 + 2 * HOUR).toISOString());
    expect(expirePending([fromJson], T0 + 2 * HOUR - 1)).toEqual([]);
    expect(expirePending([fromJson], T0 + 2 * HOUR).map((result) => result.record.status)).toEqual(['expired']);
  });
});

describe('effectsOnEffective', () => {
  it('moves no serving count when the record names the agent the subject already has', () => {
    const record = createRecord({
      type: 'auto',
      status: 'effective',
      subject: customer,
      agentId: 'li-lei',
      previousAgentId: 'li-lei',
      ruleId: null,
      requestedBy: SYSTEM_ACTOR,
      at: T0,
      pendingTimeoutMs: null,
    });
    expect(effectSummary(effectsOnEffective(record, new Date(T0)))).toEqual(['setAgent:li-lei', 'notify:agent:li-lei:assigned']);
  });

  it('keeps only id and role of the actor in the record', () => {
    const actor = { id: 'admin-1', role: 'admin' as const, session: 'secret' };
    const { record } = requestManualAssignment({ ruleSet: ruleSetWith(), subject: { id: 'c-1' }, agentId: 'li-lei', actor, now: T0 });
    expect(record.requestedBy).toStrictEqual({ id: 'admin-1', role: 'admin' });
    expect(record.history[0]?.by).toStrictEqual({ id: 'admin-1', role: 'admin' });
  });

  it('serialises records to JSON with ISO-8601 instants', () => {
    const { record } = requestManualAssignment({ ruleSet: ruleSetWith(), subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now: T0 });
    const json = JSON.parse(JSON.stringify(record));
    expect(json.createdAt).toBe('2026-10-01T01:00:00.000Z');
    expect(json.history[0].at).toBe('2026-10-01T01:00:00.000Z');
    expect(json.expiresAt).toBeNull();
  });
});

describe('end: a later record of the subject became effective', () => {
  it('ends the effective record without effects: the new record already moved counts and told the agents', () => {
    const ruleSet = ruleSetWith();
    const first = requestManualAssignment({ ruleSet, subject: { id: 'c-1' }, agentId: 'han-meimei', actor: admin, now: T0 }).record;
    const result = transition(first, 'end', { ruleSet, now: T0 + HOUR });
    expect(result.record.status).toBe('ended');
    expect(result.effects).toEqual([]);
  });
});

describe('manual assignment cancelling a pending application', () => {
  const ruleSet = ruleSetWith({ application: { agentConfirmation: true } });

  it('cancels the application first (transition, notifications, others), then creates the manual record', () => {
    const application = requestApplication({
      ruleSet,
      subject: { id: 'c-1', agentId: 'han-meimei' },
      agentId: 'li-lei',
      actor: sales,
      canView: true,
      now: T0,
    }).record;
    const result = requestManualAssignment({
      ruleSet,
      subject: { id: 'c-1', agentId: 'han-meimei', pending: true },
      agentId: 'wang-wu',
      actor: admin,
      now: T0 + HOUR,
      recordId: 'm-1',
      pendingRecord: application,
    });
    const cancelTransition = {
      recordId: application.id,
      from: 'pending_confirmation',
      to: 'cancelled',
      at: new Date(T0 + HOUR),
      by: admin,
      note: 'superseded by m-1',
    };
    expect(result.others).toEqual([
      { ...application, status: 'cancelled', updatedAt: new Date(T0 + HOUR), expiresAt: null, version: 2, history: [...application.history, cancelTransition] },
    ]);
    expect(result.transitions).toEqual([cancelTransition, result.record.history[0]]);
    expect(result.record).toMatchObject({ id: 'm-1', status: 'effective', agentId: 'wang-wu', previousAgentId: 'han-meimei' });
    expect(effectSummary(result.effects)).toEqual([
      'notify:agent:li-lei:cancelled',
      'notify:user:sales-7:cancelled',
      'setAgent:wang-wu',
      'serving:wang-wu:+1',
      'serving:han-meimei:-1',
      'notify:agent:wang-wu:assigned',
      'notify:agent:han-meimei:unassigned',
    ]);
    expect(application.status).toBe('pending_confirmation');
  });

  it('does not tell the admins about a pending approval an admin cancelled', () => {
    const approvalRuleSet = ruleSetWith({ application: { adminApproval: true } });
    const application = requestApplication({
      ruleSet: approvalRuleSet,
      subject: { id: 'c-1' },
      agentId: 'li-lei',
      actor: sales,
      canView: true,
      now: T0,
    }).record;
    const result = requestManualAssignment({
      ruleSet: approvalRuleSet,
      subject: { id: 'c-1', pending: true },
      agentId: 'li-lei',
      actor: admin,
      now: T0 + HOUR,
      pendingRecord: application,
    });
    expect(effectSummary(result.effects).slice(0, 1)).toEqual(['notify:user:sales-7:cancelled']);
    expect(result.others.map((record) => record.status)).toEqual(['cancelled']);
  });
});
