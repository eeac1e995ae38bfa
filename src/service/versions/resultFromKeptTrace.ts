import type { SubjectFieldFinding } from '../../core/ruleset/checkSubjectFields.js';
import type { AssignmentRecord, AssignmentResult, TraceEntry, TraceExclusion } from '../../core/types.js';

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
    outcome,
    agentId: record.agentId,
    ruleId: record.ruleId,
    reason: null,
    retryAt: null,
    record,
    transitions: [],
    effects: [],
    ruleState: {},
    trace: (entries as TraceEntry[]).map(reviveEntry),
    fieldFindings: fieldFindings as SubjectFieldFinding[],
    at: new Date(at),
    subject: { ...record.subject },
  };
}

function reviveEntry(entry: TraceEntry): TraceEntry {
  const revived: TraceEntry = { ...entry };
  if (typeof entry.opensAt === 'string') revived.opensAt = new Date(entry.opensAt);
  if (entry.excluded !== undefined) revived.excluded = entry.excluded.map(reviveExclusion);
  if (entry.stickyFallback !== undefined) revived.stickyFallback = reviveExclusion(entry.stickyFallback);
  if (entry.candidates !== undefined) {
    revived.candidates = entry.candidates.map((candidate) =>
      typeof candidate.lastAssignedAt === 'string' ? { ...candidate, lastAssignedAt: new Date(candidate.lastAssignedAt) } : candidate,
    );
  }
  return revived;
}

function reviveExclusion(exclusion: TraceExclusion): TraceExclusion {
  return typeof exclusion.until === 'string' ? { ...exclusion, until: new Date(exclusion.until) } : exclusion;
}
