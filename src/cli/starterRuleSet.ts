import type { RuleSet, Schedule } from '../index.js';

/** Office hours (适用时间): Monday to Friday, 08:00–18:00, closed on the National Day holiday. */
const officeHours = (): Schedule => ({
  weekdays: [1, 2, 3, 4, 5],
  hours: [{ from: '08:00', to: '18:00' }],
  exceptDates: [{ from: '2026-10-01', to: '2026-10-07' }],
});

/**
 * The rule set `dedicated-agent init` writes: one of each feature of the
 * assignment settings (专属客服分配设置) — a holiday duty rule on given dates
 * (指定日期), a proportional VIP rule (按比例分配, 2:2:1), a condition rule
 * (适用条件: 地区 = 北京) written as a condition builder would, office hours
 * (适用时间) with the holiday excepted, and a default rule (默认规则). Its
 * fields are those of the generated customers.
 *
 * @returns a fresh copy of the starter rule set
 * @example
 * ```ts
 * validateRuleSet(starterRuleSet()).ok; // true
 * ```
 */
export function starterRuleSet(): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    weekStartsOn: 1,
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false, reofferOnDecline: true },
      application: { enabled: true, adminApproval: true, agentConfirmation: false },
      pendingTimeout: 'PT24H',
    },
    fields: { region: 'string', level: 'number', tags: 'string[]', language: 'string', channel: 'string', product: 'string' },
    rules: [
      {
        id: 'holiday-duty',
        name: 'National Day duty (国庆值班)',
        description: '1–7 October: two agents on duty take every customer, 09:00–17:00.',
        enabled: true,
        schedule: { dates: [{ from: '2026-10-01', to: '2026-10-07' }], hours: [{ from: '09:00', to: '17:00' }] },
        agents: [{ id: 'wang-fang' }, { id: 'zhao-lei' }],
        order: { by: 'fewestAssigned', period: 'day' },
        eligibility: { presence: ['online', 'busy'] },
      },
      {
        id: 'vip',
        name: 'VIP customers (VIP 客户)',
        description: 'Level 4 and above, or tagged vip: the two senior managers take two customers for every one the junior takes.',
        enabled: true,
        when: "level >= 4 || 'vip' in tags",
        schedule: officeHours(),
        agents: [
          { id: 'huang-tao', weight: 2 },
          { id: 'zhao-min', weight: 2 },
          { id: 'song-jian', weight: 1 },
        ],
        proportional: true,
        order: { by: 'fewestAssigned', period: 'month' },
        eligibility: { presence: ['online', 'busy'] },
        sticky: true,
      },
      {
        id: 'beijing',
        name: 'Beijing customers (北京客户)',
        description: 'Customers whose region is 北京 go to the Beijing team, the one serving the fewest first.',
        enabled: true,
        when: { field: 'region', op: 'eq', value: '北京' },
        schedule: officeHours(),
        agents: [{ id: 'zhang-wei' }, { id: 'liu-yang' }, { id: 'wang-fang' }],
        order: { by: 'fewestServing' },
        eligibility: { presence: ['online', 'busy'] },
      },
    ],
    defaultRule: {
      name: 'Everyone else (默认规则)',
      enabled: true,
      schedule: officeHours(),
      agents: [{ id: 'li-qiang' }, { id: 'qian-hui' }, { id: 'zhao-lei' }, { id: 'bai-lu' }],
      order: { by: 'roundRobin' },
      eligibility: { presence: ['online', 'busy', 'away'] },
    },
  };
}
