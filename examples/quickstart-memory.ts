/**
 * Quick start with the service on the in-memory store: wire it, assign a new
 * customer automatically, let sales apply for an agent, let the admin approve
 * and the agent confirm, then deliver the notifications.
 * Run: npx tsx examples/quickstart-memory.ts
 */
import { createAssignmentService, type Notification, type RuleSet } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: true },
    pendingTimeout: 'PT24H',
  },
  rules: [
    {
      id: 'beijing',
      name: 'Beijing customers',
      enabled: true,
      when: "region == '北京'",
      agents: [{ id: 'li-lei' }, { id: 'han-meimei' }],
      order: { by: 'fewestServing' },
    },
  ],
  defaultRule: { name: 'Everyone else', enabled: true, agents: [{ id: 'wang-wu' }], order: { by: 'roundRobin' } },
};

const store = createMemoryStore();
await store.upsertAgents([
  { id: 'li-lei', name: 'Li Lei', presence: 'online', capacity: 200, languages: ['zh'] },
  { id: 'han-meimei', name: 'Han Meimei', presence: 'online', capacity: 200, languages: ['zh', 'en'] },
  { id: 'wang-wu', name: 'Wang Wu', presence: 'online' },
]);

const sent: Notification[] = [];
const svc = createAssignmentService({ store, ruleSet, notifier: { send: (n) => void sent.push(n) } });

// A customer is created in the CRM: assign automatically (idempotent per CRM event).
const auto = await svc.autoAssign({ id: 'c-1', kind: 'customer', fields: { region: '北京' } }, { idempotencyKey: 'crm-event-1' });
console.log(`c-1 → ${auto.agentId} (${auto.outcome}, rule ${auto.ruleId})`);

// Sales asks for Han Meimei on c-1; the admin approves, then she confirms.
const sales = { id: 'sales-7', role: 'business' } as const;
const { record } = await svc.apply({ subject: { id: 'c-1' }, agentId: 'han-meimei', actor: sales, canView: true });
console.log(`application ${record.status}`);
await svc.approve(record.id, { id: 'admin-1', role: 'admin' });
const confirmed = await svc.confirm(record.id, { id: 'han-meimei', role: 'agent' });
console.log(`application ${confirmed.record.status}; c-1 now with ${(await svc.getSubject({ id: 'c-1' }))?.agentId}`);

// The assignment-record screen, newest first.
const page = await svc.records({ subjectId: 'c-1', limit: 10 });
for (const r of page.items) console.log(`${r.createdAt.toISOString()} ${r.type.padEnd(11)} ${r.status.padEnd(10)} ${r.agentId}`);

// Deliver the outbox (call this from a scheduler).
console.log(await svc.dispatchNotifications(), sent.map((n) => `${n.event}→${n.recipient.type === 'admins' ? 'admins' : n.recipient.id}`).join(', '));
