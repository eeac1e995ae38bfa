import type { SubjectFieldFinding } from '../../core/ruleset/checkSubjectFields.js';
import type { AssignmentResult } from '../../core/types.js';

/**
 * The compact form of an automatic decision that a store keeps with its
 * record (`RecordDecision.trace`), as JSON data: the outcome, the instant
 * decided for (ISO-8601), the trace entries (`TraceEntry[]` with instants as
 * ISO strings) and the field findings. Enough for `explain` to render the
 * decision again exactly, whatever the rules became since.
 */
export interface KeptTrace {
  /** The form's version, for readers of later libraries. */
  format: 1;
  outcome: 'assigned' | 'pending_confirmation';
  at: string;
  entries: unknown[];
  fieldFindings: SubjectFieldFinding[];
}

/**
 * The kept form of an automatic decision that created a record, as JSON
 * text (`KeptTrace`): written once, so neither store copies a deep object
 * per record. Reads the result's trace now (it is computed on first read,
 * from inputs a later decision of the same transaction may change).
 *
 * @internal
 * @param result - what `assignCustomer` returned, with a record
 * @returns JSON text of a `KeptTrace`
 * @example
 * ```ts
 * JSON.parse(keptTraceOf(result)).entries.length === result.trace.length; // true
 * ```
 */
export function keptTraceOf(result: AssignmentResult): string {
  const outcome = result.outcome === 'pending_confirmation' ? 'pending_confirmation' : 'assigned';
  // Dates become ISO strings through their toJSON.
  return JSON.stringify({ format: 1, outcome, at: result.at, entries: result.trace, fieldFindings: result.fieldFindings });
}
