import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWaitingUpdate } from '../../src/core/queue/applyWaitingUpdate.js';
import { compareWaiting } from '../../src/core/queue/compareWaiting.js';
import { waitingPriority } from '../../src/core/queue/waitingPriority.js';
import { waitingUpdateOf } from '../../src/core/queue/waitingUpdateOf.js';
import { type AgentSnapshot, createAssigner, createWaitingQueue, type RuleSet, type SubjectInput, type WaitingEntry, type WaitingUpdate } from '../../src/index.js';
import { ruleSetWith } from '../fixtures/ruleSetWith.js';

const T0 = Date.parse('2026-10-01T00:00:00+08:00');
const HOUR = 3_600_000;
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const update: fc.Arbitrary<WaitingUpdate> = fc.oneof(
  fc.constant<WaitingUpdate>({ type: 'leave' }),
  fc.constant<WaitingUpdate>({ type: 'stay' }),
  fc.record({
    type: fc.constant('wait' as const),
    reason: fc.constantFrom('no_eligible_agent' as const, 'outside_schedule' as const, 'declined' as const),
    ruleId: fc.constantFrom(null, 'r'),
    retryAt: fc.option(fc.integer({ min: 0, max: 48 }).map((h) => new Date(T0 + h * HOUR))),
    priority: fc.integer({ min: -2, max: 2 }),
    since: fc.integer({ min: 0, max: 5 }).map((h) => new Date(T0 + h * HOUR)),
    attempted: fc.boolean(),
  }),
);
const operations = fc.array(fc.record({ id: fc.constantFrom(...ids), kind: fc.constantFrom('customer' as const, 'contact' as const), update }), { maxLength: 60 });

/** Capacity-bound agents, some on a 09:00–18:00 shift, and a rule set whose priority reads `level`. */
function scenario(): RuleSet {
  const base = ruleSetWith({ agents: [{ id: 'p' }, { id: 'q' }, { id: 'r' }], order: { by: 'fewestServing' } });
  return { ...base, settings: { ...base.settings, auto: { ...base.settings.auto, queue: { priority: 'level >= 4 ? 10 : level' } } } };
}
const agentsArbitrary: fc.Arbitrary<AgentSnapshot[]> = fc.tuple(
  ...['p', 'q', 'r'].map((id) =>
    fc.record({
      capacity: fc.integer({ min: 0, max: 3 }),
      shift: fc.boolean(),
    }).map(({ capacity, shift }): AgentSnapshot => ({ id, capacity, ...(shift && { schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '18:00' }] } }) })),
  ),
);
const customersArbitrary = fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids, 'i', 'j', 'k', 'l'), level: fc.integer({ min: 0, max: 5 }), hour: fc.integer({ min: 0, max: 8 }) }), {
  selector: (customer) => customer.id,
  maxLength: 12,
});

const keyOf = (entry: Pick<WaitingEntry, 'subject'>) => `${entry.subject.kind}:${entry.subject.id}`;

