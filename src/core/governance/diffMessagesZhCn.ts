import type { DateRange, HourRange, IsoWeekday, Period, Presence, SubjectKind, WeekStartsOn } from '../ruleset/types.js';
import type { DiffLocaleMessages } from './diffLocaleMessages.js';
import type { OrderSummary, ScheduleSummary, SettingName, SettingValue } from './ruleSetChange.js';
import { stableJson } from './stableJson.js';

const DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

// The seed's terms: 管理员手动分配, 自动分配, 业务申请分配, 客服二次确认, 客服管理员审批.
const SETTINGS: Record<SettingName, string> = {
  'manual.enabled': '管理员手动分配',
  'manual.agentConfirmation': '管理员手动分配的客服二次确认',
  'auto.enabled': '自动分配',
  'auto.agentConfirmation': '自动分配的客服二次确认',
  'auto.reofferOnDecline': '客服拒绝后重新自动分配',
  'auto.queue.priority': '等待队列的优先级',
  'auto.queue.alertAfter': '等待队列的超时提醒',
  'application.enabled': '业务申请分配',
  'application.adminApproval': '业务申请分配的客服管理员审批',
  'application.agentConfirmation': '业务申请分配的客服二次确认',
  pendingTimeout: '待确认的分配超时',
};

const PERIOD: Record<Period, string> = { day: '当日', week: '当周', month: '当月', quarter: '当季', year: '当年' };
const APPLIES_TO: Record<SubjectKind | 'any', string> = { customer: '客户', contact: '联系人', any: '客户和联系人' };
const PRESENCE: Record<Presence, string> = { online: '在线', busy: '忙碌', away: '离开', offline: '离线' };

function settingValue(value: SettingValue): string {
  if (value === null) return '未设置';
  if (typeof value === 'boolean') return value ? '启用' : '停用';
  return `“${value}”`;
}

function weekdays(days: IsoWeekday[]): string {
  if (days.length === 7) return '每天';
  const consecutive = days.length > 2 && days.every((day, index) => index === 0 || day === days[index - 1]! + 1);
  return consecutive ? `${DAYS[days[0]!]}至${DAYS[days[days.length - 1]!]}` : days.map((day) => DAYS[day]).join('、');
}

const hours = (ranges: HourRange[]) => ranges.map((range) => `${range.from}–${range.to}`).join('、');
const dates = (ranges: DateRange[]) => ranges.map((range) => (range.from === range.to ? range.from : `${range.from} 至 ${range.to}`)).join('、');

function schedule(summary: ScheduleSummary | null): string {
  if (summary === null) return '不限时间';
  const parts = [`${weekdays(summary.weekdays)} ${hours(summary.hours)}`];
  if (summary.dates !== null) parts.push(`仅 ${dates(summary.dates)}`);
  if (summary.exceptDates.length > 0) parts.push(`${dates(summary.exceptDates)} 除外`);
  return `${parts.join('，')}${summary.timeZone === null ? '' : `（时区 ${summary.timeZone}）`}`;
}

/** Only the parts that differ (the seed's 星期, 时段, 指定日期), when the rule had a schedule before and still has one. */
function scheduleChange(from: ScheduleSummary | null, to: ScheduleSummary | null): string {
  if (from === null || to === null) return `${schedule(from)} → ${schedule(to)}`;
  const parts: string[] = [];
  const differ = (part: keyof ScheduleSummary) => stableJson(from[part]) !== stableJson(to[part]);
  if (differ('weekdays')) parts.push(`星期 ${weekdays(from.weekdays)} → ${weekdays(to.weekdays)}`);
  if (differ('hours')) parts.push(`时段 ${hours(from.hours)} → ${hours(to.hours)}`);
  if (differ('dates')) parts.push(`指定日期 ${from.dates === null ? '不限' : dates(from.dates)} → ${to.dates === null ? '不限' : dates(to.dates)}`);
  if (differ('exceptDates')) {
    parts.push(`除外日期 ${from.exceptDates.length === 0 ? '无' : dates(from.exceptDates)} → ${to.exceptDates.length === 0 ? '无' : dates(to.exceptDates)}`);
  }
  if (differ('timeZone')) parts.push(`时区 ${from.timeZone ?? '同规则集'} → ${to.timeZone ?? '同规则集'}`);
  return parts.join('；');
}

// The seed's wording of 分配顺序规则.
function order(summary: OrderSummary): string {
  switch (summary.by) {
    case 'fewestAssigned':
      return `以【${PERIOD[summary.period ?? 'day']}】分配事务数量少的人员优先分配`;
    case 'fewestServing':
      return summary.period === null ? '以处理中事务数量少的人员优先分配' : `以【${PERIOD[summary.period]}】处理中事务数量少的人员优先分配`;
    case 'roundRobin':
      return '轮流分配';
    case 'leastUtilised':
      return '以负载率低的人员优先分配';
    case 'longestIdle':
      return '以最久未被分配的人员优先分配';
  }
}

