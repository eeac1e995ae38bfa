import type { Messages } from './messages.js';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

// The seed's words for the order's time range: 当日 / 当周 / 当月 / 当季 / 当年.
const PERIOD = { day: '当日', week: '当周', month: '当月', quarter: '当季', year: '当年', total: '累计' };

const TYPE_WORDS = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true 或 false）',
  date: '日期（ISO-8601）',
  'string[]': '文本列表',
  'number[]': '数字列表',
};

const KIND_WORDS = {
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  'string[]': '文本列表',
  'number[]': '数字列表',
  array: '混合列表',
  object: '对象',
};

const KIND = { customer: '客户', contact: '联系人' };

const JSON_KINDS: Record<string, string> = {
  null: 'null',
  array: '列表',
  string: '文本',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  undefined: '空值',
  other: '非 JSON 数据',
};

const clock = (minuteOfDay: number): string =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

const suggest = (suggestion: string | number | undefined): string => (suggestion === undefined ? '' : `你是不是想写“${suggestion}”？`);

/**
 * 简体中文 catalogue, in the seed's terms: 专属客服, 自动分配, 管理员手动分配,
 * 业务申请分配, 客服二次确认, 客服管理员审批, 适用条件, 适用时间, 按比例分配,
 * 轮流分配, 当日 / 当周 / 当月 / 当季 / 当年.
 *
 * @example
 * ```ts
 * zhCN.explain.unassignedReason.no_rule_applies; // '没有适用的规则'
 * ```
 */
