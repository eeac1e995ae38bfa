/**
 * The main job on the embedded default: an example CRM on PGlite (embedded
 * PostgreSQL, no server). It migrates the store, loads 50 agents and a
 * realistic rule set (regions, VIP weights, office hours, a National Day rule,
 * a default rule), assigns a stream of new customers — some outside office
 * hours, retried at their `retryAt` — runs an application with admin approval
 * and agent confirmation (and one the agent declines), lets a request expire,
 * and prints who got whom and why, the assignment-record screen and the
 * notifications sent.
 *
 * Run: npm run demo
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  type Actor,
  type AgentProfile,
  type AssignmentResult,
  createAssignmentService,
  explain,
  type Notification,
  type RuleSet,
} from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';

const data = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));
const ruleSet = data('rules.json') as RuleSet;
// The store computes counts from what it commits, so profiles go in without the simulator's counts.
const agents = (data('agents.json') as (AgentProfile & { serving?: unknown })[]).map(({ serving: _counts, ...profile }) => profile);
const names = new Map(agents.map((agent) => [agent.id, agent.name ?? agent.id]));
const nameOf = (id: string | null) => (id === null ? 'nobody' : (names.get(id) ?? id));

// The CRM's clock, moved by the demo; Beijing time.
let now = new Date('2026-11-25T09:05:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);
const hhmm = (date: Date) => date.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

const db = new PGlite();
const store = await createPostgresStore({ client: db }).migrate();
await store.upsertAgents(agents);

const sent: Notification[] = [];
let nextId = 0;
const svc = createAssignmentService({
  store,
  ruleSet,
  clock: { now: () => now },
  notifier: { send: (notification) => void sent.push(notification) },
  // Readable, reproducible ids for the demo (the default is crypto.randomUUID).
  ids: () => `r-${String(++nextId).padStart(3, '0')}`,
});

const admin: Actor = { id: 'admin-zhou', role: 'admin' };
const sales: Actor = { id: 'sales-liu', role: 'business' };

function section(title: string): void {
  console.log(`\n${title}\n${'─'.repeat(title.length)}`);
}

function oneLine(result: AssignmentResult): string {
  if (result.agentId !== null) return `→ ${nameOf(result.agentId)} (rule ${result.ruleId})`;
  const retry = result.retryAt ? `, retry at ${hhmm(result.retryAt)}` : '';
  return `→ not assigned: ${result.reason}${retry}`;
}

section('1. New customers arrive; the rules pick their dedicated agents');
const stream = [
  { at: '2026-11-25T09:05', id: 'c-1001', fields: { region: '北京', level: 2, tags: [], language: 'zh', channel: 'web', product: 'pro' } },
  { at: '2026-11-25T09:20', id: 'c-1002', fields: { region: '上海', level: 5, tags: ['vip'], language: 'zh', channel: 'phone', product: 'enterprise' } },
  { at: '2026-11-25T09:41', id: 'c-1003', fields: { region: '广东', level: 1, tags: [], language: 'zh', channel: 'wechat', product: 'basic' } },
  { at: '2026-11-25T10:02', id: 'c-1004', fields: { region: '香港', level: 2, tags: [], language: 'zh', channel: 'email', product: 'pro' } },
  { at: '2026-11-25T10:15', id: 'c-1005', fields: { region: '浙江', level: 2, tags: [], language: 'zh', channel: 'web', product: 'pro' } },
  { at: '2026-11-25T10:33', id: 'c-1006', fields: { region: '四川', level: 3, tags: [], language: 'en', channel: 'email', product: 'pro' } },
  { at: '2026-11-25T11:10', id: 'c-1007', fields: { region: '北京', level: 1, tags: ['new'], language: 'zh', channel: 'web', product: 'basic' } },
  { at: '2026-11-25T11:48', id: 'c-1008', fields: { region: '湖北', level: 2, tags: [], language: 'zh', channel: 'phone', product: 'pro' } },
  { at: '2026-11-25T14:06', id: 'c-1009', fields: { region: '北京', level: 4, tags: [], language: 'zh', channel: 'web', product: 'pro' } },
  { at: '2026-11-25T15:30', id: 'c-1010', fields: { region: '海外', level: 1, tags: [], language: 'zh', channel: 'web', product: 'basic' } },
  { at: '2026-11-25T19:40', id: 'c-1011', fields: { region: '江苏', level: 2, tags: [], language: 'zh', channel: 'web', product: 'pro' } },
  { at: '2026-11-25T23:15', id: 'c-1012', fields: { region: '天津', level: 1, tags: [], language: 'zh', channel: 'app', product: 'basic' } },
];
const waiting: { id: string; retryAt: Date }[] = [];
for (const customer of stream) {
  now = at(customer.at);
  const result = await svc.autoAssign({ id: customer.id, kind: 'customer', fields: customer.fields }, { idempotencyKey: `crm-created-${customer.id}` });
  const { region, level, language } = customer.fields;
  console.log(`${hhmm(now)}  ${customer.id}  ${region} L${level} ${language}  ${oneLine(result)}`);
  if (result.reason === 'outside_schedule' && result.retryAt) waiting.push({ id: customer.id, retryAt: result.retryAt });
}

section('2. Why? The trace of one decision, as an admin reads it');
now = at('2026-11-26T09:12');
const why = await svc.autoAssign({ id: 'c-1013', fields: { region: '上海', level: 4, tags: ['vip'], language: 'zh', channel: 'phone', product: 'pro' } });
console.log(explain(why, { agentName: (id) => nameOf(id) }));

section('3. Customers created after hours are assigned when office hours open (retryAt)');
for (const { id, retryAt } of waiting) {
  now = retryAt;
  const result = await svc.autoAssign({ id, kind: 'customer' });
  console.log(`${hhmm(now)}  ${id}  ${oneLine(result)}`);
}

section('4. Sales applies for an agent: the admin approves, then the agent confirms (业务申请 + 审批 + 二次确认)');
now = at('2026-11-26T10:00');
const current = await svc.getSubject({ id: 'c-1005' });
console.log(`c-1005 is with ${nameOf(current?.agentId ?? null)}; ${sales.id} asks for ${nameOf('liang-chen')}`);
const { record: application } = await svc.apply({ subject: { id: 'c-1005' }, agentId: 'liang-chen', actor: sales, canView: true, note: 'speaks the customer’s dialect' });
console.log(`  applied      → ${application.status}`);
now = at('2026-11-26T10:20');
const approved = await svc.approve(application.id, admin, 'ok');
console.log(`  ${admin.id} approves → ${approved.record.status}`);
now = at('2026-11-26T10:31');
const confirmed = await svc.confirm(application.id, { id: 'liang-chen', role: 'agent' });
console.log(`  ${nameOf('liang-chen')} confirms → ${confirmed.record.status}; c-1005 is now with ${nameOf((await svc.getSubject({ id: 'c-1005' }))?.agentId ?? null)}`);

section('5. An agent declines, and a request nobody answers expires');
now = at('2026-11-26T11:00');
const { record: second } = await svc.apply({ subject: { id: 'c-1001' }, agentId: 'ma-li', actor: sales, canView: true });
await svc.approve(second.id, admin);
const declined = await svc.decline(second.id, { id: 'ma-li', role: 'agent' }, 'portfolio full');
console.log(`c-1001: ${nameOf('ma-li')} declines → ${declined.record.status}; c-1001 stays with ${nameOf((await svc.getSubject({ id: 'c-1001' }))?.agentId ?? null)}`);
const { record: third } = await svc.apply({ subject: { id: 'c-1007' }, agentId: 'wu-xia', actor: sales, canView: true });
now = at('2026-11-27T11:05');
const expired = await svc.expirePending();
console.log(`c-1007: request ${third.id} waited 24 h for approval → ${expired.map((r) => `${r.id} ${r.status}`).join(', ')}`);

section('6. The assignment-record screen (分配记录), newest first');
const page = await svc.records({ limit: 30 });
console.log(`${'created'.padEnd(16)}  ${'type'.padEnd(11)}  ${'status'.padEnd(20)}  ${'customer'.padEnd(8)}  ${'agent'.padEnd(12)}  rule`);
for (const record of page.items) {
  console.log(
    `${hhmm(record.createdAt)}  ${record.type.padEnd(11)}  ${record.status.padEnd(20)}  ${record.subject.id.padEnd(8)}  ${nameOf(record.agentId).padEnd(12)}  ${record.ruleId ?? '—'}`,
  );
}
const effectiveToday = await svc.records({ from: at('2026-11-25T00:00'), to: at('2026-11-26T00:00'), types: ['auto'], statuses: ['effective'], limit: 100 });
console.log(`(filter: automatic, effective, created on 25 November → ${effectiveToday.items.length} records)`);

section('7. Notifications, delivered from the outbox');
const delivery = await svc.dispatchNotifications();
const byEvent = new Map<string, number>();
for (const notification of sent) byEvent.set(notification.event, (byEvent.get(notification.event) ?? 0) + 1);
console.log(`${delivery.delivered} delivered, ${delivery.failed} failed: ${[...byEvent].map(([event, n]) => `${event} ×${n}`).join(', ')}`);

await db.close();
