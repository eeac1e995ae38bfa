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
 * Run: npm run demo                 (English)
 *      npm run demo -- --lang zh-CN  (简体中文; LANG=zh_CN.UTF-8 chooses it too)
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  type Actor,
  type AgentProfile,
  type AssignmentResult,
  createAssignmentService,
  explain,
  type Locale,
  messagesFor,
  type Notification,
  type RuleSet,
} from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';

// The language: --lang zh-CN|en, else the environment's LC_ALL / LANG (as the CLI does).
const langArg = process.argv.indexOf('--lang');
const envTag = process.env.LC_ALL || process.env.LANG || '';
const locale: Locale = langArg >= 0 ? (process.argv[langArg + 1] === 'zh-CN' ? 'zh-CN' : 'en') : /^zh([_-]|$)/i.test(envTag) ? 'zh-CN' : 'en';
const words = messagesFor(locale);
const zh = locale === 'zh-CN';
const say = (english: string, chinese: string) => (zh ? chinese : english);

const data = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'));
const ruleSet = data('rules.json') as RuleSet;
// The store computes counts from what it commits, so profiles go in without the simulator's counts.
const agents = (data('agents.json') as (AgentProfile & { serving?: unknown })[]).map(({ serving: _counts, ...profile }) => profile);
const names = new Map(agents.map((agent) => [agent.id, agent.name ?? agent.id]));
const nameOf = (id: string | null) => (id === null ? say('nobody', '无') : (names.get(id) ?? id));

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

// Terminal columns: a Chinese character takes two.
const width = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));

function section(title: string): void {
  console.log(`\n${title}\n${'─'.repeat(width(title))}`);
}

function oneLine(result: AssignmentResult): string {
  if (result.agentId !== null) return say(`→ ${nameOf(result.agentId)} (rule ${result.ruleId})`, `→ ${nameOf(result.agentId)}（规则 ${result.ruleId}）`);
  const reason = result.reason === null ? '' : say(result.reason, words.explain.unassignedReason[result.reason]);
  const retry = result.retryAt ? say(`, retry at ${hhmm(result.retryAt)}`, `，${hhmm(result.retryAt)} 重试`) : '';
  return say(`→ not assigned: ${reason}${retry}`, `→ 未分配：${reason}${retry}`);
}

section(say('1. New customers arrive; the rules pick their dedicated agents', '1. 新客户陆续创建，自动分配规则为其选出专属客服'));
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

section(say('2. Why? The trace of one decision, as an admin reads it', '2. 为什么？一次分配决定的完整过程（管理员视角）'));
now = at('2026-11-26T09:12');
const why = await svc.autoAssign({ id: 'c-1013', fields: { region: '上海', level: 4, tags: ['vip'], language: 'zh', channel: 'phone', product: 'pro' } });
console.log(explain(why, { agentName: (id) => nameOf(id), locale, timeZone: ruleSet.timeZone }));

section(say('3. Customers created after hours are assigned when office hours open (retryAt)', '3. 下班后创建的客户，在适用时间开始时分配（retryAt）'));
for (const { id, retryAt } of waiting) {
  now = retryAt;
  const result = await svc.autoAssign({ id, kind: 'customer' });
  console.log(`${hhmm(now)}  ${id}  ${oneLine(result)}`);
}

section(
  say(
    '4. Sales applies for an agent: the admin approves, then the agent confirms (业务申请 + 审批 + 二次确认)',
    '4. 业务申请分配：客服管理员审批，再由客服二次确认',
  ),
);
now = at('2026-11-26T10:00');
const current = await svc.getSubject({ id: 'c-1005' });
console.log(
  say(
    `c-1005 is with ${nameOf(current?.agentId ?? null)}; ${sales.id} asks for ${nameOf('liang-chen')}`,
    `c-1005 的专属客服是 ${nameOf(current?.agentId ?? null)}；${sales.id} 申请改为 ${nameOf('liang-chen')}`,
  ),
);
const status = (record: { status: keyof typeof words.workflow.status }) => say(record.status, words.workflow.status[record.status]);
const { record: application } = await svc.apply({ subject: { id: 'c-1005' }, agentId: 'liang-chen', actor: sales, canView: true, note: 'speaks the customer’s dialect' });
console.log(say(`  applied      → ${status(application)}`, `  提交申请 → ${status(application)}`));
now = at('2026-11-26T10:20');
const approved = await svc.approve(application.id, admin, 'ok');
console.log(say(`  ${admin.id} approves → ${status(approved.record)}`, `  ${admin.id} 审批通过 → ${status(approved.record)}`));
now = at('2026-11-26T10:31');
const confirmed = await svc.confirm(application.id, { id: 'liang-chen', role: 'agent' });
const nowWith = nameOf((await svc.getSubject({ id: 'c-1005' }))?.agentId ?? null);
console.log(
  say(
    `  ${nameOf('liang-chen')} confirms → ${status(confirmed.record)}; c-1005 is now with ${nowWith}`,
    `  ${nameOf('liang-chen')} 确认 → ${status(confirmed.record)}；c-1005 的专属客服现在是 ${nowWith}`,
  ),
);

