import {
  type AssignmentResult,
  assignCustomer,
  type ExclusionReason,
  explain,
  formatIssues,
  type IssueCode,
  LOCALES,
  type Locale,
  messagesFor,
  type Order,
  type Period,
  type RecordStatus,
  type RecordType,
  type RuleVerdict,
  type SubjectFieldFinding,
  type TraceEntry,
  type UnassignedReason,
  transition,
  type ValidationIssue,
  type WorkflowActorWord,
  WorkflowError,
  type WorkflowEvent,
} from 'dedicated-agent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedAgents, seedRuleSet } from '../fixtures/seedRuleSet.js';

// Each list is a Record over the union, so a new verdict, reason or code fails to compile here until the test renders it.
const keys = <K extends string>(record: Record<K, true>): K[] => Object.keys(record) as K[];
const VERDICTS = keys<RuleVerdict>({ disabled: true, not_applicable: true, condition_false: true, outside_schedule: true, no_candidate: true, chosen: true });
const EXCLUSIONS = keys<ExclusionReason>({
  unknown: true,
  disabled: true,
  excluded: true,
  presence: true,
  capacity: true,
  limit_reached: true,
  agent_condition: true,
  off_shift: true,
  on_leave: true,
});
const UNASSIGNED = keys<UnassignedReason>({
  auto_disabled: true,
  already_assigned: true,
  pending_exists: true,
  no_rule_applies: true,
  outside_schedule: true,
  no_eligible_agent: true,
});
const ORDERS = keys<Order['by']>({ fewestAssigned: true, fewestServing: true, roundRobin: true, leastUtilised: true, longestIdle: true });
const PERIODS = keys<Period | 'total'>({ day: true, week: true, month: true, quarter: true, year: true, total: true });
const ISSUE_CODES = keys<IssueCode>({
  invalid_type: true,
  invalid_value: true,
  missing: true,
  unknown_key: true,
  duplicate_id: true,
  reserved_id: true,
  expression_syntax: true,
  expression_too_large: true,
  forbidden_name: true,
  unknown_function: true,
  unknown_field: true,
  type_mismatch: true,
  invalid_time_zone: true,
  invalid_time: true,
  invalid_date_range: true,
  invalid_weight: true,
  invalid_duration: true,
});
const WHO = keys<WorkflowActorWord>({ admin: true, record_agent: true, requester_or_admin: true, system: true });
const EVENTS = keys<WorkflowEvent>({ approve: true, reject: true, confirm: true, decline: true, cancel: true, expire: true, end: true });
const STATUSES = keys<RecordStatus>({
  pending_approval: true,
  pending_confirmation: true,
  effective: true,
  rejected: true,
  declined: true,
  cancelled: true,
  expired: true,
  ended: true,
});
const TYPES = keys<RecordType>({ auto: true, manual: true, application: true });

const AT = new Date('2026-11-25T02:00:00Z');
const LATER = new Date('2026-11-26T01:00:00Z');
const FAR = new Date('2026-12-20T01:00:00Z');

