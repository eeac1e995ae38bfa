import { NotFoundError } from '../../core/errors.js';
import { readId } from '../../core/input/readId.js';
import { type ExplainOptions, explain } from '../../core/trace.js';
import type { AssignmentRecord } from '../../core/types.js';
import { callStore } from '../callStore.js';
import type { ServiceContext } from '../serviceContext.js';
import { recordStory } from './recordStory.js';
import { recordResult } from './recordResult.js';
import { resultFromKeptTrace } from './resultFromKeptTrace.js';

/** `service.explainRecord`'s answer: a record's decision in words, and what it rests on. */
export interface RecordExplanation {
  recordId: string;
  /** The revision of the rule set the record was made under; null when the store kept no decision for it. */
  revision: string | null;
  /**
   * `'trace'`: an automatic decision rendered from its kept trace, exactly
   * as it was made; `'record'`: told from the record alone — a manual record
   * or an application (no rules decided), or an automatic record whose
   * trace was not kept (made before the store kept decisions; the text says so).
   */
  basis: 'trace' | 'record';
  text: string;
}

/**
 * `service.explainRecord`: renders the decision behind a record as it was
 * made — for an automatic record, `explain` on the result rebuilt from the
 * trace kept with it, so the text stays the same after any number of rule
 * changes; otherwise the record's own story (who, how, its history).
 *
 * @internal
 * @param context - the service's context
 * @param recordId - the record
 * @param options - passed to `explain` (display names of agents, …)
 * @returns the explanation
 * @throws AssignmentError `invalid_input` for a malformed id or options; NotFoundError for an unknown record; StoreError
 * @example
 * ```ts
 * (await explainRecord(context, 'r-1', {})).text; // 'c-1 (customer) → li-lei by rule "VIP" (vip). …'
 * ```
 */
export async function explainRecord(context: ServiceContext, recordId: string, options?: ExplainOptions): Promise<RecordExplanation> {
  const id = readId(recordId, 'recordId');
  const { store } = context;
  const record = await callStore('record', () => store.transaction(async (tx): Promise<AssignmentRecord | null> => tx.record(id)));
  if (record === null) throw new NotFoundError('record', id);
  const decision = store.recordDecision === undefined ? null : await callStore('recordDecision', () => store.recordDecision!(id));
  const result = decision === null || decision.trace === null ? null : resultFromKeptTrace(record, decision.trace);
  if (result !== null) return { recordId: id, revision: decision!.revision, basis: 'trace', text: explain(result, options) };
  // Read through explain's own option check, so both paths refuse the same options.
  explain(recordResult(record), options);
  const agentName = options?.agentName ?? ((agentId: string) => agentId);
  return { recordId: id, revision: decision?.revision ?? null, basis: 'record', text: recordStory(record, agentName, decision !== null, options?.locale ?? 'en').join('\n') };
}