export const zhCN: Messages = {
  locale: 'zh-CN',
  period: PERIOD,
  date: {
    day: (parts) => `${parts.month}月${parts.day}日`,
    dayTime: (parts) => `${parts.month}月${parts.day}日 ${clock(parts.minuteOfDay)}`,
    weekdayTime: (parts) => `${WEEKDAYS[parts.weekday]} ${clock(parts.minuteOfDay)}`,
    weekdayDayTime: (parts) => `${parts.month}月${parts.day}日${WEEKDAYS[parts.weekday]} ${clock(parts.minuteOfDay)}`,
    dateTime: (parts) => `${parts.year}年${parts.month}月${parts.day}日 ${clock(parts.minuteOfDay)}`,
  },
  explain: {
    subject: (id, kind) => `${KIND[kind]} ${id}`,
    assigned: (subject, agent, rule, waiting) =>
      `${subject} → 专属客服 ${agent}，依据${rule}${waiting ? '，等待客服二次确认' : ''}。`,
    unassigned: (subject, reason, retryAt) =>
      `${subject} 未分配：${zhCN.explain.unassignedReason[reason]}。${retryAt === null ? '' : `将于 ${retryAt} 重试。`}`,
    unassignedReason: {
      auto_disabled: '未启用自动分配',
      already_assigned: '已有专属客服',
      pending_exists: '已有待处理的分配',
      no_rule_applies: '没有适用的规则',
      outside_schedule: '满足适用条件的规则都不在适用时间内',
      no_eligible_agent: '满足适用条件的规则中没有可分配的参与分配人员',
    },
    rule: (name, id) => `规则“${name}”（${id}）`,
    defaultRule: (name) => `默认规则“${name}”`,
    disabled: (rule) => `${rule}：跳过，规则已禁用。`,
    notApplicable: (rule) => `${rule}：跳过，不适用于此类对象。`,
    conditionFalse: (rule) => `${rule}：跳过，不满足适用条件。`,
    outsideSchedule: (rule, opensAt) =>
      `${rule}：满足适用条件，但不在适用时间内；${opensAt === null ? '一年内不会开放' : `下次开放于 ${opensAt}`}。`,
    chosenSticky: (rule, agent) => `${rule}：满足适用条件；${agent} 是该对象之前的专属客服且可分配（沿用原客服）。`,
    chosenByOrder: (rule, agent, order) => `${rule}：满足适用条件；按“${order}”选中 ${agent}。`,
    noCandidate: (rule) => `${rule}：满足适用条件，但没有可分配的参与分配人员。`,
    order: (order, period, proportional) => {
      const relative = proportional ? '（按比例分配）' : '';
      switch (order) {
        case 'fewestAssigned':
          return `以${PERIOD[period]}自动分配次数少的人员优先分配${relative}`;
        case 'fewestServing':
          return `以${PERIOD[period]}处理中客户数少的人员优先分配${relative}`;
        case 'leastUtilised':
          return `以容量占用率（处理中 / 容量）低的人员优先分配${relative}`;
        case 'longestIdle':
          return '以距上次自动分配最久的人员优先分配';
        default:
          return proportional ? '按比例轮流分配' : '按参与分配人员顺序轮流分配';
      }
    },
    viaSelector: (agent, selector) => `${agent}（由选择器 agents[${selector}] 选入）`,
    candidate: (f) => {
      switch (f.order) {
        case 'longestIdle':
          return `${f.who}：${f.lastAssignedAt === null ? '从未被自动分配' : `上次自动分配于 ${f.lastAssignedAt}`}`;
        case 'leastUtilised': {
          const utilisation =
            f.capacity === null
              ? `处理中 ${f.count} 个，未设容量（排在所有设有容量的人员之后）`
              : `处理中 ${f.count} / 容量 ${f.capacity} = ${f.utilisation}`;
          return f.proportional ? `${f.who}：${utilisation}，比例 ${f.weight}` : `${f.who}：${utilisation}`;
        }
        case 'roundRobin':
          if (f.proportional) return `${f.who}：当前权重 ${f.key}（比例 ${f.weight}）`;
          return `${f.who}：${f.rawKey === 0 ? '轮到此人' : `排在轮到者之后第 ${f.key} 位`}`;
        default: {
          const counted =
            f.order === 'fewestAssigned' ? `${PERIOD[f.period]}自动分配 ${f.count} 次` : `${PERIOD[f.period]}处理中 ${f.count} 个`;
          return f.proportional ? `${f.who}：${counted}，比例 ${f.weight}，折算 ${f.key}` : `${f.who}：${counted}`;
        }
      }
    },
    notCandidate: (agent, reason) => `${agent}：不参与本次分配，${reason}。`,
    stickyFallback: (agent, reason) => `无法沿用原客服，改按分配顺序：之前的专属客服 ${agent} 不参与本次分配，${reason}。`,
    ties: '数值相同时，排在前面的参与分配人员优先。',
    exclusion: {
      unknown: () => '不在提供的客服名单中',
      disabled: () => '已停用',
      excluded: () => '已被排除，不服务此对象',
      presence: () => '当前在线状态不符合规则要求',
      capacity: () => '已达容量上限',
      limit_reached: ({ limit, period }) => `已达${PERIOD[period]}自动分配上限 ${limit} 次`,
      agent_condition: () => '不满足客服条件',
      off_shift: ({ until }) => (until === null ? '不在班，一年内没有排班' : `不在班，${until} 上班`),
      on_leave: ({ until }) => (until === null ? '休假中' : `休假中，至 ${until}`),
    },
    fieldsHeading: (kind) => `${KIND[kind]}数据与声明的字段不符：`,
    undeclaredField: (field, suggestion) => `${field} 不是声明的字段${suggestion === null ? '。' : `，你是不是想写 ${suggestion}？`}`,
    wrongType: (field, value, actual, declared) =>
      `${field} 是${value === null ? KIND_WORDS[actual] : ` ${value}（${KIND_WORDS[actual]}）`}，但规则集声明为${TYPE_WORDS[declared]}。`,
    missingFields: (fields) =>
      `缺少以下字段，条件中按 null 读取：${fields.map((f) => `${f.field}（${TYPE_WORDS[f.declared]}）`).join('、')}。`,
  },
  issue: {
    invalid_type: (p) => `值的类型不对${p.got === undefined ? '' : `（收到的是${JSON_KINDS[p.got] ?? p.got}）`}。`,
    invalid_value: () => '此处不允许这个值。',
    missing: (p) => (p.key === undefined ? '缺少必填项。' : `缺少“${p.key}”。`),
    unknown_key: (p) => `未知的键${p.key === undefined ? '' : `“${p.key}”`}。${suggest(p.suggestion)}`,
    duplicate_id: (p) => `ID${p.id === undefined ? '' : `“${p.id}”`}重复。`,
    reserved_id: (p) => `ID${p.id === undefined ? '' : `“${p.id}”`}为保留 ID。`,
    expression_syntax: () => '适用条件不是有效的表达式。',
    expression_too_large: () => '适用条件过大。',
    forbidden_name: (p) => `规则集中不允许使用${p.name === undefined ? '该名称' : `“${p.name}”`}。`,
    unknown_function: (p) => `未知函数${p.name === undefined ? '' : `“${p.name}”`}。${suggest(p.suggestion)}`,
    unknown_field: (p) => `未知字段${p.field === undefined ? '' : `“${p.field}”`}。${suggest(p.suggestion)}`,
    type_mismatch: () => '适用条件中的类型不匹配。',
    invalid_time_zone: (p) => `不是 IANA 时区${p.given === undefined ? '' : `：“${p.given}”`}。${suggest(p.suggestion)}`,
    invalid_time: () => '适用时间不是 00:00 到 24:00 之间的“HH:mm”，或时段的结束早于开始。',
    invalid_date_range: () => '不是有效的日期“YYYY-MM-DD”，或日期范围的结束早于开始。',
    invalid_weight: () => '分配比例必须是大于 0 的有限数字。',
    invalid_duration: () => '不是 ISO-8601 时长，例如“PT24H”或“P3D”。',
  },
  issueHeading: (path, sentence, code) => `${path}：${sentence} [${code}]`,
  recordStory: {
    headline: (subject, kind, agent, how) => `${subject}（${kind === 'customer' ? '客户' : '联系人'}）→ ${agent}，${how}。`,
    byRule: (ruleId, recordId) => `自动分配，规则 ${ruleId ?? '未知'}（分配记录 ${recordId}）`,
    byHand: (recordId, role, actorId) => `管理员手动分配（分配记录 ${recordId}，${role} ${actorId}）`,
    byApplication: (recordId, role, actorId) => `业务申请分配（分配记录 ${recordId}，${role} ${actorId}）`,
    notKept: '这条记录产生时尚未保存规则的判定过程（早于保存决策的版本）：只能显示记录本身。',
    step: (at, from, to, role, actorId, note) => `  ${at} ${from ?? '创建'} → ${to}，操作人 ${role} ${actorId}${note === null ? '' : `，备注：${note}`}`,
  },
  waitingReason: {
    no_eligible_agent: '无可分配客服',
    outside_schedule: '不在适用时间内',
    no_rule_applies: '无适用规则',
    auto_disabled: '自动分配已停用',
    declined: '客服拒绝，无人可再分配',
    expired: '确认超时，无人可再分配',
  },
  workflow: {
    type: { auto: '自动分配', manual: '管理员手动分配', application: '业务申请分配' },
    status: {
      pending_approval: '待客服管理员审批',
      pending_confirmation: '待客服二次确认',
      effective: '已生效',
      rejected: '审批未通过',
      declined: '客服已拒绝',
      cancelled: '已取消',
      expired: '已过期',
      ended: '已结束',
    },
    event: { approve: '审批通过', reject: '审批驳回', confirm: '确认', decline: '拒绝', cancel: '取消', expire: '过期', end: '结束' },
    who: { admin: '客服管理员', record_agent: '被分配的客服本人', requester_or_admin: '申请人或客服管理员', system: '系统' },
    forbidden: (who, event, recordId) => `只有${zhCN.workflow.who[who]}可以${zhCN.workflow.event[event]}分配记录 ${recordId}。`,
  },
};
