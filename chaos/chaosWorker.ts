/**
 * One application-server process of the chaos suite: `lanes` concurrent
 * loops of service calls against the store (through the fault proxy) until
 * the deadline, every outcome appended to its log as it happens — so a
 * worker killed with SIGKILL leaves what it did behind. No
 * `uncaughtException` handler: a crash must show as a crash.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPostgresStore } from '../src/adapters/postgres/index.js';
import { type Actor, AssignmentError, type AssignmentRecord, CommitUnknownError, type Notification, createAssignmentService } from '../src/index.js';
import { CHAOS_AGENTS, CHAOS_RULE_SET, type ChaosLine, type ChaosOp, type ChaosTask, subjectId } from './chaosSetup.js';

const task = JSON.parse(process.argv[2]!) as ChaosTask;
const write = (line: ChaosLine) => appendFileSync(task.log, `${JSON.stringify(line)}\n`);

const pool = new pg.Pool({ connectionString: task.url, max: task.lanes + 2, application_name: 'da-chaos', connectionTimeoutMillis: 5_000 });
// Errors of idle connections arrive on the pool; without a listener Node would end the process.
pool.on('error', () => write({ t: 'poolError' }));

/** Throws 20% of the time, stalls 1–3 s 3% of the time; records each delivery before it returns. */
const notifier = {
  async send(notification: Notification) {
    const roll = Math.random();
    if (roll < 0.2) {
      write({ t: 'notifierFault', kind: 'throw' });
      throw new Error('chaos notifier: refused');
    }
    if (roll < 0.23) {
      write({ t: 'notifierFault', kind: 'stall' });
      await sleep(1_000 + Math.random() * 2_000);
    }
    write({ t: 'sent', recordId: notification.recordId });
  },
};

const postgres = createPostgresStore({ client: pool, schema: task.schema });
const svc = createAssignmentService({
  // Counts the COMMITs whose answer was lost: the service resolves them before the caller hears.
  store: {
    ...postgres,
    transaction: (work) =>
      postgres.transaction(work).catch((error: unknown) => {
        if (error instanceof CommitUnknownError) write({ t: 'commitUnknown' });
        throw error;
      }),
  },
  ruleSet: CHAOS_RULE_SET,
  notifier,
  ids: randomUUID,
  retry: { attempts: 8, baseMs: 20, maxMs: 500 },
  dispatch: { batchSize: 10, leaseMs: 3_000, backoffBaseMs: 200, backoffMaxMs: 2_000 },
});

const admin: Actor = { id: 'admin-1', role: 'admin' };
const sales: Actor = { id: 'sales-1', role: 'business' };
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const anySubject = () => subjectId(Math.floor(Math.random() * task.subjects));
const anyAgent = () => pick(CHAOS_AGENTS).id;
let seq = 0;

const WEIGHTS: [ChaosOp, number][] = [
  ['autoAssign', 45],
  ['autoAssignMany', 3],
  ['apply', 14],
  ['approve', 10],
  ['confirm', 8],
  ['decline', 4],
  ['assignManually', 12],
  ['expirePending', 4],
  ['dispatch', 3],
];
const TOTAL = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function chooseOp(): ChaosOp {
  let roll = Math.random() * TOTAL;
  for (const [op, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return op;
  }
  return 'autoAssign';
}

async function pending(status: 'pending_approval' | 'pending_confirmation'): Promise<AssignmentRecord | null> {
  const { items } = await svc.records({ statuses: [status], limit: 20 });
  return items.length === 0 ? null : pick(items);
}

function recordLine(op: ChaosOp, record: AssignmentRecord): ChaosLine {
  return { t: 'ok', op, subject: record.subject.id, recordId: record.id, version: record.version, agentId: record.agentId };
}

async function call(op: ChaosOp, key: string | undefined): Promise<ChaosLine | null> {
  switch (op) {
    case 'autoAssign': {
      const subject = anySubject();
      const result = await svc.autoAssign({ id: subject, fields: { level: 1 } }, key === undefined ? {} : { idempotencyKey: key });
      return { t: 'ok', op, subject, ...(key === undefined ? {} : { key }), recordId: result.record?.id ?? null, agentId: result.agentId, outcome: result.outcome };
    }
    case 'autoAssignMany': {
      // An import of 150 subjects (repeats split batches) in batches of 120: the set-based path, each batch decided ahead while the one before commits.
      const prefix = `many.${task.index}.${task.generation}.${++seq}`;
      const subjects = Array.from({ length: 150 }, () => ({ id: anySubject(), fields: { level: 1 } }));
      const summary = await svc.autoAssignMany(subjects, { batchSize: 120, idempotencyKey: (subject) => `${prefix}:${subject.id}` });
      return { t: 'ok', op, outcome: `${summary.subjects} in ${summary.batches} batches` };
    }
    case 'apply':
      return recordLine(op, (await svc.apply({ subject: { id: anySubject() }, agentId: anyAgent(), actor: sales, canView: true })).record);
    case 'approve': {
      const record = await pending('pending_approval');
      return record === null ? null : recordLine(op, (await svc.approve(record.id, admin)).record);
    }
    case 'confirm':
    case 'decline': {
      const record = await pending('pending_confirmation');
      if (record === null) return null;
      const actor: Actor = { id: record.agentId, role: 'agent' };
      return recordLine(op, (await (op === 'confirm' ? svc.confirm(record.id, actor) : svc.decline(record.id, actor))).record);
    }
    case 'assignManually':
      return recordLine(op, (await svc.assignManually({ subject: { id: anySubject() }, agentId: anyAgent(), actor: admin })).record);
    case 'expirePending':
      await svc.expirePending();
      return { t: 'ok', op };
    case 'dispatch':
      await svc.dispatchNotifications();
      return { t: 'ok', op };
  }
}

async function lane(): Promise<void> {
  while (Date.now() < task.until) {
    const op = chooseOp();
    const key = op === 'autoAssign' && Math.random() < 0.7 ? `${task.index}.${task.generation}.${++seq}` : undefined;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), task.boundMs);
    });
    try {
      const line = await Promise.race([call(op, key), bound]);
      if (line === 'hang') write({ t: 'hang', op });
      else if (line !== null) write(line);
    } catch (error) {
      const typed = error instanceof AssignmentError;
      const code = typed ? error.code : error instanceof Error ? error.name : typeof error;
      write({ t: 'error', op, code, typed, message: (error instanceof Error ? error.message : String(error)).slice(0, 300), ...(key === undefined ? {} : { key }) });
    } finally {
      clearTimeout(timer);
    }
  }
}

await Promise.all(Array.from({ length: task.lanes }, () => lane()));
await pool.end();
