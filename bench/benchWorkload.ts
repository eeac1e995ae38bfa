/**
 * The SPEC §8 workload, shared by every contender and every section: 20 rules
 * over ten subject fields in America/New_York business hours, agents with
 * `assigned.day` counts, and subjects whose first matching rule is rule 15.
 *
 * Everything is generated from fixed seeds, so two runs (and two machines)
 * measure exactly the same decisions. The agent count scales by whole copies
 * of a 200-agent base: agent `j` behaves like base agent `j % 200`, and every
 * rule's participant list holds, for each copy `c`, the base participants
 * `b` as agents `c * 200 + b` (copy-major order). So at 2,000 agents every list
 * is exactly 10× as long as at 200, and at 20,000 exactly 100×.
 */
import { fromZonedTime } from 'date-fns-tz';
import type { AgentSnapshot, Condition, Presence, Rule, RuleSet, Schedule } from '../src/index.js';

/** The zone of every schedule and period in the workload. */
export const BENCH_TIME_ZONE = 'America/New_York';

/** The agent count of the SPEC §8 decision workload, and the unit the agent count scales by. */
export const BASE_AGENT_COUNT = 200;

/** The rule that matches first for every benchmark subject (1-based position 15). */
export const MATCHING_RULE_ID = 'r15-na-inbound';

/**
 * The weekdays that benchmark instants fall on: both sides of the two 2026 US
 * DST changes (8 March, clocks forward; 1 November, clocks back).
 */
export const OFFICE_DAYS: readonly string[] = [
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-09',
  '2026-03-10',
  '2026-03-11',
  '2026-03-12',
  '2026-03-13',
  '2026-10-28',
  '2026-10-29',
  '2026-10-30',
  '2026-11-02',
  '2026-11-03',
  '2026-11-04',
];

/** The ten subject fields every condition reads. A type alias, so it is a `Record<string, unknown>`. */
export type BenchFields = {
  region: string;
  level: number;
  tags: string[];
  channel: string;
  language: string;
  industry: string;
  revenue: number;
  vip: boolean;
  source: string;
  age: number;
};

/** One subject and the instant at which it is decided. */
export interface BenchSubject {
  readonly subject: { readonly id: string; readonly kind: 'customer'; readonly fields: BenchFields };
  readonly nowMs: number;
}

/** An agent snapshot with every field present, as a CRM that keeps snapshots would hold it. */
export interface BenchAgent extends AgentSnapshot {
  id: string;
  enabled: boolean;
  presence: Presence;
  capacity: number | null;
  serving: number;
  assigned: { day: number; week: number; month: number };
}

/** The workload at one agent count. */
export interface BenchWorkload {
  readonly agentCount: number;
  /** Agents work shifts and take leave (`benchWorkload(n, { shifts: true })`). */
  readonly shifts: boolean;
  /** The 20-rule set (plain JSON, never compiled here). */
  readonly ruleSet: RuleSet;
  /** A fresh copy of the agent snapshots: contenders mutate counts, so each gets its own. */
  agents(): BenchAgent[];
}

const MS_PER_MINUTE = 60_000;
const OFFICE_OPEN = '09:00';
/** Benchmark instants fall in 09:00–18:00 local, the matching rule's window. */
const OFFICE_LENGTH_MS = 9 * 60 * MS_PER_MINUTE;

const OFFICE: Schedule = { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '09:00', to: '18:00' }] };
const EXTENDED: Schedule = { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '08:00', to: '20:00' }] };
/** Spans midnight: the part after midnight belongs to the weekday it started on. */
const NIGHT: Schedule = { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '18:00', to: '09:00' }] };
const WEEKEND: Schedule = { weekdays: [6, 7], hours: [{ from: '09:00', to: '18:00' }] };
/** Omitted weekdays: Monday–Friday (SPEC §3 default). */
const DAYTIME: Schedule = { hours: [{ from: '08:00', to: '18:00' }] };

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface RuleSpec {
  id: string;
  name: string;
  when?: string | Condition;
  schedule: Schedule;
  /** Base participants (agent indexes 0–199), in participant order. */
  base: number[];
  presence?: Presence[];
}

/**
 * The 20 rules. Rules 1–14 are evaluated and fail for every benchmark subject:
 * 12 on their condition (cheap single tests and compound ones whose first
 * parts pass), 2 (7 and 13) with a true condition but a closed schedule.
 * Rule 15 matches and is open. Rules 16–20 are reached only by the random
 * subjects of the agreement check.
 */
