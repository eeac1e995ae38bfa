import {
  AssignmentError,
  type AssignmentRecord,
  assignCustomer,
  compileRuleSet,
  createAssigner,
  createAssignmentService,
  expirePending,
  explain,
  formatIssues,
  isScheduleOpen,
  nextScheduleOpening,
  periodRange,
  RuleSetError,
  requestApplication,
  requestManualAssignment,
  transition,
} from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { describe, expect, it } from 'vitest';
import { seedRuleSet } from '../fixtures/seedRuleSet.js';

const ruleSet = compileRuleSet(seedRuleSet());
const now = '2026-11-25T10:00:00+08:00';
const admin = { id: 'admin-1', role: 'admin' } as const;
const sales = { id: 'sales-7', role: 'business' } as const;
const agents = [{ id: 'li-lei' }, { id: 'han-meimei' }];
const subject = { id: 'c-1', fields: { region: '北京', level: 3 } };
const record: AssignmentRecord = requestManualAssignment({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, now }).record;
const result = assignCustomer({ ruleSet, subject, agents, now });
const store = createMemoryStore();
const svc = createAssignmentService({ store, ruleSet });
const tx = <T>(work: (t: Parameters<Parameters<typeof store.transaction>[0]>[0]) => Promise<T> | T) => store.transaction(async (t) => work(t));

/**
 * One public entry point: `call(bad)` passes `bad` in one argument position;
 * `path` is what the error must name when that argument itself is bad;
 * `member` is a value of the right shape with one wrongly typed member, and
 * `memberPath` what the error must name then.
 */
interface EntryPoint {
  name: string;
  call: (bad: unknown) => unknown;
  path: string;
  member: unknown;
  memberPath: string;
  /** Positions that legitimately take `undefined` (an optional argument). */
  acceptsUndefined?: boolean;
}

const anyArg = (value: unknown) => value as never;