/** Text a person reads: no unfilled value, no template left over, no empty line. */
function expectComplete(text: string): void {
  expect(text).not.toMatch(/undefined|NaN|\[object |\$\{|\{\{|\}\}/);
  for (const line of text.split('\n')) expect(line.trim()).not.toBe('');
}

/** English words of the en catalogue that must not show through a Chinese text. */
const ENGLISH = /\b(rule|skipped|matched|chosen|candidate|assigned|assignment|today|weight|schedule|agent|eligible|sticky|declared|missing|leave|shift|turn)\b/i;

function exclusionsOfEveryReason(): TraceEntry['excluded'] {
  return EXCLUSIONS.flatMap((reason, i) => {
    const base = { agentId: `x-${i}`, reason, period: 'week' as const, limit: 20, timeZone: 'Asia/Shanghai' };
    if (reason === 'off_shift') return [{ ...base, until: LATER }, { ...base, until: FAR }, { ...base, until: null }];
    if (reason === 'on_leave') return [{ ...base, until: new Date('2026-12-02T16:00:00Z') }, { ...base, until: FAR }, { ...base, until: null }];
    return [base];
  });
}

function entry(verdict: RuleVerdict, order: Order['by'], period: Period | 'total', proportional: boolean, index: number): TraceEntry {
  const candidates = [0, 1].map((position) => ({
    agentId: `kf-${position}`,
    position,
    weight: position + 1,
    count: 3 - position,
    key: position === 0 ? 0 : 1.5,
    capacity: position === 0 ? 10 : null,
    lastAssignedAt: position === 0 ? AT : null,
    ...(position === 1 && { selector: 2 }),
  }));
  return {
    ruleId: index === 0 ? '$default' : `r${index}`,
    ruleName: `规则 ${index}`,
    verdict,
    order,
    period,
    proportional,
    opensAt: index % 2 === 0 ? LATER : null,
    ...((verdict === 'chosen' || verdict === 'no_candidate') && { candidates, excluded: exclusionsOfEveryReason() }),
    ...(verdict === 'chosen' && {
      agentId: 'kf-0',
      pickedBy: index % 3 === 0 ? ('sticky' as const) : ('order' as const),
      stickyFallback: { agentId: 'kf-9', reason: 'on_leave' as const, until: LATER, timeZone: 'Asia/Shanghai' },
    }),
  };
}

const FINDINGS: SubjectFieldFinding[] = [
  { code: 'undeclared_field', field: 'regoin', params: { suggestion: 'region' } },
  { code: 'undeclared_field', field: 'x', params: { suggestion: null } },
  { code: 'wrong_type', field: 'level', params: { declared: 'number', actual: 'string', value: '"4"' } },
  { code: 'wrong_type', field: 'tags', params: { declared: 'string[]', actual: 'object', value: null } },
  { code: 'missing_field', field: 'region', params: { declared: 'string' } },
  { code: 'missing_field', field: 'joined', params: { declared: 'date' } },
];

function result(overrides: Partial<AssignmentResult>): AssignmentResult {
  return {
    outcome: 'unassigned',
    agentId: null,
    ruleId: null,
    reason: 'no_rule_applies',
    retryAt: null,
    record: null,
    transitions: [],
    effects: [],
    ruleState: {},
    trace: [],
    fieldFindings: [],
    at: AT,
    subject: { id: 'c-1', kind: 'customer' },
    ...overrides,
  };
}

describe('every text for people, in every locale', () => {
  it.each(LOCALES)('%s: explain renders every verdict of every order, every exclusion reason and every field finding', (locale) => {
    const trace: TraceEntry[] = [];
    for (const order of ORDERS) {
      for (const period of PERIODS) {
        for (const proportional of [false, true]) {
          for (const verdict of VERDICTS) trace.push(entry(verdict, order, period, proportional, trace.length));
        }
      }
    }
    const assigned = result({ outcome: 'pending_confirmation', agentId: 'kf-0', ruleId: 'rule-1', reason: null, trace, fieldFindings: FINDINGS });
    for (const timeZone of [undefined, 'Asia/Shanghai']) {
      const text = explain(assigned, { locale, timeZone, agentName: (id) => `名字-${id}` });
      expectComplete(text);
      // A headline, the findings' heading, the findings, then each rule numbered in order.
      expect(text.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(trace.length);
      if (locale === 'zh-CN') expect(text).not.toMatch(ENGLISH);
    }
    for (const reason of UNASSIGNED) {
      for (const retryAt of [null, LATER]) {
        const text = explain(result({ reason, retryAt, subject: { id: 'c-2', kind: 'contact' } }), { locale, timeZone: 'Asia/Shanghai' });
        expectComplete(text);
        expect(text).toContain(messagesFor(locale).explain.unassignedReason[reason]);
        if (locale === 'zh-CN') expect(text).not.toMatch(ENGLISH);
      }
    }
  });

  it.each(LOCALES)('%s: formatIssues renders every issue code, with and without params', (locale) => {
    const params = { key: 'fieldz', suggestion: 'fields', id: 'vip', name: 'constructor', field: 'regoin', given: 'Asia/Shangai' };
    const issues: ValidationIssue[] = ISSUE_CODES.flatMap((code) => [
      { code, path: ['rules', 0, 'when'], message: `English detail of ${code}.` },
      { code, path: [], message: `English detail of ${code}.`, params, expression: "regoin == '北京'", index: 0 },
    ]);
    const text = formatIssues(issues, { locale });
    expectComplete(text);
    for (const code of ISSUE_CODES) expect(text).toContain(`[${code}]`);
    if (locale === 'zh-CN') {
      expect(text).not.toContain('English detail');
      expect(text).toContain('你是不是想写“fields”？');
    } else {
      expect(text).toContain('English detail of invalid_type.');
    }
    // An issue built from a code alone (empty message) is said from the catalogue, in every locale.
    const bare = formatIssues(
      ISSUE_CODES.map((code) => ({ code, path: ['rules', 1], message: '', params })),
      { locale },
    );
    expectComplete(bare);
    for (const line of bare.split('\n')) expect(line).toMatch(/^rules\[1\](: |：)\S.* \[[a-z_]+\]$/);
  });

  it.each(LOCALES)('%s: the workflow names every record type, status and event, and who may send each', (locale) => {
    const { workflow } = messagesFor(locale);
    for (const type of TYPES) expectComplete(workflow.type[type]);
    for (const status of STATUSES) expectComplete(workflow.status[status]);
    for (const who of WHO) for (const event of EVENTS) expectComplete(workflow.forbidden(who, event, 'r-1'));
  });

  it('uses the seed terms in Chinese: 自动分配, 管理员手动分配, 业务申请分配, 客服二次确认, 客服管理员审批, 当日 … 当年', () => {
    const { workflow, period, explain: words } = messagesFor('zh-CN');
    expect(workflow.type).toEqual({ auto: '自动分配', manual: '管理员手动分配', application: '业务申请分配' });
    expect(workflow.status.pending_confirmation).toContain('客服二次确认');
    expect(workflow.status.pending_approval).toContain('客服管理员审批');
    expect([period.day, period.week, period.month, period.quarter, period.year]).toEqual(['当日', '当周', '当月', '当季', '当年']);
    expect(words.order('roundRobin', 'total', false)).toContain('轮流分配');
    expect(words.order('fewestAssigned', 'day', true)).toContain('按比例分配');
    expect(words.conditionFalse('规则“北京”')).toContain('适用条件');
    expect(words.outsideSchedule('规则“北京”', null)).toContain('适用时间');
  });

  it('refuses a locale it does not speak, naming options.locale', () => {
    const plain = result({});
    expect(() => explain(plain, { locale: 'fr' as Locale })).toThrow(/options\.locale must be "en" or "zh-CN", got the string "fr"/);
    expect(() => formatIssues([], { locale: 'zh_CN' as Locale })).toThrow(/options\.locale/);
    expect(() => explain(plain, { timeZone: 'Asia/Shangai' })).toThrow(/options\.timeZone/);
  });

  it('renders any trace entry in both locales without a hole (property)', () => {
    const entries = fc.record({
      verdict: fc.constantFrom(...VERDICTS),
      order: fc.constantFrom(...ORDERS),
      period: fc.constantFrom(...PERIODS),
      proportional: fc.boolean(),
      index: fc.nat(50),
    });
    fc.assert(
      fc.property(fc.array(entries, { maxLength: 6 }), fc.constantFrom(...UNASSIGNED), (specs, reason) => {
        const trace = specs.map((spec) => entry(spec.verdict, spec.order, spec.period, spec.proportional, spec.index));
        const chosen = trace.find((e) => e.verdict === 'chosen');
        const decided = chosen
          ? result({ outcome: 'assigned', agentId: chosen.agentId!, ruleId: chosen.ruleId, reason: null, trace })
          : result({ reason, trace });
        for (const locale of LOCALES) expectComplete(explain(decided, { locale, timeZone: 'Asia/Shanghai' }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('explain in Chinese, on the seed rule set', () => {
  it('names the agent, the rule, the order in the seed terms and the counts it compared', () => {
    const ruleSet = seedRuleSet();
    const decided = assignCustomer({
      ruleSet,
      subject: { id: 'c-1', fields: { region: '上海', level: 5, tags: ['vip'] } },
      agents: seedAgents(),
      now: '2026-11-25T10:00:00+08:00',
    });
    expect(decided.agentId).not.toBeNull();
    const chosen = decided.trace.find((e) => e.verdict === 'chosen')!;
    const text = explain(decided, { locale: 'zh-CN', timeZone: ruleSet.timeZone, agentName: (id) => `客服${id}` });
    const [headline, ...lines] = text.split('\n');
    expect(headline).toBe(`客户 c-1 → 专属客服 客服${decided.agentId}，依据规则“${chosen.ruleName}”（${chosen.ruleId}）。`);
    const chosenLine = lines.find((line) => line.includes('选中'))!;
    expect(chosenLine).toContain(`规则“${chosen.ruleName}”`);
    expect(chosenLine).toMatch(/当日|当周|当月|当季|当年|轮流分配|处理中/);
    expect(text).not.toMatch(ENGLISH);
  });

  it('says when an out-of-hours customer is retried, in the rule set zone and the Chinese date style', () => {
    const ruleSet = seedRuleSet({ defaultRule: null });
    const decided = assignCustomer({ ruleSet, subject: { id: 'c-2', fields: { region: '北京', level: 1, tags: [] } }, agents: seedAgents(), now: '2026-11-25T22:00:00+08:00' });
    expect(decided.reason).toBe('outside_schedule');
    const text = explain(decided, { locale: 'zh-CN', timeZone: ruleSet.timeZone });
    expect(text.split('\n')[0]).toMatch(/^客户 c-2 未分配：满足适用条件的规则都不在适用时间内。将于 2026年11月26日 \d\d:\d\d 重试。$/);
    expect(text).toContain('不在适用时间内；下次开放于 2026年11月26日');
  });
});

describe('a refused workflow event carries who may send it, so a UI can say it', () => {
  it('gives who, event and record id as params, and the Chinese sentence from them', () => {
    const ruleSet = { ...seedRuleSet(), settings: { ...seedRuleSet().settings, auto: { enabled: true, agentConfirmation: true } } };
    const decided = assignCustomer({ ruleSet, subject: { id: 'c-3', fields: { region: '北京', level: 1, tags: [] } }, agents: seedAgents(), now: '2026-11-25T10:00:00+08:00' });
    expect(decided.record?.status).toBe('pending_confirmation');
    let refusal: unknown;
    try {
      transition(decided.record!, 'confirm', { ruleSet, now: '2026-11-25T10:05:00+08:00', actor: { id: 'somebody-else', role: 'agent' } });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(WorkflowError);
    const { code, params, message } = refusal as WorkflowError;
    expect(code).toBe('forbidden');
    expect(params).toEqual({ who: 'record_agent', event: 'confirm', recordId: decided.record!.id });
    expect(message).toContain("Only the record's agent may confirm");
    expect(messagesFor('zh-CN').workflow.forbidden('record_agent', 'confirm', decided.record!.id)).toBe(
      `只有被分配的客服本人可以确认分配记录 ${decided.record!.id}。`,
    );
  });
});
