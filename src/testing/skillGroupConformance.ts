import assert from 'node:assert/strict';
import type { RuleSet } from '../core/ruleset/types.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { T0, admin, agentCounts, customers, ruleSetWith, sequentialIds, storeState, testClock } from './conformanceFixtures.js';

/** One round-robin rule: the lead by id, then every agent with the `vip` skill. */
function vipRuleSet(): RuleSet {
  const ruleSet = ruleSetWith([]);
  ruleSet.rules[0]!.agents = [{ id: 'lead' }, { where: "'vip' in agent.skills" }];
  return ruleSet;
}

/**
 * Skill groups through the service: the members of a rule's selectors are the
 * agents whose stored profiles match now — an agent upserted later with the
 * skill joins without a rule edit — and round robin over them stays exact
 * under concurrency, as over agents listed by id; releasing an agent moves its
 * subjects to the other members.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * skillGroupConformance(harness);
 * ```
 */
export function skillGroupConformance({ describe, test }: ConformanceHarness): void {
  describe('skill groups', () => {
    test('a selector picks up an agent upserted later, without a rule edit, and the trace names the selector', async (store) => {
      await store.upsertAgents([{ id: 'lead', enabled: false }, { id: 'plain' }, { id: 'v-1', skills: ['vip'] }]);
      const svc = createAssignmentService({ store, ruleSet: vipRuleSet(), clock: testClock() });
      const first = await svc.autoAssign({ id: 'c-1' });
      assert.equal(first.agentId, 'v-1');
      assert.equal(first.trace.find((entry) => entry.verdict === 'chosen')?.candidates?.find((c) => c.agentId === 'v-1')?.selector, 1);

      await store.upsertAgents([{ id: 'v-0', skills: ['vip', 'zh'] }]);
      const second = await svc.autoAssign({ id: 'c-2' });
      assert.equal(second.outcome, 'assigned');
      assert.equal(second.agentId, 'v-0', 'the new member follows v-1 in id order, after the round robin moved past v-1');
      const participants = second.trace.find((entry) => entry.verdict === 'chosen')?.candidates?.map((c) => c.agentId);
      assert.deepEqual([...(participants ?? [])].sort(), ['v-0', 'v-1']);
    });

    test('splits 100 concurrent autoAssign calls 25/25/25/25 over a selector’s members by round robin', async (store) => {
      await store.upsertAgents([
        { id: 'lead' },
        { id: 'v-1', skills: ['vip'] },
        { id: 'v-2', skills: ['vip'] },
        { id: 'v-3', skills: ['vip', 'zh'] },
        { id: 'plain', skills: ['zh'] },
      ]);
      const ruleSet = vipRuleSet();
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds() });
      const subjects = customers(100);
      const results = await Promise.all(subjects.map((subject) => svc.autoAssign(subject)));
      const byAgent: Record<string, number> = {};
      for (const result of results) {
        assert.equal(result.outcome, 'assigned');
        byAgent[result.agentId!] = (byAgent[result.agentId!] ?? 0) + 1;
      }
      assert.deepEqual(byAgent, { lead: 25, 'v-1': 25, 'v-2': 25, 'v-3': 25 });
      const state = await storeState(store, subjects, ruleSet, T0);
      assert.equal(state.records.length, 100);
      assert.equal((await agentCounts(store, ruleSet, T0, 'v-3')).assigned?.day, 25);
    });

    test('releasing a member reassigns its subjects to the other members; reassign moves a subject within the group', async (store) => {
      await store.upsertAgents([{ id: 'lead', enabled: false }, { id: 'v-1', skills: ['vip'] }, { id: 'v-2', skills: ['vip'] }]);
      const svc = createAssignmentService({ store, ruleSet: vipRuleSet(), clock: testClock() });
      const given = await Promise.all(customers(4).map((subject) => svc.autoAssign(subject)));
      assert.deepEqual(given.map((result) => result.agentId).sort(), ['v-1', 'v-1', 'v-2', 'v-2']);

      const released = await svc.releaseAgent('v-1', { actor: admin, reassign: true });
      assert.equal(released.reassigned.length, 2);
      assert.deepEqual(released.unassigned, []);
      for (const subject of released.reassigned) assert.equal((await store.subject({ id: subject.id, kind: 'customer' }))?.agentId, 'v-2');

      await store.upsertAgents([{ id: 'v-3', skills: ['vip'] }]);
      const moved = await svc.autoAssign({ id: released.reassigned[0]!.id }, { reassign: true });
      assert.equal(moved.outcome, 'assigned');
      assert.equal(moved.agentId, 'v-3', 'the current agent is no candidate and v-1 is disabled');
    });
  });
}
