import assert from 'node:assert/strict';
import { AssignmentError, ConcurrencyError, RuleSetError } from '../core/errors.js';
import type { RuleSet } from '../core/ruleset/types.js';
import { explain } from '../core/trace.js';
import { ruleSetRevision } from '../core/versions/ruleSetRevision.js';
import { compileRuleSet } from '../core/ruleset/compileRuleSet.js';
import type { AssignmentStore, RuleSetVersion } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { MINUTE, admin, agentActor, ruleSetWith, sequentialIds, testClock, typedError } from './conformanceFixtures.js';

/** The store's optional rule-set and decision methods, or a failed assertion naming the first one missing. */
function versioned(store: AssignmentStore) {
  const { saveRuleSet, currentRuleSet, ruleSetRevision: revisionOf, ruleSetVersion, ruleSetVersions, recordDecision } = store;
  for (const [name, method] of Object.entries({ saveRuleSet, currentRuleSet, ruleSetRevision: revisionOf, ruleSetVersion, ruleSetVersions, recordDecision })) {
    assert.equal(typeof method, 'function', `the store implements ${name}`);
  }
  return store as Required<AssignmentStore>;
}

/** A stored version of a rule set, as the service makes it. */
function versionOf(ruleSet: RuleSet, at: number, note: string | null): RuleSetVersion {
  const source = compileRuleSet(ruleSet).source;
  return { revision: ruleSetRevision(source), ruleSet: source, createdAt: new Date(at), actor: admin, note };
}

