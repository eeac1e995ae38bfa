/**
 * Contender (b), "the practical limit": the §8 workload written by hand as a
 * good engineer would for this one rule set — every condition inline, the
 * zone offset cached per UTC hour, participants resolved to snapshot objects
 * once, one loop for the pick — and it returns the same record, transition
 * and effects that `assignCustomer` returns, so both do the same work. It
 * knows nothing generic: changing a rule means changing this code.
 *
 * With `trace`, a second hand-written function decides and writes the same
 * trace `assignCustomer` gives (each evaluated rule's verdict, a closed
 * rule's next opening, the deciding rule's exclusions and candidates with
 * their counts); the variations section checks the two traces are equal.
 */
import type { AgentParticipant, TraceCandidate, TraceEntry, TraceExclusion } from '../../src/index.js';
import { BENCH_TIME_ZONE, type BenchAgent, type BenchFields, type BenchSubject, type BenchWorkload } from '../benchWorkload.js';
import { type Contender, type ContenderOptions, countAssignment, resultSink } from './contender.js';

const MS_PER_MINUTE = 60_000;
const SYSTEM = { id: 'system', role: 'system' };
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/**
 * The zone's UTC offset at an instant, from `Intl` once per UTC hour. New York
 * changes offset only on whole UTC hours, so an hour never straddles a change.
 */
function createOffsetCache(timeZone: string): (epochMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const byHour = new Map<number, number>();
  let lastHour = Number.NaN;
  let lastOffset = 0;
  return (epochMs) => {
    const hour = Math.floor(epochMs / MS_PER_HOUR);
    if (hour === lastHour) return lastOffset;
    let offset = byHour.get(hour);
    if (offset === undefined) {
      const at = hour * MS_PER_HOUR;
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(at)) p[part.type] = Number(part.value);
      offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - at;
      byHour.set(hour, offset);
    }
    lastHour = hour;
    lastOffset = offset;
    return offset;
  };
}

/**
 * The hand-written contender over a stream of subjects.
 *
 * @param workload - the §8 workload (200 agents)
 * @param subjects - the stream it decides, cycling
 * @param options - `trace`: also write the decision's trace
 * @returns the contender, with its own copy of the agents
 * @example
 * ```ts
 * const b = handWrittenContender(benchWorkload(200), benchSubjects(4096));
 * b.decide(0); // 'agent-00101'
 * ```
 */