section(say('5. An agent declines, and a request nobody answers expires', '5. 客服拒绝，以及无人处理的申请过期'));
now = at('2026-11-26T11:00');
const { record: second } = await svc.apply({ subject: { id: 'c-1001' }, agentId: 'ma-li', actor: sales, canView: true });
await svc.approve(second.id, admin);
const declined = await svc.decline(second.id, { id: 'ma-li', role: 'agent' }, 'portfolio full');
const staysWith = nameOf((await svc.getSubject({ id: 'c-1001' }))?.agentId ?? null);
console.log(
  say(
    `c-1001: ${nameOf('ma-li')} declines → ${status(declined.record)}; c-1001 stays with ${staysWith}`,
    `c-1001：${nameOf('ma-li')} 拒绝 → ${status(declined.record)}；c-1001 的专属客服仍是 ${staysWith}`,
  ),
);
const { record: third } = await svc.apply({ subject: { id: 'c-1007' }, agentId: 'wu-xia', actor: sales, canView: true });
now = at('2026-11-27T11:05');
const expired = await svc.expirePending();
const expiredList = expired.map((r) => `${r.id} ${status(r)}`).join(say(', ', '、'));
console.log(
  say(
    `c-1007: request ${third.id} waited 24 h for approval → ${expiredList}`,
    `c-1007：申请 ${third.id} 等待客服管理员审批 24 小时 → ${expiredList}`,
  ),
);

section(say('6. The assignment-record screen (分配记录), newest first', '6. 分配记录（最新在前）'));
const page = await svc.records({ limit: 30 });
const [typeWidth, statusWidth] = zh ? [16, 18] : [11, 20];
const heading = zh ? ['分配时间', '分配类型', '分配状态', '客户', '客服', '规则'] : ['created', 'type', 'status', 'customer', 'agent', 'rule'];
console.log(`${pad(heading[0]!, 16)}  ${pad(heading[1]!, typeWidth)}  ${pad(heading[2]!, statusWidth)}  ${pad(heading[3]!, 8)}  ${pad(heading[4]!, 12)}  ${heading[5]}`);
for (const record of page.items) {
  const type = zh ? words.workflow.type[record.type] : record.type;
  console.log(
    `${hhmm(record.createdAt)}  ${pad(type, typeWidth)}  ${pad(status(record), statusWidth)}  ${pad(record.subject.id, 8)}  ${pad(nameOf(record.agentId), 12)}  ${record.ruleId ?? '—'}`,
  );
}
const effectiveToday = await svc.records({ from: at('2026-11-25T00:00'), to: at('2026-11-26T00:00'), types: ['auto'], statuses: ['effective'], limit: 100 });
console.log(
  say(
    `(filter: automatic, effective, created on 25 November → ${effectiveToday.items.length} records)`,
    `（筛选：自动分配、已生效、11月25日创建 → ${effectiveToday.items.length} 条记录）`,
  ),
);

section(say('7. Notifications, delivered from the outbox', '7. 消息提醒（从发件箱投递）'));
const delivery = await svc.dispatchNotifications();
const byEvent = new Map<string, number>();
for (const notification of sent) byEvent.set(notification.event, (byEvent.get(notification.event) ?? 0) + 1);
const events = [...byEvent].map(([event, n]) => `${event} ×${n}`).join(', ');
console.log(say(`${delivery.delivered} delivered, ${delivery.failed} failed: ${events}`, `已投递 ${delivery.delivered} 条，失败 ${delivery.failed} 条：${events}`));

await db.close();
