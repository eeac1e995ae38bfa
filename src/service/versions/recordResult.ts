import type { AssignmentRecord, AssignmentResult } from '../../core/types.js';

/**
 * The result an automatic decision that created `record` had, as far as the
 * record tells it: outcome `assigned`, its agent, rule, instant and subject;
 * no trace, transitions, effects or rule state. The base of the results
 * `explainRecord` renders.
 *
 * @internal
 * @param record - the record
 * @returns the result
 * @example
 * ```ts
 * explain({ ...recordResult(record), trace }, options);
 * ```
 */
export function recordResult(record: AssignmentRecord): AssignmentResult {
  return {
    outcome: 'assigned',
    agentId: record.agentId,
    ruleId: record.ruleId,
    reason: null,
    retryAt: null,
    record,
    transitions: [],
    effects: [],
    ruleState: {},
    trace: [],
    fieldFindings: [],
    at: record.createdAt,
    subject: { ...record.subject },
  };
}