const RULES: readonly RuleSpec[] = [
  { id: 'r01-government', name: 'Government accounts', when: "industry == 'government'", schedule: OFFICE, base: range(0, 9) },
  { id: 'r02-vip', name: 'VIP desk', when: "vip == true || 'vip' in tags", schedule: OFFICE, base: range(10, 24) },
  {
    id: 'r03-key-accounts',
    name: 'Enterprise key accounts',
    when: {
      all: [
        { field: 'level', op: 'gte', value: 4 },
        { field: 'revenue', op: 'gte', value: 1_000_000 },
      ],
    },
    schedule: OFFICE,
    base: range(25, 39),
  },
  {
    id: 'r04-partners',
    name: 'Partner-sourced',
    when: {
      any: [
        { field: 'source', op: 'eq', value: 'partner' },
        { field: 'tags', op: 'contains', value: 'partner' },
      ],
    },
    schedule: OFFICE,
    base: range(40, 49),
  },
  { id: 'r05-churn', name: 'Churn-risk rescue', when: "'churn-risk' in tags && level >= 2", schedule: OFFICE, base: range(50, 64) },
  { id: 'r06-japanese', name: 'Japanese speakers', when: { field: 'language', op: 'eq', value: 'ja' }, schedule: OFFICE, base: range(65, 74) },
  { id: 'r07-night', name: 'North America night shift', when: { field: 'region', op: 'eq', value: 'NA' }, schedule: NIGHT, base: range(75, 104) },
  { id: 'r08-emea-finance', name: 'EMEA finance', when: "region in ['EU', 'MEA'] && industry == 'finance'", schedule: OFFICE, base: range(105, 119) },
  {
    id: 'r09-apac-growth',
    name: 'APAC growth',
    when: {
      all: [
        { field: 'region', op: 'eq', value: 'APAC' },
        { field: 'revenue', op: 'gte', value: 50_000 },
        { not: { field: 'tags', op: 'contains', value: 'trial' } },
      ],
    },
    schedule: OFFICE,
    base: range(120, 139),
  },
  { id: 'r10-senior-callers', name: 'Senior phone callers', when: "channel == 'phone' && age >= 65", schedule: OFFICE, base: range(140, 149) },
  {
    id: 'r11-na-top-tier',
    name: 'North America top tier',
    when: "region == 'NA' && revenue >= 10000 && level >= 4 && !vip",
    schedule: OFFICE,
    base: range(150, 164),
  },
  {
    id: 'r12-health-es',
    name: 'Spanish-speaking health seniors',
    when: {
      all: [
        { field: 'industry', op: 'eq', value: 'health' },
        { field: 'language', op: 'eq', value: 'es' },
        { field: 'age', op: 'gte', value: 65 },
      ],
    },
    schedule: OFFICE,
    base: range(165, 174),
  },
  { id: 'r13-weekend', name: 'Americas weekend team', when: "region == 'NA' || region == 'LATAM'", schedule: WEEKEND, base: range(175, 194) },
  {
    id: 'r14-long-standing',
    name: 'Long-standing finance accounts',
    when: "level >= 3 && revenue >= 500000 && len(tags) >= 3 && startsWith(industry, 'fin')",
    schedule: OFFICE,
    base: [...range(195, 199), ...range(0, 4)],
  },
  {
    id: MATCHING_RULE_ID,
    name: 'North America inbound',
    when: "region == 'NA' && channel in ['web', 'chat', 'email'] && revenue >= 10000",
    schedule: OFFICE,
    base: range(40, 159),
    presence: ['online', 'busy'],
  },
  { id: 'r16-na-phone', name: 'North America phone', when: "region == 'NA' && channel == 'phone'", schedule: EXTENDED, base: range(0, 59) },
  { id: 'r17-latam', name: 'Latin America', when: { field: 'region', op: 'eq', value: 'LATAM' }, schedule: OFFICE, base: range(60, 89) },
  { id: 'r18-eu', name: 'Europe', when: "region == 'EU'", schedule: OFFICE, base: range(90, 129) },
  { id: 'r19-apac', name: 'Asia-Pacific', when: "region == 'APAC'", schedule: OFFICE, base: range(130, 169) },
  { id: 'r20-everyone', name: 'Everyone, daytime', schedule: DAYTIME, base: range(0, 199) },
];

/**
 * The id of agent `index`, zero-padded so ids sort like indexes.
 *
 * @param index - 0-based agent index
 * @returns the id, e.g. `agent-00042`
 * @example
 * ```ts
 * agentId(42); // 'agent-00042'
 * ```
 */
export function agentId(index: number): string {
  return `agent-${String(index).padStart(5, '0')}`;
}

