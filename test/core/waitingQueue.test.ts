import { describe, expect, it } from 'vitest';
import { type AgentSnapshot, createAssigner, createWaitingQueue, InputError, type RuleSet, type Schedule, type SubjectInput, type WaitingUpdate } from '../../src/index.js';
import { ruleSetWith } from '../fixtures/ruleSetWith.js';

const at = (local: string) => new Date(`${local}+08:00`);
const wait = (since: Date, priority = 0, retryAt: Date | null = null): WaitingUpdate => ({
  type: 'wait',
  reason: 'no_eligible_agent',
  ruleId: null,
  retryAt,
  priority,
  since,
  attempted: false,
});

/** One rule over a and b, who work 09:00–18:00; VIPs (level ≥ 4) wait nearer the head. */
function dayShiftRules(): RuleSet {
  const base = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' } });
  return { ...base, settings: { ...base.settings, auto: { ...base.settings.auto, queue: { priority: 'level >= 4 ? 10 : 0' } } } };
}
const dayShift: Schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '18:00' }] };

describe('createWaitingQueue', () => {
  it('keeps one entry per subject, in priority order then the longest wait, then subject id', () => {
    const queue = createWaitingQueue(ruleSetWith({}));
    queue.apply({ id: 'late' }, wait(at('2026-10-01T03:00:00')));
    queue.apply({ id: 'b' }, wait(at('2026-10-01T01:00:00')));
    queue.apply({ id: 'a' }, wait(at('2026-10-01T01:00:00')));
    queue.apply({ id: 'vip' }, wait(at('2026-10-01T05:00:00'), 10));
    // Waiting again keeps its place: `since` stays, the rest follows the update.
    queue.apply({ id: 'b' }, wait(at('2026-10-01T06:00:00'), 0, at('2026-10-01T09:00:00')));
    expect(queue.size).toBe(4);
    expect(queue.entries().map((entry) => entry.subject.id)).toEqual(['vip', 'a', 'b', 'late']);
    expect(queue.get({ id: 'b' })).toMatchObject({ since: at('2026-10-01T01:00:00'), retryAt: at('2026-10-01T09:00:00'), attempts: 0 });
    expect(queue.apply({ id: 'a' }, { type: 'leave' })).toBeNull();
    expect(queue.get({ id: 'a' })).toBeNull();
    expect(queue.entries().map((entry) => entry.subject.id)).toEqual(['vip', 'b', 'late']);
  });

  it('tells the earliest retryAt of the entries still waiting', () => {
    const queue = createWaitingQueue(ruleSetWith({}));
    expect(queue.earliestRetryAt()).toBeNull();
    queue.apply({ id: 'x' }, wait(at('2026-10-01T01:00:00'), 0, at('2026-10-01T09:00:00')));
    queue.apply({ id: 'y' }, wait(at('2026-10-01T01:00:00'), 0, at('2026-10-01T08:00:00')));
    expect(queue.earliestRetryAt()).toEqual(at('2026-10-01T08:00:00'));
    queue.apply({ id: 'y' }, { type: 'leave' });
    expect(queue.earliestRetryAt()).toEqual(at('2026-10-01T09:00:00'));
    queue.apply({ id: 'x' }, wait(at('2026-10-01T01:00:00')));
    expect(queue.earliestRetryAt()).toBeNull();
  });

  it('assigns the customers created overnight in priority order when the first shift starts at 09:00', () => {
    const ruleSet = dayShiftRules();
    const agents: AgentSnapshot[] = [
      { id: 'a', schedule: dayShift },
      { id: 'b', schedule: dayShift },
    ];
    const assigner = createAssigner(ruleSet, { agents });
    const queue = createWaitingQueue(ruleSet);
    const customers: SubjectInput[] = [
      { id: 'c1', fields: { level: 1 } },
      { id: 'c2', fields: { level: 5 } },
      { id: 'c3', fields: { level: 2 } },
      { id: 'c4', fields: { level: 4 } },
    ];
    const byId = new Map(customers.map((customer) => [customer.id, customer]));
    customers.forEach((customer, i) => {
      const now = at(`2026-10-01T0${i + 1}:00:00`);
      const decision = assigner.assign(customer, now);
      expect(decision).toMatchObject({ reason: 'no_eligible_agent', retryAt: at('2026-10-01T09:00:00') });
      queue.noteDecision(customer, decision, now);
    });
    expect(queue.earliestRetryAt()).toEqual(at('2026-10-01T09:00:00'));
    const steps = queue.drain(assigner, at('2026-10-01T09:00:00'), { subjectOf: (subject) => byId.get(subject.id)! });
    expect(steps.map((step) => [step.entry.subject.id, step.decision.outcome])).toEqual([
      ['c2', 'assigned'],
      ['c4', 'assigned'],
      ['c1', 'assigned'],
      ['c3', 'assigned'],
    ]);
    expect(steps.every((step) => step.waiting === null)).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('keeps those still without an agent in place with attempts + 1, and stops at the limit or after the slots freed', () => {
    const ruleSet = dayShiftRules();
    const assigner = createAssigner(ruleSet, { agents: [{ id: 'a', capacity: 1 }, { id: 'b', capacity: 1, serving: 1 }] });
    const queue = createWaitingQueue(ruleSet);
    const subjects = ['x', 'y', 'z'].map((id, i): SubjectInput => ({ id, fields: { level: i } }));
    for (const [i, subject] of subjects.entries()) queue.apply(subject, wait(at(`2026-10-01T10:0${i}:00`)));
    const subjectOf = (ref: { id: string }) => subjects.find((subject) => subject.id === ref.id)!;
    expect(queue.drain(assigner, at('2026-10-01T11:00:00'), { subjectOf, limit: 1 }).map((step) => step.decision.agentId)).toEqual(['a']);
    const full = queue.drain(assigner, at('2026-10-01T11:01:00'), { subjectOf });
    expect(full.map((step) => step.waiting?.attempts)).toEqual([1, 1]);
    expect(queue.entries().map((entry) => [entry.subject.id, entry.since, entry.attempts])).toEqual([
      ['y', at('2026-10-01T10:01:00'), 1],
      ['z', at('2026-10-01T10:02:00'), 1],
    ]);
    // b's care ends: one slot, so the drain stops after one assignment.
    assigner.release('b');
    const freed = queue.drain(assigner, at('2026-10-01T12:00:00'), { subjectOf, stopAfterAssigned: 1 });
    expect(freed.map((step) => [step.entry.subject.id, step.decision.agentId])).toEqual([['y', 'b']]);
    expect(queue.entries().map((entry) => [entry.subject.id, entry.attempts])).toEqual([['z', 1]]);
  });

  it('decides only the entries waiting for the reasons given, passing the others over unchanged', () => {
    const ruleSet = dayShiftRules();
    const assigner = createAssigner(ruleSet, { agents: [{ id: 'a' }] });
    const queue = createWaitingQueue(ruleSet);
    const closed = queue.apply({ id: 'closed' }, { ...(wait(at('2026-10-01T10:00:00')) as WaitingUpdate & { type: 'wait' }), reason: 'outside_schedule' })!;
    queue.apply({ id: 'nobody' }, wait(at('2026-10-01T10:01:00')));
    const steps = queue.drain(assigner, at('2026-10-01T11:00:00'), { subjectOf: (subject) => subject, reasons: ['no_eligible_agent'] });
    expect(steps.map((step) => step.entry.subject.id)).toEqual(['nobody']);
    expect(queue.entries()).toEqual([closed]);
  });

  it('moves an entry whose priority changed at a drain to its new place', () => {
    const ruleSet = dayShiftRules();
    const assigner = createAssigner(ruleSet, { agents: [{ id: 'a', enabled: false }] });
    const queue = createWaitingQueue(ruleSet);
    const fields: Record<string, Record<string, unknown>> = { p: { level: 1 }, q: { level: 1 } };
    queue.apply({ id: 'p' }, wait(at('2026-10-01T10:00:00')));
    queue.apply({ id: 'q' }, wait(at('2026-10-01T10:01:00')));
    fields.q = { level: 5 };
    queue.drain(assigner, at('2026-10-01T11:00:00'), { subjectOf: (subject) => ({ id: subject.id, fields: fields[subject.id] }) });
    expect(queue.entries().map((entry) => [entry.subject.id, entry.priority])).toEqual([
      ['q', 10],
      ['p', 0],
    ]);
  });

  it('refuses bad input with the path, and changes nothing', () => {
    const queue = createWaitingQueue(ruleSetWith({}));
    const assigner = createAssigner(ruleSetWith({}), { agents: [] });
    const bad = (run: () => unknown, path: string) => {
      const error = (() => {
        try {
          run();
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).path).toBe(path);
    };
    bad(() => queue.apply({ id: '' }, { type: 'leave' }), 'subject.id');
    bad(() => queue.apply({ id: 'c' }, { ...wait(at('2026-10-01T10:00:00')), reason: 'late' } as unknown as WaitingUpdate), 'update.reason');
    bad(() => queue.apply({ id: 'c' }, { ...(wait(at('2026-10-01T10:00:00')) as WaitingUpdate & { type: 'wait' }), priority: Number.NaN }), 'update.priority');
    bad(() => queue.apply({ id: 'c' }, { type: 'leave', reason: 'declined' } as unknown as WaitingUpdate), 'update.reason');
    bad(() => queue.drain(assigner, at('2026-10-01T10:00:00'), { subjectOf: (subject) => subject, limit: 0 }), 'options.limit');
    bad(() => queue.drain(assigner, at('2026-10-01T10:00:00'), {} as never), 'options.subjectOf');
    bad(() => queue.drain(assigner, 'yesterday', { subjectOf: (subject) => subject }), 'now');
    bad(() => queue.drain(assigner, at('2026-10-01T10:00:00'), { subjectOf: (subject) => subject, reasons: ['late'] as never }), 'options.reasons[0]');
    expect(queue.size).toBe(0);
  });

  it('hands out frozen entries, so the order cannot be broken from outside', () => {
    const queue = createWaitingQueue(ruleSetWith({}));
    const entry = queue.apply({ id: 'c' }, wait(at('2026-10-01T10:00:00')))!;
    expect(Object.isFrozen(entry)).toBe(true);
    expect(() => {
      (entry as { priority: number }).priority = 99;
    }).toThrow(TypeError);
  });
});
