import { parseDuration } from '../time/parseDuration.js';
import { booleanCheck, objectCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { quote } from './describeValue.js';
import type { Settings } from './types.js';

const pendingTimeoutCheck: Check<string> = {
  expected: 'an ISO-8601 duration such as "PT24H" or "P3D"',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, pendingTimeoutCheck.expected);
    const ms = parseDuration(value);
    // A zero timeout would expire every pending record at once: surely a mistake.
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

const autoCheck = objectCheck(
  { what: 'the automatic assignment settings', keys: ['enabled', 'agentConfirmation', 'reofferOnDecline'] },
  (auto): Settings['auto'] | undefined => {
    const enabled = auto.required('enabled', booleanCheck);
    const agentConfirmation = auto.required('agentConfirmation', booleanCheck);
    const reofferOnDecline = auto.optional('reofferOnDecline', booleanCheck);
    if (enabled === undefined || agentConfirmation === undefined) return undefined;
    return { enabled, agentConfirmation, ...(reofferOnDecline !== undefined && { reofferOnDecline }) };
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
 * needs a confirmation or an approval, plus the pending timeout.
 *
 * @example
 * ```ts
 * const settings = root.required('settings', settingsCheck);
 * ```
 */
export const settingsCheck: Check<Settings> = objectCheck(
  { what: 'the settings', keys: ['manual', 'auto', 'application', 'pendingTimeout'] },
  (settings): Settings | undefined => {
    const manual = settings.required('manual', manualCheck);
    const auto = settings.required('auto', autoCheck);
    const application = settings.required('application', applicationCheck);
    const pendingTimeout = settings.optional('pendingTimeout', pendingTimeoutCheck);
    if (manual === undefined || auto === undefined || application === undefined) return undefined;
    return { manual, auto, application, ...(pendingTimeout !== undefined && { pendingTimeout }) };
  },
);
