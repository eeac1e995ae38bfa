import type { DateRange, HourRange, IsoWeekday, Period, Presence, SubjectKind, WeekStartsOn } from '../ruleset/types.js';
import type { DiffLocaleMessages } from './diffLocaleMessages.js';
import type { OrderSummary, ScheduleSummary, SettingName, SettingValue } from './ruleSetChange.js';
import { stableJson } from './stableJson.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEK_START = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const SETTINGS: Record<SettingName, string> = {
  'manual.enabled': 'Manual assignment',
  'manual.agentConfirmation': 'Agent confirmation of manual assignments',
  'auto.enabled': 'Automatic assignment',
  'auto.agentConfirmation': 'Agent confirmation of automatic assignments',
  'auto.reofferOnDecline': 'Re-offer after a decline',
  'auto.queue.priority': 'Waiting-queue priority',
  'auto.queue.alertAfter': 'Waiting-queue alert after',
  'application.enabled': 'Assignment on application',
  'application.adminApproval': 'Admin approval of applications',
  'application.agentConfirmation': 'Agent confirmation of applications',
  pendingTimeout: 'Pending records expire after',
};

const PERIOD: Record<Period, string> = { day: 'today', week: 'this week', month: 'this month', quarter: 'this quarter', year: 'this year' };
const APPLIES_TO: Record<SubjectKind | 'any', string> = { customer: 'customers', contact: 'contacts', any: 'customers and contacts' };
const PRESENCE: Record<Presence, string> = { online: 'online', busy: 'busy', away: 'away', offline: 'offline' };

const quoted = (text: string | null, none: string) => (text === null ? none : JSON.stringify(text));