describe('createWaitingQueue properties', () => {
  it('keeps at most one entry per subject, always in compareWaiting order, as applyWaitingUpdate on each subject says', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const queue = createWaitingQueue(ruleSetWith({}));
        const model = new Map<string, WaitingEntry>();
        for (const { id, kind, update: change } of ops) {
          const key = `${kind}:${id}`;
          const expected = applyWaitingUpdate({ id, kind }, model.get(key) ?? null, change);
          if (expected === null) model.delete(key);
          else model.set(key, expected);
          expect(queue.apply({ id, kind }, change)).toEqual(expected);
        }
        const entries = queue.entries();
        expect(entries).toEqual([...model.values()].sort(compareWaiting));
        expect(new Set(entries.map(keyOf)).size).toBe(entries.length);
        expect(queue.size).toBe(model.size);
        const retries = [...model.values()].flatMap((entry) => (entry.retryAt === null ? [] : [entry.retryAt.getTime()]));
        expect(queue.earliestRetryAt()).toEqual(retries.length === 0 ? null : new Date(Math.min(...retries)));
      }),
      { numRuns: 300 },
    );
  });

  it('drains exactly as deciding the sorted entries one by one with assigner.assign, and never assigns a subject twice', () => {
    fc.assert(
      fc.property(agentsArbitrary, customersArbitrary, fc.array(fc.integer({ min: 8, max: 30 }), { minLength: 1, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 5 })), (agents, customers, drainHours, limit) => {
        const ruleSet = scenario();
        const drained = createAssigner(ruleSet, { agents });
        const reference = createAssigner(ruleSet, { agents });
        const queue = createWaitingQueue(ruleSet);
        const model = new Map<string, WaitingEntry>();
        const subjects = new Map<string, SubjectInput>();
        for (const customer of [...customers].sort((x, y) => x.hour - y.hour)) {
          const subject: SubjectInput = { id: customer.id, fields: { level: customer.level } };
          subjects.set(customer.id, subject);
          const now = T0 + customer.hour * HOUR;
          const decision = drained.assign(subject, now);
          expect(reference.assign(subject, now)).toEqual(decision);
          const entry = queue.noteDecision(subject, decision, now);
          const expected = applyWaitingUpdate({ id: customer.id, kind: 'customer' }, null, waitingUpdateOf({ ...decision, at: new Date(now) }, waitingPriority(ruleSet, subject.fields!, now), false));
          expect(entry).toEqual(expected);
          if (expected !== null) model.set(`customer:${customer.id}`, expected);
        }
        const everAssigned = new Set<string>();
        let last = T0 + 8 * HOUR;
        for (const hours of drainHours) {
          const now = Math.max(last, T0 + hours * HOUR);
          last = now;
          // One agent's care ends between drains, as the simulator does.
          if (agents[0]!.capacity! > 0) {
            drained.release('p');
            reference.release('p');
          }
          const steps = queue.drain(drained, now, { subjectOf: (subject) => subjects.get(subject.id)!, ...(limit !== null && { limit }) });
          const head = [...model.values()].sort(compareWaiting).slice(0, limit ?? undefined);
          expect(steps.map((step) => step.entry)).toEqual(head);
          for (const [i, entry] of head.entries()) {
            const subject = subjects.get(entry.subject.id)!;
            const decision = reference.assign(subject, now);
            expect(steps[i]!.decision).toEqual(decision);
            const after = applyWaitingUpdate(entry.subject, entry, waitingUpdateOf({ ...decision, at: new Date(now) }, waitingPriority(ruleSet, subject.fields!, now), true));
            expect(steps[i]!.waiting).toEqual(after);
            if (after === null) {
              model.delete(keyOf(entry));
              expect(everAssigned.has(keyOf(entry))).toBe(false);
              everAssigned.add(keyOf(entry));
            } else model.set(keyOf(entry), after);
          }
          expect(queue.entries()).toEqual([...model.values()].sort(compareWaiting));
        }
        expect(drained.agents()).toEqual(reference.agents());
      }),
      { numRuns: 150 },
    );
  });

  it('drains 100,000 entries in one pass (no quadratic work)', () => {
    const ruleSet = ruleSetWith({ agents: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}` })), order: { by: 'fewestServing' } });
    const agents = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, capacity: 1_000 }));
    const assigner = createAssigner(ruleSet, { agents });
    const queue = createWaitingQueue(ruleSet);
    for (let i = 0; i < 100_000; i++) {
      queue.apply({ id: `c${i}` }, { type: 'wait', reason: 'no_eligible_agent', ruleId: null, retryAt: null, priority: i % 3, since: new Date(T0 + i * 1000), attempted: false });
    }
    const started = performance.now();
    const steps = queue.drain(assigner, T0 + 200_000_000, { subjectOf: (subject) => subject });
    const seconds = (performance.now() - started) / 1000;
    expect(steps.filter((step) => step.decision.agentId !== null)).toHaveLength(50_000);
    expect(queue.size).toBe(50_000);
    // The rule set sets no priority: at the drain every entry's priority became 0, the longest wait first.
    expect(queue.entries()[0]).toMatchObject({ subject: { id: 'c0' }, attempts: 1, priority: 0 });
    // Generous for a shared CI machine; a quadratic drain takes minutes.
    expect(seconds).toBeLessThan(20);
  });
});