export function handWrittenContender(workload: BenchWorkload, subjects: readonly BenchSubject[], options: ContenderOptions = {}): Contender {
  const traced = options.trace === true;
  const agents = workload.agents();
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const participants: BenchAgent[][] = workload.ruleSet.rules.map((rule) => rule.agents.map((p) => byId.get((p as AgentParticipant).id)!));
  const offsetAt = createOffsetCache(BENCH_TIME_ZONE);

  const ruleIds = workload.ruleSet.rules.map((rule) => rule.id);
  const ruleNames = workload.ruleSet.rules.map((rule) => rule.name);
  /** The rule that made the last pick. */
  let pickedRule = -1;

  /** Fewest `assigned.day` among the eligible participants; ties to the first. */
  function pick(rule: number, onlineOrBusyOnly: boolean): BenchAgent | null {
    pickedRule = rule;
    const list = participants[rule]!;
    let best: BenchAgent | null = null;
    let bestCount = Number.POSITIVE_INFINITY;
    for (let i = 0; i < list.length; i++) {
      const agent = list[i]!;
      if (!agent.enabled) continue;
      if (onlineOrBusyOnly && agent.presence !== 'online' && agent.presence !== 'busy') continue;
      if (agent.capacity !== null && agent.serving >= agent.capacity) continue;
      if (agent.assigned.day < bestCount) {
        bestCount = agent.assigned.day;
        best = agent;
      }
    }
    return best;
  }

  function choose(f: BenchFields, nowMs: number): BenchAgent | null {
    const local = nowMs + offsetAt(nowMs);
    const day = Math.floor(local / MS_PER_DAY);
    const minute = Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE);
    const weekday = (((day + 3) % 7) + 7) % 7 + 1; // ISO: 1970-01-01 was a Thursday (4)
    const workday = weekday <= 5;
    const office = workday && minute >= 540 && minute < 1080;
    if (office && f.industry === 'government') {
      const a = pick(0, false);
      if (a !== null) return a;
    }
    if (office && (f.vip === true || f.tags.includes('vip'))) {
      const a = pick(1, false);
      if (a !== null) return a;
    }
    if (office && f.level >= 4 && f.revenue >= 1_000_000) {
      const a = pick(2, false);
      if (a !== null) return a;
    }
    if (office && (f.source === 'partner' || f.tags.includes('partner'))) {
      const a = pick(3, false);
      if (a !== null) return a;
    }
    if (office && f.tags.includes('churn-risk') && f.level >= 2) {
      const a = pick(4, false);
      if (a !== null) return a;
    }
    if (office && f.language === 'ja') {
      const a = pick(5, false);
      if (a !== null) return a;
    }
    // Night shift 18:00–09:00 Mon–Fri: the hours after midnight belong to the evening before.
    const night = (workday && minute >= 1080) || (weekday >= 2 && weekday <= 6 && minute < 540);
    if (night && f.region === 'NA') {
      const a = pick(6, false);
      if (a !== null) return a;
    }
    if (office && (f.region === 'EU' || f.region === 'MEA') && f.industry === 'finance') {
      const a = pick(7, false);
      if (a !== null) return a;
    }
    if (office && f.region === 'APAC' && f.revenue >= 50_000 && !f.tags.includes('trial')) {
      const a = pick(8, false);
      if (a !== null) return a;
    }
    if (office && f.channel === 'phone' && f.age >= 65) {
      const a = pick(9, false);
      if (a !== null) return a;
    }
    if (office && f.region === 'NA' && f.revenue >= 10_000 && f.level >= 4 && !f.vip) {
      const a = pick(10, false);
      if (a !== null) return a;
    }
    if (office && f.industry === 'health' && f.language === 'es' && f.age >= 65) {
      const a = pick(11, false);
      if (a !== null) return a;
    }
    const weekend = !workday && minute >= 540 && minute < 1080;
    if (weekend && (f.region === 'NA' || f.region === 'LATAM')) {
      const a = pick(12, false);
      if (a !== null) return a;
    }
    if (office && f.level >= 3 && f.revenue >= 500_000 && f.tags.length >= 3 && f.industry.startsWith('fin')) {
      const a = pick(13, false);
      if (a !== null) return a;
    }
    if (
      office &&
      f.region === 'NA' &&
      (f.channel === 'web' || f.channel === 'chat' || f.channel === 'email') &&
      f.revenue >= 10_000
    ) {
      const a = pick(14, true);
      if (a !== null) return a;
    }
    if (workday && minute >= 480 && minute < 1200 && f.region === 'NA' && f.channel === 'phone') {
      const a = pick(15, false);
      if (a !== null) return a;
    }
    if (office && f.region === 'LATAM') {
      const a = pick(16, false);
      if (a !== null) return a;
    }
    if (office && f.region === 'EU') {
      const a = pick(17, false);
      if (a !== null) return a;
    }
    if (office && f.region === 'APAC') {
      const a = pick(18, false);
      if (a !== null) return a;
    }
    if (workday && minute >= 480 && minute < 1080) {
      const a = pick(19, false);
      if (a !== null) return a;
    }
    return null;
  }


  /** The trace of the decision in progress (traced mode). */
  let trace: TraceEntry[] = [];

  function conditionFalse(rule: number): void {
    trace.push({ ruleId: ruleIds[rule]!, ruleName: ruleNames[rule]!, verdict: 'condition_false' });
  }

  /**
   * A rule whose condition holds but whose window is closed, with its next
   * opening: the first `from` minute on one of `days` after `nowMs`, local time.
   */
  function closed(rule: number, nowMs: number, days: readonly number[], from: number): void {
    const local = nowMs + offsetAt(nowMs);
    const day = Math.floor(local / MS_PER_DAY);
    let opensAt: Date | null = null;
    for (let d = 0; d <= 7 && opensAt === null; d++) {
      const weekday = ((((day + d + 3) % 7) + 7) % 7) + 1;
      const openLocal = (day + d) * MS_PER_DAY + from * MS_PER_MINUTE;
      if (!days.includes(weekday) || openLocal <= local) continue;
      // Local to UTC: the offset at the opening itself (a second pass settles a DST change in between).
      const guess = openLocal - offsetAt(openLocal - offsetAt(nowMs));
      opensAt = new Date(openLocal - offsetAt(guess));
    }
    trace.push({ ruleId: ruleIds[rule]!, ruleName: ruleNames[rule]!, verdict: 'outside_schedule', opensAt });
  }

  /** `pick`, writing every exclusion and every candidate's count into the trace. */
  function pickTraced(rule: number, onlineOrBusyOnly: boolean): BenchAgent | null {
    pickedRule = rule;
    const list = participants[rule]!;
    const excluded: TraceExclusion[] = [];
    const candidates: TraceCandidate[] = [];
    let best: BenchAgent | null = null;
    let bestCount = Number.POSITIVE_INFINITY;
    for (let i = 0; i < list.length; i++) {
      const agent = list[i]!;
      if (!agent.enabled) {
        excluded.push({ agentId: agent.id, reason: 'disabled' });
        continue;
      }
      if (onlineOrBusyOnly && agent.presence !== 'online' && agent.presence !== 'busy') {
        excluded.push({ agentId: agent.id, reason: 'presence' });
        continue;
      }
      if (agent.capacity !== null && agent.serving >= agent.capacity) {
        excluded.push({ agentId: agent.id, reason: 'capacity' });
        continue;
      }
      const count = agent.assigned.day;
      candidates.push({ agentId: agent.id, position: i, weight: 1, count, key: count });
      if (count < bestCount) {
        bestCount = count;
        best = agent;
      }
    }
    const entry: TraceEntry = {
      ruleId: ruleIds[rule]!,
      ruleName: ruleNames[rule]!,
      verdict: best === null ? 'no_candidate' : 'chosen',
      order: 'fewestAssigned',
      period: 'day',
      proportional: false,
      excluded,
      candidates,
    };
    if (best !== null) {
      entry.agentId = best.id;
      entry.pickedBy = 'order';
    }
    trace.push(entry);
    return best;
  }

  /** Rule `rule`'s condition, evaluated only when the rule is reached, as `assignCustomer` does. */
  function conditionHolds(rule: number, f: BenchFields): boolean {
    switch (rule) {
      case 0:
        return f.industry === 'government';
      case 1:
        return f.vip === true || f.tags.includes('vip');
      case 2:
        return f.level >= 4 && f.revenue >= 1_000_000;
      case 3:
        return f.source === 'partner' || f.tags.includes('partner');
      case 4:
        return f.tags.includes('churn-risk') && f.level >= 2;
      case 5:
        return f.language === 'ja';
      case 6:
        return f.region === 'NA';
      case 7:
        return (f.region === 'EU' || f.region === 'MEA') && f.industry === 'finance';
      case 8:
        return f.region === 'APAC' && f.revenue >= 50_000 && !f.tags.includes('trial');
      case 9:
        return f.channel === 'phone' && f.age >= 65;
      case 10:
        return f.region === 'NA' && f.revenue >= 10_000 && f.level >= 4 && !f.vip;
      case 11:
        return f.industry === 'health' && f.language === 'es' && f.age >= 65;
      case 12:
        return f.region === 'NA' || f.region === 'LATAM';
      case 13:
        return f.level >= 3 && f.revenue >= 500_000 && f.tags.length >= 3 && f.industry.startsWith('fin');
      case 14:
        return f.region === 'NA' && (f.channel === 'web' || f.channel === 'chat' || f.channel === 'email') && f.revenue >= 10_000;
      case 15:
        return f.region === 'NA' && f.channel === 'phone';
      case 16:
        return f.region === 'LATAM';
      case 17:
        return f.region === 'EU';
      case 18:
        return f.region === 'APAC';
      default:
        return true;
    }
  }

  /** `choose`, rule by rule as `assignCustomer` evaluates them: the condition, then the window, then the pick. */
  function chooseTraced(f: BenchFields, nowMs: number): BenchAgent | null {
    trace = [];
    const local = nowMs + offsetAt(nowMs);
    const day = Math.floor(local / MS_PER_DAY);
    const minute = Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE);
    const weekday = (((day + 3) % 7) + 7) % 7 + 1;
    const workday = weekday <= 5;
    const office = workday && minute >= 540 && minute < 1080;
    const night = (workday && minute >= 1080) || (weekday >= 2 && weekday <= 6 && minute < 540);
    const weekend = !workday && minute >= 540 && minute < 1080;
    const extended = workday && minute >= 480 && minute < 1200;
    const daytime = workday && minute >= 480 && minute < 1080;
    for (let rule = 0; rule < 20; rule++) {
      if (!conditionHolds(rule, f)) {
        conditionFalse(rule);
        continue;
      }
      const open = rule === 6 ? night : rule === 12 ? weekend : rule === 15 ? extended : rule === 19 ? daytime : office;
      if (!open) {
        if (rule === 6) closed(rule, nowMs, [1, 2, 3, 4, 5], 1080);
        else if (rule === 12) closed(rule, nowMs, [6, 7], 540);
        else closed(rule, nowMs, [1, 2, 3, 4, 5], rule === 15 || rule === 19 ? 480 : 540);
        continue;
      }
      const a = pickTraced(rule, rule === 14);
      if (a !== null) return a;
    }
    return null;
  }

  /**
   * The same output `assignCustomer` returns for an effective automatic
   * assignment — the record with its first history entry, the transition and
   * the effects to perform — written as plain literals: "the same work".
   */
  function assignmentOf(subject: BenchSubject['subject'], agentId: string, ruleId: string, nowMs: number) {
    const at = new Date(nowMs);
    const ref = { id: subject.id, kind: subject.kind };
    const id = `auto:${subject.kind}:${subject.id}:${nowMs}`;
    const created = { recordId: id, from: null, to: 'effective', at, by: SYSTEM };
    const record = {
      id,
      type: 'auto',
      status: 'effective',
      subject: ref,
      agentId,
      previousAgentId: null,
      ruleId,
      requestedBy: SYSTEM,
      createdAt: at,
      updatedAt: at,
      expiresAt: null,
      history: [created],
      version: 1,
    };
    const effects = [
      { type: 'stats.assigned', agentId, delta: 1, ruleId, at },
      { type: 'subject.setAgent', subject: ref, agentId, previousAgentId: null, recordId: id },
      { type: 'stats.serving', agentId, delta: 1, at },
      { type: 'notify', recipient: { type: 'agent', id: agentId }, event: 'assigned', recordId: id, subject: ref, agentId, at },
    ];
    return { outcome: 'assigned', agentId, ruleId, reason: null, retryAt: null, record, transitions: [created], effects, ruleState: {}, at, subject: ref };
  }

  function decide(i: number): string | null {
    const { subject, nowMs } = subjects[i]!;
    const agent = traced ? chooseTraced(subject.fields, nowMs) : choose(subject.fields, nowMs);
    if (agent === null) return null;
    const assignment = assignmentOf(subject, agent.id, ruleIds[pickedRule]!, nowMs);
    resultSink.last = assignment;
    if (traced) resultSink.trace = trace;
    countAssignment(byId, assignment.agentId);
    return assignment.agentId;
  }

  let cursor = 0;
  return {
    label: `hand-written JavaScript${traced ? ', trace written' : ''} (b)`,
    decide,
    run(count) {
      for (let k = 0; k < count; k++) {
        decide(cursor);
        cursor = cursor + 1 === subjects.length ? 0 : cursor + 1;
      }
    },
  };
}