function settingValue(value: SettingValue): string {
  if (value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return JSON.stringify(value);
}

function weekdays(days: IsoWeekday[]): string {
  if (days.length === 7) return 'every day';
  const consecutive = days.length > 2 && days.every((day, index) => index === 0 || day === days[index - 1]! + 1);
  return consecutive ? `${DAYS[days[0]!]}–${DAYS[days[days.length - 1]!]}` : days.map((day) => DAYS[day]).join(', ');
}

const hours = (ranges: HourRange[]) => ranges.map((range) => `${range.from}–${range.to}`).join(', ');
const dates = (ranges: DateRange[]) => ranges.map((range) => (range.from === range.to ? range.from : `${range.from} to ${range.to}`)).join(', ');

function schedule(summary: ScheduleSummary | null): string {
  if (summary === null) return 'always';
  const parts = [`${weekdays(summary.weekdays)} ${hours(summary.hours)}`];
  if (summary.dates !== null) parts.push(`only ${dates(summary.dates)}`);
  if (summary.exceptDates.length > 0) parts.push(`except ${dates(summary.exceptDates)}`);
  return `${parts.join(', ')}${summary.timeZone === null ? '' : ` (${summary.timeZone})`}`;
}

/** Only the parts that differ, when the rule had a schedule before and still has one. */
function scheduleChange(from: ScheduleSummary | null, to: ScheduleSummary | null): string {
  if (from === null || to === null) return `${schedule(from)} → ${schedule(to)}`;
  const parts: string[] = [];
  const differ = (part: keyof ScheduleSummary) => stableJson(from[part]) !== stableJson(to[part]);
  if (differ('weekdays')) parts.push(`days ${weekdays(from.weekdays)} → ${weekdays(to.weekdays)}`);
  if (differ('hours')) parts.push(`hours ${hours(from.hours)} → ${hours(to.hours)}`);
  if (differ('dates')) parts.push(`dates ${from.dates === null ? 'any' : dates(from.dates)} → ${to.dates === null ? 'any' : dates(to.dates)}`);
  if (differ('exceptDates')) {
    parts.push(`except ${from.exceptDates.length === 0 ? 'none' : dates(from.exceptDates)} → ${to.exceptDates.length === 0 ? 'none' : dates(to.exceptDates)}`);
  }
  if (differ('timeZone')) parts.push(`zone ${from.timeZone ?? "the rule set's"} → ${to.timeZone ?? "the rule set's"}`);
  return parts.join('; ');
}

function order(summary: OrderSummary): string {
  switch (summary.by) {
    case 'fewestAssigned':
      return `fewest assigned ${PERIOD[summary.period ?? 'day']}`;
    case 'fewestServing':
      return summary.period === null ? 'fewest in care' : `fewest in care, assigned ${PERIOD[summary.period]}`;
    case 'roundRobin':
      return 'round robin';
    case 'leastUtilised':
      return 'least utilised';
    case 'longestIdle':
      return 'longest idle';
  }
}

const presences = (list: Presence[] | null) => (list === null ? 'any' : list.map((presence) => PRESENCE[presence]).join(', '));
const participant = (name: string, group: boolean) => (group ? `skill group where ${name}` : name);
const weekStart = (day: WeekStartsOn) => WEEK_START[day]!;

/**
 * The English wording of rule-set changes.
 *
 * @example
 * ```ts
 * diffMessagesEn.changes.rule_moved({ rule: 'VIP', from: 3, to: 1 }); // 'moved from position 3 to 1'
 * ```
 */
export const diffMessagesEn: DiffLocaleMessages = {
  rule: (name, id) => `Rule ${JSON.stringify(name)} (${id})`,
  defaultRule: (name) => `Default rule ${JSON.stringify(name)}`,
  separator: ': ',
  count: (changes) => (changes === 0 ? 'no change' : `${changes} change${changes === 1 ? '' : 's'}`),
  changes: {
    time_zone_changed: ({ from, to }) => `Time zone: ${from} → ${to}`,
    week_start_changed: ({ from, to }) => `Weeks start on: ${weekStart(from)} → ${weekStart(to)}`,
    setting_changed: ({ setting, from, to }) => `${SETTINGS[setting]}: ${settingValue(from)} → ${settingValue(to)}`,
    fields_declared: () => 'Subject fields are now declared: conditions may read only the declared fields',
    fields_undeclared: () => 'Subject fields are no longer declared: conditions may read any field',
    field_added: ({ field, type }) => `Field ${JSON.stringify(field)} declared (${type})`,
    field_removed: ({ field, type }) => `Field ${JSON.stringify(field)} (${type}) no longer declared`,
    field_type_changed: ({ field, from, to }) => `Field ${JSON.stringify(field)}: type ${from} → ${to}`,
    rule_added: ({ position }) => `added at position ${position}`,
    rule_removed: ({ position }) => `removed (was at position ${position})`,
    rule_moved: ({ from, to }) => `moved from position ${from} to ${to}`,
    default_rule_added: () => 'added',
    default_rule_removed: () => 'removed: subjects no rule applies to stay without an agent',
    rule_renamed: ({ from, to }) => `renamed from ${JSON.stringify(from)} to ${JSON.stringify(to)}`,
    description_changed: ({ from, to }) => `description: ${quoted(from, '(none)')} → ${quoted(to, '(none)')}`,
    rule_enabled: () => 'enabled',
    rule_disabled: () => 'disabled (paused)',
    applies_to_changed: ({ from, to }) => `applies to: ${APPLIES_TO[from]} → ${APPLIES_TO[to]}`,
    condition_changed: ({ from, to }) => `condition: ${from ?? 'none (every subject)'} → ${to ?? 'none (every subject)'}`,
    agent_condition_changed: ({ from, to }) => `agent condition: ${from ?? 'none (every participant)'} → ${to ?? 'none (every participant)'}`,
    schedule_changed: ({ from, to }) => `schedule: ${scheduleChange(from, to)}`,
    participant_added: ({ participant: name, group, weight }) => `participant added: ${participant(name, group)}${weight === 1 ? '' : ` (weight ${weight})`}`,
    participant_removed: ({ participant: name, group }) => `participant removed: ${participant(name, group)}`,
    weight_changed: ({ participant: name, group, from, to }) => `weight of ${participant(name, group)}: ${from} → ${to}`,
    participants_reordered: ({ from, to }) => `participant order: ${from.join(', ')} → ${to.join(', ')}`,
    proportional_changed: ({ to }) => (to ? 'now assigns in proportion to the weights' : 'no longer proportional: equal shares'),
    order_changed: ({ from, to }) => `order: ${order(from)} → ${order(to)}`,
    presence_changed: ({ from, to }) => `allowed presences: ${presences(from)} → ${presences(to)}`,
    ignore_capacity_changed: ({ to }) => (to ? 'now assigns beyond capacity' : 'respects capacity again'),
    max_assigned_changed: ({ period, from, to }) =>
      `cap on automatic assignments ${PERIOD[period]}: ${from ?? 'none'} → ${to ?? 'none'}`,
    sticky_changed: ({ to }) => (to ? "now prefers the subject's previous agent" : "no longer prefers the subject's previous agent"),
    on_no_agent_changed: ({ to }) =>
      to === 'stop' ? 'when no participant is eligible: stops (the subject stays without an agent)' : 'when no participant is eligible: tries the next rule',
  },
};
