/**
 * The README's quick start: one decision with the pure core, explained.
 * Run: npx tsx examples/quickstart-core.ts
 */
import { assignCustomer, explain, validateRuleSet, formatIssues, type RuleSet } from 'dedicated-agent';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: true },
    pendingTimeout: 'PT24H',
  },
  fields: { region: 'string', level: 'number', tags: 'string[]' },
  rules: [
    {
      id: 'holiday', name: 'National Day duty', enabled: true,
      schedule: { dates: [{ from: '2026-10-01', to: '2026-10-07' }], hours: [{ from: '00:00', to: '24:00' }] },
      agents: [{ id: 'duty-1' }, { id: 'duty-2' }],
      order: { by: 'roundRobin' },
    },
    {
      id: 'vip', name: 'VIP customers', enabled: true,
      when: "level >= 3 || 'vip' in tags",
      agents: [{ id: 'li-lei', weight: 2 }, { id: 'han-meimei', weight: 1 }],
      proportional: true,
      order: { by: 'fewestAssigned', period: 'day' },
    },
    {
      id: 'beijing', name: 'Beijing customers', enabled: true,
      when: "region == '北京'",
      schedule: { exceptDates: [{ from: '2026-10-01', to: '2026-10-07' }] },   // Mon–Fri 08:00–18:00
      agents: [{ id: 'zhang-san' }, { id: 'li-si' }],
      order: { by: 'fewestServing' },
    },
  ],
  defaultRule: { name: 'Everyone else', enabled: true, agents: [{ id: 'wang-wu' }], order: { by: 'roundRobin' } },
};

const checked = validateRuleSet(ruleSet);
if (!checked.ok) throw new Error(formatIssues(checked.issues));

const result = assignCustomer({
  ruleSet,
  subject: { id: 'c-1', kind: 'customer', fields: { region: '北京', level: 5, tags: [] } },
  agents: [
    { id: 'li-lei', assigned: { day: 3 } },
    { id: 'han-meimei', assigned: { day: 2 } },
  ],
  ruleState: {},
  now: '2026-11-25T10:00:00+08:00',
});

console.log(result.outcome, result.agentId);
console.log(explain(result, { agentName: (id) => ({ 'li-lei': 'Li Lei', 'han-meimei': 'Han Meimei' })[id] ?? id }));
// c-1 (customer) → Li Lei by rule "VIP customers" (vip).
// 1. rule "National Day duty" (holiday): matched but outside its schedule; it does not open within a year.
// 2. rule "VIP customers" (vip): matched; Li Lei chosen by fewest automatic assignments today, relative to weight.
//   - Li Lei: 3 assignment(s) today against weight 2 = 1.5
//   - Han Meimei: 2 assignment(s) today against weight 1 = 2
