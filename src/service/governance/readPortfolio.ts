import type { PortfolioEntry } from '../../core/governance/types.js';
import type { SubjectRef } from '../../core/types.js';
import type { StoreTransaction } from '../../ports.js';
import { compareSubjects } from '../compareSubjects.js';
import { readSubjectState } from '../readSubjectState.js';

/**
 * Reads subjects with their open records for a governance plan, locking each
 * (kind, then id: the service's lock order) so the plan sees one consistent
 * state. Subjects that no longer exist are left out; a subject named twice is
 * read once.
 *
 * @internal
 * @param tx - the planning transaction
 * @param refs - the subjects
 * @returns the portfolio entries, in lock order
 * @example
 * ```ts
 * const portfolio = await readPortfolio(call.tx, await store.subjectsOfAgent('li-lei'));
 * ```
 */
export async function readPortfolio(tx: StoreTransaction, refs: readonly SubjectRef[]): Promise<PortfolioEntry[]> {
  const unique = new Map<string, SubjectRef>();
  for (const ref of refs) unique.set(`${ref.kind}:${ref.id}`, { id: ref.id, kind: ref.kind });
  const entries: PortfolioEntry[] = [];
  for (const ref of [...unique.values()].sort(compareSubjects)) {
    const state = await readSubjectState(tx, ref);
    if (state === null) continue;
    const { subject } = state;
    entries.push({
      subject: ref,
      fields: subject.fields,
      agentId: subject.agentId,
      previousAgentId: subject.previousAgentId,
      agentSince: subject.agentSince,
      pending: state.pending,
      effective: state.effective,
    });
  }
  return entries;
}
