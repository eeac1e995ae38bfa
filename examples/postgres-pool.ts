/**
 * The service on a real PostgreSQL server through a `pg.Pool`, as each of
 * several CRM application servers would run it: they share the database, and
 * the store's locks and constraints keep assignments exact between them.
 *
 *   DEDICATED_AGENT_PG_URL=postgres://user:password@host:5432/db npx tsx examples/postgres-pool.ts
 *
 * It works in the schema `dedicated_agent_example` (created on first run).
 */
import { createAssignmentService, explain, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import pg from 'pg';

const url = process.env.DEDICATED_AGENT_PG_URL;
if (!url) {
  console.error('Set DEDICATED_AGENT_PG_URL, e.g. postgres://user:password@localhost:5432/db');
  process.exit(1);
}

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: false },
  },
  fields: { region: 'string', level: 'number' },
  rules: [
    {
      id: 'vip',
      name: 'VIP customers',
      enabled: true,
      when: 'level >= 3',
      agents: [{ id: 'li-lei', weight: 2 }, { id: 'han-meimei', weight: 1 }],
      proportional: true,
      order: { by: 'fewestAssigned', period: 'day' },
    },
  ],
  defaultRule: { name: 'Everyone else', enabled: true, agents: [{ id: 'zhang-san' }, { id: 'li-si' }], order: { by: 'roundRobin' } },
};

// One pool per application server; each transaction takes its own connection.
const pool = new pg.Pool({ connectionString: url, max: 8 });
// An idle connection that drops (a server restart, a terminated backend) emits
// 'error' on the pool, and Node ends a process on an 'error' nobody listens to.
// The store listens on every connection it uses; idle ones are the pool's.
pool.on('error', (error) => console.error('idle PostgreSQL connection lost:', error.message));
try {
  // migrate() is idempotent and safe when several servers start at once.
  const store = await createPostgresStore({ client: pool, schema: 'dedicated_agent_example' }).migrate();
  await store.upsertAgents([
    { id: 'li-lei', name: 'Li Lei', capacity: 200 },
    { id: 'han-meimei', name: 'Han Meimei', capacity: 200 },
    { id: 'zhang-san', name: 'Zhang San' },
    { id: 'li-si', name: 'Li Si' },
  ]);
  const svc = createAssignmentService({
    store,
    ruleSet,
    notifier: {
      send: ({ recipient, event, subject }) => console.log(`  to ${recipient.type === 'admins' ? 'the admins' : recipient.id}: ${event} ${subject.id}`),
    },
  });

  // Concurrent calls, as from many request handlers: each is one transaction.
  const run = Date.now().toString(36);
  const customers = Array.from({ length: 6 }, (_, index) => ({ id: `${run}-c${index}`, fields: { region: 'north', level: index % 3 === 0 ? 3 : 1 } }));
  const results = await Promise.all(customers.map((customer) => svc.autoAssign(customer, { idempotencyKey: `crm-event-${customer.id}` })));
  for (const result of results) console.log(`${result.subject.id} → ${result.agentId} (rule ${result.ruleId})`);
  console.log(`\nWhy ${results[0]!.subject.id}?\n${explain(results[0]!)}`);

  // The same idempotency key again: the first result, nothing new written.
  const again = await svc.autoAssign(customers[0]!, { idempotencyKey: `crm-event-${customers[0]!.id}` });
  console.log(`\nRetried event for ${again.subject.id}: still ${again.agentId}, record ${again.record?.id}`);

  const page = await svc.records({ limit: 3 });
  console.log(`\nNewest records: ${page.items.map((record) => `${record.subject.id}:${record.agentId}:${record.status}`).join(', ')}`);
  console.log('\nDelivering notifications from the outbox:');
  console.log(await svc.dispatchNotifications());
} finally {
  await pool.end();
}