const ENTRY_POINTS: EntryPoint[] = [
  { name: 'assignCustomer', call: (bad) => assignCustomer(anyArg(bad)), path: 'input', member: { ruleSet, subject: { id: 'x', fields: 'level=4' }, agents, now }, memberPath: 'subject.fields' },
  { name: 'assignCustomer (subject)', call: (bad) => assignCustomer({ ruleSet, subject: anyArg(bad), agents, now }), path: 'subject', member: { id: 42 }, memberPath: 'subject.id' },
  { name: 'assignCustomer (agents)', call: (bad) => assignCustomer({ ruleSet, subject, agents: anyArg(bad), now }), path: 'agents', member: [{ id: 'b', presence: 'ONLINE' }], memberPath: 'agents[0].presence' },
  { name: 'assignCustomer (now)', call: (bad) => assignCustomer({ ruleSet, subject, agents, now: anyArg(bad) }), path: 'now', member: { at: 1 }, memberPath: 'now' },
  { name: 'createAssigner', call: (bad) => createAssigner(ruleSet, anyArg(bad)), path: 'options', member: { agents: [{ id: 'a', capacity: 'lots' }] }, memberPath: 'options.agents[0].capacity' },
  { name: 'createAssigner().assign', call: (bad) => createAssigner(ruleSet, { agents }).assign(anyArg(bad), now), path: 'subject', member: { id: 'x', fields: 'level=4' }, memberPath: 'subject.fields' },
  { name: 'createAssigner().preview', call: (bad) => createAssigner(ruleSet, { agents }).preview(anyArg(bad), now), path: 'subject', member: { id: '' }, memberPath: 'subject.id' },
  { name: 'createAssigner().assign options', call: (bad) => createAssigner(ruleSet, { agents }).assign(subject, now, anyArg(bad)), path: 'options', member: { reassign: 'yes' }, memberPath: 'options.reassign', acceptsUndefined: true },
  { name: 'createAssigner().updateAgent', call: (bad) => createAssigner(ruleSet, { agents }).updateAgent('li-lei', anyArg(bad)), path: 'patch', member: { presence: 7 }, memberPath: 'patch.presence' },
  { name: 'explain', call: (bad) => explain(anyArg(bad)), path: 'result', member: { trace: 'none', subject: {} }, memberPath: 'result' },
  { name: 'explain options', call: (bad) => explain(result, anyArg(bad)), path: 'options', member: { agentName: 'Li Lei' }, memberPath: 'options.agentName', acceptsUndefined: true },
  { name: 'formatIssues', call: (bad) => formatIssues(anyArg(bad)), path: 'issues', member: [{ code: 'missing', path: 'rules', message: 'x' }], memberPath: 'issues[0]' },
  { name: 'transition (record)', call: (bad) => transition(anyArg(bad), 'approve', { ruleSet, now, actor: admin }), path: 'record', member: { ...record, version: '1' }, memberPath: 'record.version' },
  { name: 'transition (options)', call: (bad) => transition(record, 'cancel', anyArg(bad)), path: 'options', member: { ruleSet, now, actor: { id: 'a', role: 'root' } }, memberPath: 'options.actor.role' },
  { name: 'expirePending', call: (bad) => expirePending(anyArg(bad), now), path: 'records', member: [{ ...record, status: 'waiting' }], memberPath: 'records[0].status' },
  { name: 'requestManualAssignment', call: (bad) => requestManualAssignment(anyArg(bad)), path: 'request', member: { ruleSet, subject: { id: 'c-1' }, agentId: 5, actor: admin, now }, memberPath: 'agentId' },
  { name: 'requestApplication', call: (bad) => requestApplication(anyArg(bad)), path: 'request', member: { ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, now }, memberPath: 'canView' },
  { name: 'periodRange', call: (bad) => periodRange('day', anyArg(bad), 'Asia/Shanghai'), path: 'now', member: { valueOf: 1 }, memberPath: 'now' },
  { name: 'isScheduleOpen', call: (bad) => isScheduleOpen(anyArg(bad), now, 'Asia/Shanghai'), path: 'schedule', member: { weekdays: 'weekdays' }, memberPath: 'weekdays' },
  { name: 'nextScheduleOpening', call: (bad) => nextScheduleOpening({}, anyArg(bad), 'Asia/Shanghai'), path: 'after', member: { at: now }, memberPath: 'after' },
  { name: 'createAssignmentService', call: (bad) => createAssignmentService(anyArg(bad)), path: 'options', member: { store, ruleSet, retry: { attempts: 'many' } }, memberPath: 'options.retry.attempts' },
  { name: 'svc.autoAssign', call: (bad) => svc.autoAssign(anyArg(bad)), path: 'subject', member: { id: 'c-1', fields: { level: Number.NaN } }, memberPath: 'subject.fields.level' },
  { name: 'svc.autoAssign options', call: (bad) => svc.autoAssign({ id: 'c-1' }, anyArg(bad)), path: 'options', member: { idempotencyKey: 42 }, memberPath: 'options.idempotencyKey', acceptsUndefined: true },
  { name: 'svc.assignManually', call: (bad) => svc.assignManually(anyArg(bad)), path: 'input', member: { subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin, note: 5 }, memberPath: 'note' },
  { name: 'svc.apply', call: (bad) => svc.apply(anyArg(bad)), path: 'input', member: { subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales }, memberPath: 'canView' },
  ...(['approve', 'reject', 'confirm', 'decline', 'cancel'] as const).map(
    (event): EntryPoint => ({ name: `svc.${event}`, call: (bad) => svc[event]('r-1', anyArg(bad)), path: 'actor', member: { id: 'a', role: 7 }, memberPath: 'actor.role' }),
  ),
  { name: 'svc.releaseAgent', call: (bad) => svc.releaseAgent('li-lei', anyArg(bad)), path: 'options', member: { actor: admin, reassign: 'yes' }, memberPath: 'options.reassign' },
  { name: 'svc.getSubject', call: (bad) => svc.getSubject(anyArg(bad)), path: 'subject', member: { id: 7 }, memberPath: 'subject.id' },
  { name: 'svc.records', call: (bad) => svc.records(anyArg(bad)), path: 'filter', member: { status: ['declined'] }, memberPath: 'filter.status', acceptsUndefined: true },
  { name: 'createMemoryStore', call: (bad) => createMemoryStore(anyArg(bad)), path: 'options', member: { limits: { fieldsDepth: 'deep' } }, memberPath: 'options.limits.fieldsDepth', acceptsUndefined: true },
  { name: 'createPostgresStore', call: (bad) => createPostgresStore(anyArg(bad)), path: 'options', member: { client: 'postgres://' }, memberPath: 'options.client' },
  { name: 'store.upsertAgents', call: (bad) => store.upsertAgents(anyArg(bad)), path: 'agents', member: [{ id: 'b', presence: 'ONLINE', capacity: 'lots' }], memberPath: 'agents[0].presence' },
  { name: 'store.upsertSubjects', call: (bad) => store.upsertSubjects(anyArg(bad)), path: 'subjects', member: [{ id: 'c-9', fields: [] }], memberPath: 'subjects[0].fields' },
  { name: 'store.subject', call: (bad) => store.subject(anyArg(bad)), path: 'subject', member: { id: 'c-1', kind: 'lead' }, memberPath: 'subject.kind' },
  { name: 'store.subjectsOfAgent', call: (bad) => store.subjectsOfAgent(anyArg(bad)), path: 'agentId', member: 'x\u0000', memberPath: 'agentId' },
  { name: 'store.queryRecords', call: (bad) => store.queryRecords(anyArg(bad)), path: 'query', member: { limit: 10, from: 'yesterday' }, memberPath: 'query.from' },
  { name: 'tx.lockSubject', call: (bad) => tx((t) => t.lockSubject(anyArg(bad))), path: 'subject', member: { id: 'c-1', kind: 5 }, memberPath: 'subject.kind' },
  { name: 'tx.updateAgent', call: (bad) => tx((t) => t.updateAgent('li-lei', anyArg(bad))), path: 'patch', member: { enabled: 'no' }, memberPath: 'patch.enabled' },
  { name: 'tx.idempotentResult', call: (bad) => tx((t) => t.idempotentResult(anyArg(bad))), path: 'key', member: 'k'.repeat(300), memberPath: 'key' },
];

