import { messagesFor } from '../../core/i18n/messagesFor.js';
import type { Locale } from '../../core/i18n/messages.js';
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
 * @param locale - the language (default `'en'`)
 * @returns lines of text
 * @example
 * ```ts
 * recordStory(record, (id) => id, false)[0]; // 'c-1 (customer) → li-lei by rule vip (automatic record r-1).'
 * ```
 */
export function recordStory(record: AssignmentRecord, name: (agentId: string) => string, kept: boolean, locale: Locale = 'en'): string[] {
  const words = messagesFor(locale).recordStory;
  const by = record.requestedBy;
  const how =
    record.type === 'auto'
      ? words.byRule(record.ruleId, record.id)
      : record.type === 'manual'
        ? words.byHand(record.id, by.role, by.id)
        : words.byApplication(record.id, by.role, by.id);
  const lines = [words.headline(record.subject.id, record.subject.kind, name(record.agentId), how)];
  if (!kept && record.type === 'auto') lines.push(words.notKept);
  for (const step of record.history) {
    lines.push(words.step(step.at.toISOString(), step.from, step.to, step.by.role, step.by.id, step.note ?? null));
  }
  return lines;
}
