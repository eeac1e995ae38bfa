import type { CompiledRuleSet } from '../../core/ruleset/compiledTypes.js';
import { callStore } from '../callStore.js';
import { ChangeSetBuilder } from '../changeSetBuilder.js';
import { compareSubjects } from '../compareSubjects.js';
import { mergeChangeSets } from '../mergeChangeSets.js';
import { readSubjectStates } from '../readSubjectStates.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext } from '../serviceContext.js';

const ALERT_BATCH = 200;

/**
 * Tells the admins, once per entry, of every subject that has waited longer
 * than `settings.auto.queue.alertAfter`: a `waiting_too_long` notification
 * through the outbox, written with the entry's `alertedAt` in one
 * transaction. The entries are re-read after their subjects are locked, so
 * two processes alerting at once send one notification, and an entry that
 * left the queue meanwhile is not alerted.
 *
 * @internal
 * @param context - the service's context
 * @param ruleSet - the rule set (no `alertAfter`: nothing to do)
 * @returns how many entries were alerted
 * @example
 * ```ts
 * await sendWaitingAlerts(context, ruleSet); // 2
 * ```
 */
export async function sendWaitingAlerts(context: ServiceContext, ruleSet: CompiledRuleSet): Promise<number> {
  const alertAfterMs = ruleSet.queue.alertAfterMs;
  if (alertAfterMs === null) return 0;
  let alerted = 0;
  let cursor: string | undefined;
  for (;;) {
    const sinceBefore = new Date(context.clock.now().getTime() - alertAfterMs + 1);
    const query = { unalerted: true, sinceBefore, limit: ALERT_BATCH, ...(cursor === undefined ? {} : { cursor }) };
    const page = await callStore('waiting', () => context.store.waiting(query));
    if (page.items.length === 0) return alerted;
    alerted += await runTransaction(context, ruleSet, async (call) => {
      const subjects = page.items.map((entry) => entry.subject).sort(compareSubjects);
      const states = await readSubjectStates(call.tx, subjects.map((subject) => ({ subject, fields: undefined })));
      const current = await call.tx.waitingEntries(subjects);
      const due = new Set(
        current
          .filter((entry) => entry.alertedAt === null && call.now.getTime() - entry.since.getTime() >= alertAfterMs)
          .map((entry) => `${entry.subject.kind}\u0000${entry.subject.id}`),
      );
      const changes = states.flatMap((state) => {
        if (!due.has(`${state.subject.kind}\u0000${state.subject.id}`)) return [];
        const builder = new ChangeSetBuilder(call, state);
        builder.alertWaiting();
        return [builder.build()];
      });
      if (changes.length > 0) await call.tx.commit(mergeChangeSets(changes));
      return changes.length;
    });
    if (page.nextCursor === null) return alerted;
    cursor = page.nextCursor;
  }
}