const BAD_ARGUMENTS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'oops'],
  ['an array', []],
];

async function caught(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('every public entry point refuses bad input with invalid_input naming the path', async () => {
  await store.upsertAgents(agents);
  for (const entry of ENTRY_POINTS) {
    for (const [label, bad] of BAD_ARGUMENTS) {
      if (bad === undefined && entry.acceptsUndefined === true) continue;
      // A string or an array stands for an id or a list in some positions: those are valid there.
      if (typeof bad === 'string' && ['store.subjectsOfAgent', 'tx.idempotentResult'].includes(entry.name)) continue;
      if (Array.isArray(bad) && ['assignCustomer (agents)', 'store.upsertAgents', 'store.upsertSubjects', 'expirePending', 'formatIssues'].includes(entry.name)) continue;
      it(`${entry.name} given ${label}`, async () => {
        const error = await caught(() => entry.call(bad));
        expect(error).toBeInstanceOf(AssignmentError);
        expect(error).toMatchObject({ code: 'invalid_input' });
        expect((error as Error).message).toContain(entry.path);
      });
    }
    it(`${entry.name} given a wrongly typed member names ${entry.memberPath}`, async () => {
      const error = await caught(() => entry.call(entry.member));
      expect(error).toBeInstanceOf(AssignmentError);
      expect(error).toMatchObject({ code: 'invalid_input' });
      expect((error as Error).message).toContain(entry.memberPath);
    });
  }
});

describe('duplicates and typos', () => {
  it('refuses duplicate agent ids naming both positions, in the core and in the store', async () => {
    const twice = [{ id: 'x' }, { id: 'y' }, { id: 'x' }];
    expect(() => assignCustomer({ ruleSet, subject, agents: twice, now })).toThrow('agents[0].id and agents[2].id are both "x"');
    expect(() => createAssigner(ruleSet, { agents: twice })).toThrow('options.agents[0].id and options.agents[2].id are both "x"');
    await expect(store.upsertAgents(twice)).rejects.toThrow('agents[0].id and agents[2].id are both "x"');
  });

  it('answers an unknown option key with did-you-mean', async () => {
    await expect(svc.records({ status: ['declined'] } as never)).rejects.toThrow('filter.status: unknown option, did you mean statuses?');
    expect(() => createAssigner(ruleSet, { agents }).assign(subject, now, { reasign: true } as never)).toThrow(
      'options.reasign: unknown option, did you mean reassign?',
    );
    await expect(store.upsertAgents([{ id: 'z', presense: 'online' } as never])).rejects.toThrow('agents[0].presense: unknown option, did you mean presence?');
  });

  it('createAssigner().assign refuses what assignCustomer refuses, and moves no count', () => {
    const assigner = createAssigner(ruleSet, { agents });
    for (const bad of ['c-1', 42, { id: '' }, { id: 'x', fields: 'level=4' }, null]) {
      expect(() => assigner.assign(bad as never, now)).toThrow(AssignmentError);
    }
    expect(assigner.agents().every((agent) => agent.assigned?.day === 0)).toBe(true);
  });

  it('answers a null rule set with RuleSetError, never a TypeError', () => {
    const calls = [
      () => compileRuleSet(null as never),
      () => assignCustomer({ ruleSet: null as never, subject, agents, now }),
      () => createAssigner(null as never, { agents }),
      () => transition(record, 'cancel', { ruleSet: null as never, now, actor: admin }),
    ];
    for (const call of calls) expect(call).toThrow(RuleSetError);
  });

  it('requestApplication without canView says canView must be a boolean, as the service does', () => {
    expect(() => requestApplication({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, now } as never)).toThrow(
      /^canView must be a boolean, got nothing$/,
    );
  });
});