/** mulberry32: a tiny seeded PRNG, so every run generates the same workload. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickOne<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function integer(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function someOf(random: () => number, values: readonly string[], probability: number): string[] {
  return values.filter(() => random() < probability);
}

/** Shifts of the shift variant, shared like a CRM's shift templates: mornings, afternoons, full days. */
const SHIFTS: readonly Schedule[] = [
  { hours: [{ from: '09:00', to: '13:00' }] },
  { hours: [{ from: '13:00', to: '18:00' }] },
  { hours: [{ from: '09:00', to: '18:00' }] },
];

/** Every 25th agent is on leave on one office day (a whole local day). */
function leaveOf(j: number): { from: string; to: string }[] | undefined {
  if (j % 25 !== 0) return undefined;
  const day = OFFICE_DAYS[(j / 25) % OFFICE_DAYS.length]!;
  return [{ from: day, to: day }];
}

function createAgents(agentCount: number, shifts: boolean): BenchAgent[] {
  const random = seededRandom(0x5eed_a6e7);
  const agents: BenchAgent[] = [];
  for (let j = 0; j < agentCount; j++) {
    const base = j % BASE_AGENT_COUNT;
    const day = integer(random, 0, 30);
    const week = day + integer(random, 0, 100);
    agents.push({
      id: agentId(j),
      enabled: base % 50 !== 7,
      presence: base % 10 === 3 ? 'away' : base % 10 === 6 ? 'offline' : base % 10 === 8 ? 'busy' : 'online',
      // A quarter have a capacity of 40; about one in nine of those is full.
      capacity: base % 4 === 0 ? 40 : null,
      serving: integer(random, 0, 44),
      assigned: { day, week, month: week + integer(random, 0, 300) },
      ...(shifts && { schedule: SHIFTS[base % 3]! }),
      ...(shifts && leaveOf(j) !== undefined && { leave: leaveOf(j) }),
    });
  }
  return agents;
}

function createRuleSet(agentCount: number): RuleSet {
  const copies = agentCount / BASE_AGENT_COUNT;
  const rules: Rule[] = RULES.map((spec) => {
    const participants: { id: string }[] = [];
    for (let copy = 0; copy < copies; copy++) {
      for (const base of spec.base) participants.push({ id: agentId(copy * BASE_AGENT_COUNT + base) });
    }
    return {
      id: spec.id,
      name: spec.name,
      enabled: true,
      ...(spec.when === undefined ? {} : { when: spec.when }),
      schedule: spec.schedule,
      agents: participants,
      order: { by: 'fewestAssigned', period: 'day' },
      ...(spec.presence === undefined ? {} : { eligibility: { presence: spec.presence } }),
    };
  });
  return {
    version: 1,
    timeZone: BENCH_TIME_ZONE,
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: true, agentConfirmation: true },
    },
    fields: {
      region: 'string',
      level: 'number',
      tags: 'string[]',
      channel: 'string',
      language: 'string',
      industry: 'string',
      revenue: 'number',
      vip: 'boolean',
      source: 'string',
      age: 'number',
    },
    rules,
  };
}

/**
 * The workload at `agentCount` agents (a multiple of 200).
 *
 * @param agentCount - 200, 2,000, 20,000, …
 * @param options - `shifts`: agents work morning, afternoon or full-day shifts and some are on leave
 * @returns the rule set and a factory of fresh agent snapshots
 * @example
 * ```ts
 * const workload = benchWorkload(200);
 * const assigner = createAssigner(workload.ruleSet, { agents: workload.agents() });
 * ```
 */
export function benchWorkload(agentCount: number = BASE_AGENT_COUNT, options: { shifts?: boolean } = {}): BenchWorkload {
  if (!Number.isInteger(agentCount / BASE_AGENT_COUNT) || agentCount <= 0) {
    throw new Error(`agentCount must be a positive multiple of ${BASE_AGENT_COUNT}, got ${agentCount}`);
  }
  const ruleSet = createRuleSet(agentCount);
  const shifts = options.shifts === true;
  const agents = createAgents(agentCount, shifts);
  return {
    agentCount,
    shifts,
    ruleSet,
    agents: () => agents.map((agent) => ({ ...agent, assigned: { ...agent.assigned } })),
  };
}

/** 09:00 local of each office day, as epoch ms. */
const OFFICE_OPENINGS: readonly number[] = OFFICE_DAYS.map((day) => fromZonedTime(`${day}T${OFFICE_OPEN}:00`, BENCH_TIME_ZONE).getTime());

/**
 * Instant `i` of `total` instants spread evenly, in ascending order, over the
 * office hours (09:00–18:00 New York) of the `OFFICE_DAYS`.
 *
 * @param i - 0 ≤ i < total
 * @param total - how many instants the stream has
 * @returns epoch ms
 * @example
 * ```ts
 * officeInstant(0, 1000); // 2026-03-04T09:00 New York
 * ```
 */