const presences = (list: Presence[] | null) => (list === null ? '不限' : list.map((presence) => PRESENCE[presence]).join('、'));
const participant = (name: string, group: boolean) => (group ? `技能组（${name}）` : name);
const weekStart = (day: WeekStartsOn) => DAYS[day]!;
const text = (value: string | null, none: string) => (value === null ? none : `“${value}”`);

/**
 * The Chinese (简体) wording of rule-set changes, in the seed's terms.
 *
 * @example
 * ```ts
 * diffMessagesZhCn.changes.rule_moved({ rule: 'VIP', from: 3, to: 1 }); // '从第 3 条移到第 1 条'
 * ```
 */
export const diffMessagesZhCn: DiffLocaleMessages = {
  rule: (name, id) => `规则“${name}”（${id}）`,
  defaultRule: (name) => `默认规则“${name}”`,
  separator: '：',
  count: (changes) => (changes === 0 ? '无变更' : `${changes} 处变更`),
  changes: {
    time_zone_changed: ({ from, to }) => `时区：${from} → ${to}`,
    week_start_changed: ({ from, to }) => `每周起始日：${weekStart(from)} → ${weekStart(to)}`,
    setting_changed: ({ setting, from, to }) => `${SETTINGS[setting]}：${settingValue(from)} → ${settingValue(to)}`,
    fields_declared: () => '开始声明客户字段：条件只能使用已声明的字段',
    fields_undeclared: () => '不再声明客户字段：条件可使用任何字段',
    field_added: ({ field, type }) => `新增字段“${field}”（${type}）`,
    field_removed: ({ field, type }) => `删除字段“${field}”（${type}）`,
    field_type_changed: ({ field, from, to }) => `字段“${field}”的类型：${from} → ${to}`,
    rule_added: ({ position }) => `新增，位于第 ${position} 条`,
    rule_removed: ({ position }) => `删除（原第 ${position} 条）`,
    rule_moved: ({ from, to }) => `从第 ${from} 条移到第 ${to} 条`,
    default_rule_added: () => '新增',
    default_rule_removed: () => '删除：不适用任何规则的客户将不分配专属客服',
    rule_renamed: ({ from, to }) => `规则名称由“${from}”改为“${to}”`,
    description_changed: ({ from, to }) => `描述：${text(from, '（无）')} → ${text(to, '（无）')}`,
    rule_enabled: () => '启用',
    rule_disabled: () => '停用',
    applies_to_changed: ({ from, to }) => `适用对象：${APPLIES_TO[from]} → ${APPLIES_TO[to]}`,
    condition_changed: ({ from, to }) => `适用条件：${from ?? '无（全部适用）'} → ${to ?? '无（全部适用）'}`,
    agent_condition_changed: ({ from, to }) => `客服条件：${from ?? '无（全部参与分配人员）'} → ${to ?? '无（全部参与分配人员）'}`,
    schedule_changed: ({ from, to }) => `适用时间：${scheduleChange(from, to)}`,
    participant_added: ({ participant: name, group, weight }) => `新增参与分配人员：${participant(name, group)}${weight === 1 ? '' : `（比例 ${weight}）`}`,
    participant_removed: ({ participant: name, group }) => `移除参与分配人员：${participant(name, group)}`,
    weight_changed: ({ participant: name, group, from, to }) => `${participant(name, group)} 的分配比例：${from} → ${to}`,
    participants_reordered: ({ from, to }) => `参与分配人员的顺序：${from.join('、')} → ${to.join('、')}`,
    proportional_changed: ({ to }) => (to ? '启用按比例分配' : '停用按比例分配：平均分配'),
    order_changed: ({ from, to }) => `分配顺序规则：${order(from)} → ${order(to)}`,
    presence_changed: ({ from, to }) => `允许的在线状态：${presences(from)} → ${presences(to)}`,
    ignore_capacity_changed: ({ to }) => (to ? '允许超出接待上限分配' : '不再超出接待上限分配'),
    max_assigned_changed: ({ period, from, to }) => `${PERIOD[period]}自动分配上限：${from ?? '无'} → ${to ?? '无'}`,
    sticky_changed: ({ to }) => (to ? '优先分配给原专属客服' : '不再优先分配给原专属客服'),
    on_no_agent_changed: ({ to }) => (to === 'stop' ? '无可分配人员时：停止分配，客户暂无专属客服' : '无可分配人员时：尝试下一条规则'),
  },
};
