import type { PortfolioEntry } from '../../core/governance/types.js';
import type { SubjectRef } from '../../core/types.js';
import type { StoreTransaction } from '../../ports.js';
import { compareSubjects } from '../compareSubjects.js';
import { readSubjectStates } from '../readSubjectStates.js';

// Subjects locked per store call: bounds one statement of a store that locks them in one step.
const CHUNK = 500;

/**
 * Reads subjects with their open records for a governance plan, locking each
 * (kind, then id: the service's lock order) so the plan sees one consistent
 * state — in steps of 500 with a store that has `lockSubjects`. The subjects
 * come from the store (`subjectsOfAgent`, records), so they exist; a subject
 * named twice is read once.
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
  const sorted = [...unique.values()].sort(compareSubjects);
  const entries: PortfolioEntry[] = [];
  for (let start = 0; start < sorted.length; start += CHUNK) {
    const states = await readSubjectStates(tx, sorted.slice(start, start + CHUNK).map((subject) => ({ subject, fields: undefined })));
    for (const { subject, pending, effective } of states) {
      entries.push({
        subject: { id: subject.id, kind: subject.kind },
        fields: subject.fields,
        agentId: subject.agentId,
        previousAgentId: subject.previousAgentId,
        agentSince: subject.agentSince,
        pending,
        effective,
      });
    }
  }
  return entries;
}