/** Every entry of the history, newest first, page by page. */
async function wholeHistory(store: Required<AssignmentStore>, limit: number): Promise<RuleSetVersion[]> {
  const entries: RuleSetVersion[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.ruleSetVersions({ limit, ...(cursor === undefined ? {} : { cursor }) });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return entries;
}

const notes = (versions: readonly RuleSetVersion[]) => versions.map((version) => version.note);

/**
 * Rule-set versions and kept decisions (README "Governance"), for stores
 * that implement the optional methods (`saveRuleSet`, `currentRuleSet`,
 * `ruleSetRevision`, `ruleSetVersion`, `ruleSetVersions`,
 * `recordDecision`): the history is append-only and ordered, its pages
 * stable; a re-saved content becomes current again; malformed versions
 * leave nothing; concurrent saves are all kept; every record created keeps
 * its revision in the same commit, automatic ones their trace; a decision
 * explains the same after the rules changed; a service without a rule set
 * follows the store's current version.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * ruleSetVersionConformance(harness);
 * ```
 */
export function ruleSetVersionConformance({ describe, test }: ConformanceHarness): void {
  describe('rule-set versions', () => {
    test('saveRuleSet appends and makes current; currentRuleSet and ruleSetRevision read the latest', async (plain) => {
      const store = versioned(plain);
      assert.equal(await store.currentRuleSet(), null);
      assert.equal(await store.ruleSetRevision(), null);
      const v1 = versionOf(ruleSetWith(['a']), 1_000, 'first');
      const v2 = versionOf(ruleSetWith(['a', 'b']), 2_000, null);
      await store.saveRuleSet(v1);
      assert.deepEqual(await store.currentRuleSet(), v1);
      assert.equal(await store.ruleSetRevision(), v1.revision);
      await store.saveRuleSet(v2);
      assert.deepEqual(await store.currentRuleSet(), v2);
      assert.equal(await store.ruleSetRevision(), v2.revision);
      assert.notEqual(v1.revision, v2.revision);
    });

    test('ruleSetVersion finds the first entry of a revision; saving known content appends it again as current', async (plain) => {
      const store = versioned(plain);
      const v1 = versionOf(ruleSetWith(['a']), 1_000, 'first');
      await store.saveRuleSet(v1);
      await store.saveRuleSet(versionOf(ruleSetWith(['b']), 2_000, 'second'));
      await store.saveRuleSet(versionOf(ruleSetWith(['a']), 3_000, 'back to the first'));
      assert.equal(await store.ruleSetRevision(), v1.revision);
      assert.deepEqual(notes(await wholeHistory(store, 10)), ['back to the first', 'second', 'first']);
      assert.deepEqual(await store.ruleSetVersion(v1.revision), v1);
      assert.equal(await store.ruleSetVersion('0000000000000000'), null);
    });

    test('ruleSetVersions pages newest first, and entries saved between pages never shift the next page', async (plain) => {
      const store = versioned(plain);
      for (let i = 1; i <= 5; i++) await store.saveRuleSet(versionOf(ruleSetWith([`a${i}`]), i * 1_000, `v${i}`));
      assert.deepEqual(notes(await wholeHistory(store, 2)), ['v5', 'v4', 'v3', 'v2', 'v1']);
      const first = await store.ruleSetVersions({ limit: 2 });
      await store.saveRuleSet(versionOf(ruleSetWith(['a6']), 6_000, 'v6'));
      const second = await store.ruleSetVersions({ limit: 2, cursor: first.nextCursor! });
      assert.deepEqual(notes(second.items), ['v3', 'v2']);
      const last = await store.ruleSetVersions({ limit: 2, cursor: second.nextCursor! });
      assert.deepEqual([notes(last.items), last.nextCursor], [['v1'], null]);
      await assert.rejects(store.ruleSetVersions({ limit: 2, cursor: 'not-a-cursor' }), typedError(AssignmentError, 'invalid_input'));
      await assert.rejects(store.ruleSetVersions({ limit: 0 }), typedError(AssignmentError, 'invalid_input'));
    });

    test('a malformed version is refused and nothing is stored', async (plain) => {
      const store = versioned(plain);
      const good = versionOf(ruleSetWith(['a']), 1_000, null);
      await assert.rejects(store.saveRuleSet({ ...good, revision: 'ffffffffffffffff' }), typedError(AssignmentError, 'invalid_input'));
      await assert.rejects(store.saveRuleSet({ ...good, ruleSet: { ...good.ruleSet, timeZone: 'Mars/Olympus' } }), typedError(RuleSetError));
      await assert.rejects(store.saveRuleSet({ ...good, actor: { id: '', role: 'admin' } }), typedError(AssignmentError, 'invalid_input'));
      await assert.rejects(store.saveRuleSet({ ...good, createdAt: new Date(Number.NaN) }), typedError(AssignmentError, 'invalid_input'));
      assert.equal(await store.currentRuleSet(), null);
      assert.deepEqual(await wholeHistory(store, 10), []);
    });

    test('concurrent saves are all kept, in one order, the last of it current', async (plain) => {
      const store = versioned(plain);
      const versions = Array.from({ length: 12 }, (_, i) => versionOf(ruleSetWith([`a${i}`]), 1_000 + i, `v${i}`));
      await Promise.all(versions.map((version) => store.saveRuleSet(version)));
      const history = await wholeHistory(store, 5);
      assert.deepEqual([...notes(history)].sort(), [...notes(versions)].sort());
      assert.deepEqual(await store.currentRuleSet(), history[0]);
    });

    test('every record created keeps its revision in the same commit; automatic ones their trace', async (plain) => {
      const store = versioned(plain);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a', 'b']);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds(), autoDrain: false });
      const auto = await svc.autoAssign({ id: 'c-1' });
      const manual = await svc.assignManually({ subject: { id: 'c-1', kind: 'customer' }, agentId: 'b', actor: admin });
      const revision = compileRuleSet(ruleSet).revision;
      const kept = await store.recordDecision(auto.record!.id);
      assert.equal(kept?.revision, revision);
      assert.equal(typeof kept?.trace, 'string');
      assert.equal(JSON.parse(kept!.trace!).outcome, 'assigned');
      assert.deepEqual(await store.recordDecision(manual.record.id), { recordId: manual.record.id, revision, trace: null });
      assert.equal(await store.recordDecision('no-such-record'), null);
      // A refused commit keeps no decision either.
      const record = { ...auto.record!, id: 'r-new' };
      await assert.rejects(
        store.transaction(async (tx) =>
          tx.commit({
            records: [{ record, expectedVersion: null }, { record: { ...record, id: auto.record!.id }, expectedVersion: null }],
            subjects: [],
            ruleState: [],
            counters: [],
            outbox: [],
            idempotency: [],
            decisions: [{ recordId: 'r-new', revision, trace: null }],
          }),
        ),
        typedError(ConcurrencyError),
      );
      assert.equal(await store.recordDecision('r-new'), null);
    });

    test('a decision under v1 is explained identically after v2 and v3', async (plain) => {
      const store = versioned(plain);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c', leave: [{ from: '2026-11-01', to: '2026-11-05' }] }]);
      const clock = testClock();
      const names: Record<string, string> = { a: 'Li Lei', b: 'Han Meimei', c: 'Wang Fang' };
      const agentName = (id: string) => names[id] ?? id;
      const svc = createAssignmentService({ store, clock, ids: sequentialIds(), autoDrain: false });
      await svc.saveRuleSet(ruleSetWith(['a', 'b', 'c'], { by: 'longestIdle' }), { actor: admin, note: 'v1' });
      await svc.autoAssign({ id: 'c-0' });
      clock.advance(MINUTE);
      const decided = await svc.autoAssign({ id: 'c-1', fields: { regoin: 'north' } });
      const asMade = explain(decided, { agentName });
      const v1 = await svc.explainRecord(decided.record!.id, { agentName });
      assert.equal(v1.text, asMade);
      assert.equal(v1.basis, 'trace');
      assert.equal(v1.revision, (await svc.ruleSet())?.revision);
      await svc.saveRuleSet({ ...ruleSetWith(['b'], { by: 'fewestAssigned', period: 'day' }), fields: { region: 'string' } }, { actor: admin, note: 'v2' });
      await svc.autoAssign({ id: 'c-2' });
      await svc.saveRuleSet(ruleSetWith(['c', 'a']), { actor: admin, note: 'v3' });
      await svc.autoAssign({ id: 'c-3' });
      for (const later of [await svc.explainRecord(decided.record!.id, { agentName }), await svc.explainRecord(decided.record!.id, { agentName })]) {
        assert.deepEqual(later, v1);
      }
      assert.deepEqual(notes((await svc.ruleSetVersions()).items), ['v3', 'v2', 'v1']);
    });

    test('a record without a kept decision explains from the record and says so', async (plain) => {
      const store = versioned(plain);
      await store.upsertAgents([{ id: 'a' }]);
      const ruleSet = ruleSetWith(['a']);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds(), autoDrain: false });
      const result = await svc.autoAssign({ id: 'c-1' });
      // A record written as a store did before it kept decisions: no `decisions` in its commit.
      const old = { ...result.record!, id: 'r-old', subject: { id: 'c-old', kind: 'customer' as const }, status: 'ended' as const };
      await store.upsertSubjects([{ id: 'c-old' }]);
      await store.transaction(async (tx) =>
        tx.commit({ records: [{ record: old, expectedVersion: null }], subjects: [], ruleState: [], counters: [], outbox: [], idempotency: [] }),
      );
      const explained = await svc.explainRecord('r-old');
      assert.deepEqual([explained.basis, explained.revision], ['record', null]);
      assert.match(explained.text, /^c-old \(customer\) → a by rule main/);
      assert.match(explained.text, /not kept/);
      await assert.rejects(svc.explainRecord('no-such-record'), typedError(AssignmentError, 'not_found'));
    });

    test('a service created without a rule set follows the store: a version saved elsewhere applies at its next call', async (plain) => {
      const store = versioned(plain);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock();
      const follower = createAssignmentService({ store, clock, ids: sequentialIds('f'), autoDrain: false });
      await assert.rejects(follower.autoAssign({ id: 'c-0' }), typedError(AssignmentError, 'not_found'));
      const editor = createAssignmentService({ store, clock, ids: sequentialIds('e'), autoDrain: false });
      await editor.saveRuleSet(ruleSetWith(['a']), { actor: admin });
      const first = await follower.autoAssign({ id: 'c-1' });
      assert.equal(first.agentId, 'a');
      await assert.rejects(editor.saveRuleSet(ruleSetWith(['b']), { actor: agentActor('a') }), typedError(AssignmentError, 'forbidden'));
      await assert.rejects(editor.saveRuleSet({ ...ruleSetWith(['b']), timeZone: 'Mars/Olympus' }, { actor: admin }), typedError(RuleSetError));
      assert.equal((await follower.autoAssign({ id: 'c-2' })).agentId, 'a');
      await editor.saveRuleSet(ruleSetWith(['b']), { actor: admin, note: 'b takes over' });
      const third = await follower.autoAssign({ id: 'c-3' });
      assert.equal(third.agentId, 'b');
      assert.equal((await store.recordDecision(first.record!.id))?.revision, compileRuleSet(ruleSetWith(['a'])).revision);
      assert.equal((await store.recordDecision(third.record!.id))?.revision, await store.ruleSetRevision());
    });
  });
}
