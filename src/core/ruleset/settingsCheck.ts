import { parseDuration } from '../time/parseDuration.js';
import { booleanCheck, objectCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { quote } from './describeValue.js';
import { priorityCheck } from './priorityCheck.js';
import type { FieldType, QueueSettings, Settings } from './types.js';

/** A positive duration: a zero pending timeout would expire every pending record at once, a zero alert alert on every entry — surely mistakes. */
const durationCheck: Check<string> = {
  expected: 'an ISO-8601 duration such as "PT24H" or "P3D"',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, durationCheck.expected);
    const ms = parseDuration(value);
    if (ms === null || ms <= 0) {
      issues.report(
        'invalid_duration',
        path,
        `Expected a positive ISO-8601 duration such as "PT24H" or "P3D", got ${quote(value)}.`,
      );
      return undefined;
    }
    return value;
  },
};

const manualCheck = objectCheck(
  { what: 'the manual assignment settings', keys: ['enabled', 'agentConfirmation'] },
  (manual): Settings['manual'] | undefined => {
    const enabled = manual.required('enabled', booleanCheck);
    const agentConfirmation = manual.required('agentConfirmation', booleanCheck);
    if (enabled === undefined || agentConfirmation === undefined) return undefined;
    return { enabled, agentConfirmation };
  },
);

const queueCheck = (fields: Record<string, FieldType> | undefined) =>
  objectCheck({ what: 'the waiting queue settings', keys: ['priority', 'alertAfter'] }, (queue): QueueSettings | undefined => {
    const priority = queue.optional('priority', priorityCheck(fields));
    const alertAfter = queue.optional('alertAfter', durationCheck);
    return { ...(priority !== undefined && { priority }), ...(alertAfter !== undefined && { alertAfter }) };
  });

const autoCheck = (fields: Record<string, FieldType> | undefined) =>
  objectCheck(
    { what: 'the automatic assignment settings', keys: ['enabled', 'agentConfirmation', 'reofferOnDecline', 'queue'] },
    (auto): Settings['auto'] | undefined => {
      const enabled = auto.required('enabled', booleanCheck);
      const agentConfirmation = auto.required('agentConfirmation', booleanCheck);
      const reofferOnDecline = auto.optional('reofferOnDecline', booleanCheck);
      const queue = auto.optional('queue', queueCheck(fields));
      if (enabled === undefined || agentConfirmation === undefined) return undefined;
      return {
        enabled,
        agentConfirmation,
        ...(reofferOnDecline !== undefined && { reofferOnDecline }),
        ...(queue !== undefined && { queue }),
      };
    },
  );

const applicationCheck = objectCheck(
  { what: 'the application settings', keys: ['enabled', 'adminApproval', 'agentConfirmation'] },
  (application): Settings['application'] | undefined => {
    const enabled = application.required('enabled', booleanCheck);
    const adminApproval = application.required('adminApproval', booleanCheck);
    const agentConfirmation = application.required('agentConfirmation', booleanCheck);
    if (enabled === undefined || adminApproval === undefined || agentConfirmation === undefined) return undefined;
    return { enabled, adminApproval, agentConfirmation };
  },
);

/**
 * The `settings` of a rule set: which assignment ways are on and whether each
 * needs a confirmation or an approval, the pending timeout, and the waiting
 * queue's priority and alert.
 *
 * @param fields - the declared subject fields, when the declaration is valid (the queue's priority is checked against them)
 * @returns the check
 * @example
 * ```ts
 * const settings = root.required('settings', settingsCheck(fields));
 * ```
 */
export function settingsCheck(fields: Record<string, FieldType> | undefined): Check<Settings> {
  return objectCheck({ what: 'the settings', keys: ['manual', 'auto', 'application', 'pendingTimeout'] }, (settings): Settings | undefined => {
    const manual = settings.required('manual', manualCheck);
    const auto = settings.required('auto', autoCheck(fields));
    const application = settings.required('application', applicationCheck);
    const pendingTimeout = settings.optional('pendingTimeout', durationCheck);
    if (manual === undefined || auto === undefined || application === undefined) return undefined;
    return { manual, auto, application, ...(pendingTimeout !== undefined && { pendingTimeout }) };
  });
}