export function officeInstant(i: number, total: number): number {
  const position = (i * OFFICE_OPENINGS.length) / total;
  const day = Math.floor(position);
  return OFFICE_OPENINGS[day]! + Math.floor((position - day) * OFFICE_LENGTH_MS);
}

/**
 * Fields of a benchmark subject: North American web/chat/email leads with
 * revenue ≥ 10,000, levels 1–3, not VIP, never government, partner, churn-risk,
 * Japanese or finance, aged 20–64, so rules 1–14 fail (7 and 13 on their
 * schedule only) and rule 15 matches.
 *
 * @param random - the generator
 * @returns the fields
 */
function benchFields(random: () => number): BenchFields {
  return {
    region: 'NA',
    level: integer(random, 1, 3),
    tags: someOf(random, ['new', 'returning', 'trial'], 0.4),
    channel: pickOne(random, ['web', 'chat', 'email']),
    language: pickOne(random, ['en', 'es', 'fr']),
    industry: pickOne(random, ['retail', 'tech', 'education', 'health']),
    revenue: integer(random, 10_000, 900_000),
    vip: false,
    source: pickOne(random, ['ads', 'organic', 'event']),
    age: integer(random, 20, 64),
  };
}

/**
 * The benchmark subjects: `count` subjects whose first matching rule is rule
 * 15, at instants ascending through the office hours of the `OFFICE_DAYS`
 * (a day's traffic arrives in time order).
 *
 * @param count - how many
 * @returns the subjects, in time order
 * @example
 * ```ts
 * const subjects = benchSubjects(4096);
 * ```
 */
export function benchSubjects(count: number): BenchSubject[] {
  const random = seededRandom(0xbe_4c5);
  return Array.from({ length: count }, (_, i) => ({
    subject: { id: `customer-${i}`, kind: 'customer', fields: benchFields(random) },
    nowMs: officeInstant(i, count),
  }));
}

const ALL_TAGS = ['new', 'returning', 'enterprise', 'trial', 'churn-risk', 'partner', 'vip'];

/** First local days of the agreement check's two weeks around each DST change. */
const RANDOM_WEEKS: readonly string[] = ['2026-03-02', '2026-10-26'];

/**
 * Random subjects for the agreement check: any field values, at any instant
 * of two weeks around each 2026 DST change (most in 07:00–21:00 local, the
 * rest at any hour, a quarter on the hour, where windows open and close), so
 * every rule and every schedule edge is exercised.
 *
 * @param count - how many
 * @returns the subjects, in time order
 * @example
 * ```ts
 * for (const { subject, nowMs } of randomSubjects(5000)) { … }
 * ```
 */
export function randomSubjects(count: number): BenchSubject[] {
  const random = seededRandom(0xa11_5e7);
  const instants = Array.from({ length: count }, () => {
    const [year, month, day] = pickOne(random, RANDOM_WEEKS).split('-').map(Number) as [number, number, number];
    const minute = random() < 0.6 ? integer(random, 7 * 60, 21 * 60 - 1) : integer(random, 0, 24 * 60 - 1);
    const local = Date.UTC(year, month - 1, day + integer(random, 0, 13), 0, random() < 0.25 ? minute - (minute % 60) : minute);
    return fromZonedTime(new Date(local).toISOString().slice(0, 19), BENCH_TIME_ZONE).getTime();
  }).sort((a, b) => a - b);
  return instants.map((nowMs, i) => ({
    subject: {
      id: `random-${i}`,
      kind: 'customer',
      fields: {
        region: pickOne(random, ['NA', 'EU', 'APAC', 'LATAM', 'MEA']),
        level: integer(random, 1, 5),
        // Half the time only tags no rule before rule 14 reacts to, so that long tag lists reach rule 14.
        tags: random() < 0.5 ? someOf(random, ['new', 'returning', 'enterprise', 'trial'], 0.7) : someOf(random, ALL_TAGS, 0.3),
        channel: pickOne(random, ['web', 'phone', 'email', 'chat', 'referral']),
        language: pickOne(random, ['en', 'es', 'fr', 'de', 'zh', 'ja']),
        industry: pickOne(random, ['retail', 'finance', 'finance', 'health', 'tech', 'education', 'government']),
        revenue: pickOne(random, [0, 9_999, 10_000, 49_999, 50_000, 499_999, 500_000, 999_999, 1_000_000, integer(random, 0, 2_000_000)]),
        vip: random() < 0.1,
        source: pickOne(random, ['ads', 'organic', 'partner', 'event', 'outbound']),
        age: pickOne(random, [18, 29, 30, 64, 65, 70, integer(random, 18, 90)]),
      },
    },
    nowMs,
  }));
}
