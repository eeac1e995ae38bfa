import type { AssignmentRecord } from '../../core/types.js';

/**
 * What can be told of a record without its decision's trace: the subject,
 * the agent, how the record came about (automatic by which rule, by hand,
 * by application) and its history, for records made before the store kept
 * decisions. The caller says that the trace is missing.
 *
 * @internal
 * @param record - the record
 * @param name - display name of an agent
 * @param kept - whether the decision's trace was kept (false: say that it was not)
 * @returns lines of text
 * @example
 * ```ts
 * recordStory(record, (id) => id, false)[0]; // 'c-1 (customer) → li-lei by rule vip (automatic record r-1).'
 * ```
 */
export function recordStory(record: AssignmentRecord, name: (agentId: string) => string, kept: boolean): string[] {
  const subject = `${record.subject.id} (${record.subject.kind})`;
  const how =
    record.type === 'auto'
      ? `by rule ${record.ruleId ?? 'unknown'} (automatic record ${record.id})`
      : record.type === 'manual'
        ? `by hand (manual record ${record.id}, ${record.requestedBy.role} ${record.requestedBy.id})`
        : `on application (record ${record.id}, ${record.requestedBy.role} ${record.requestedBy.id})`;
  const lines = [`${subject} → ${name(record.agentId)} ${how}.`];
  if (!kept && record.type === 'auto') {
    lines.push('The rules’ verdicts were not kept for this record (it was made before the store kept decisions): only the record is shown.');
  }
  for (const step of record.history) {
    const note = step.note === undefined ? '' : ` — ${step.note}`;
    lines.push(`  ${step.at.toISOString()} ${step.from ?? 'created'} → ${step.to} by ${step.by.role} ${step.by.id}${note}`);
  }
  return lines;
}
