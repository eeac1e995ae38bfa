import type { SubjectFieldFinding } from '../../core/ruleset/checkSubjectFields.js';
import type { AssignmentRecord, AssignmentResult, TraceEntry } from '../../core/types.js';
import { reviveTrace } from '../reviveAssignmentResult.js';
import { recordResult } from './recordResult.js';

/**
 * Rebuilds, from a record and the trace kept with it (`keptTraceOf`), the
 * result `explain` renders: the outcome, agent, rule, instant, subject,
 * field findings and trace entries of the decision as it was made (instants
 * back as `Date`s). Effects and rule state are not kept and come back empty.
 * Null when the kept data is not a trace of this library's form.
 *
 * @internal
 * @param record - the record the decision created
 * @param kept - the record's kept trace (JSON text from the store)
 * @returns the result, or null
 * @example
 * ```ts
 * explain(resultFromKeptTrace(record, decision.trace!)!);
 * ```
 */
export function resultFromKeptTrace(record: AssignmentRecord, kept: string): AssignmentResult | null {
  let data: unknown;
  try {
    data = JSON.parse(kept);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { format, outcome, at, entries, fieldFindings } = data as Record<string, unknown>;
  const readable =
    format === 1 &&
    (outcome === 'assigned' || outcome === 'pending_confirmation') &&
    typeof at === 'string' &&
    Array.isArray(entries) &&
    entries.every((entry) => typeof entry === 'object' && entry !== null) &&
    Array.isArray(fieldFindings);
  if (!readable) return null;
  return {
    ...recordResult(record),
    outcome,
    trace: reviveTrace(entries as TraceEntry[]),
    fieldFindings: fieldFindings as SubjectFieldFinding[],
    at: new Date(at),
  };
}
