import { availabilityOf } from '../availability/availabilityOf.js';
import { ON_LEAVE } from '../availability/agentAvailability.js';
import { InputError } from '../errors.js';
import { participantsOf } from '../pick/participantsOf.js';
import type { CompiledRule, CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { AgentSnapshot, SubjectRef } from '../types.js';
import type { GovernanceMove, PortfolioEntry } from './types.js';

/** Inputs of `planRebalance`, already read and checked. */
export interface RebalancePlanInput {
  ruleSet: CompiledRuleSet;
  /** The rule whose portfolio is balanced (`'$default'`: the default rule). */
  ruleId: string;
  /** The subjects of the rule's participants with their open records, in any order (others are ignored). */
  portfolio: readonly PortfolioEntry[];
  /** Snapshots of the rule's participants (as the assignment lock reads them): profiles, `serving.total` for capacity. */
  agents: readonly AgentSnapshot[];
  /** The most moves (default: as many as needed). */
  maxMoves?: number;
  now: Date;
}

/** One eligible participant of a rebalanced rule: its share and its count before and after. */
export interface RebalanceParticipant {
  agentId: string;
  /** Its weight (1 unless the rule is `proportional`). */
  weight: number;
  /** Its weighted share of the rule's subjects: `total · weight / Σ weights`. */
  share: number;
  /** The rule's subjects it has before the moves. */
  before: number;
  /** … and after them. */
  after: number;
}

/** The moves of a rebalance, in the order they are made, and the participants' shares. */
export interface RebalancePlan {
  moves: GovernanceMove[];
  participants: RebalanceParticipant[];
  /** Whether every participant ends within 1 of its share (false: capacity, pending records or `maxMoves` prevented it). */
  balanced: boolean;
}

// Fractional weights: a count this close to the bound counts as within it.
const TOLERANCE = 1e-9;

interface Account {
  readonly id: string;
  readonly weight: number;
  /** How many more subjects it can take before reaching its capacity. */
  readonly room: number;
  /** Its subjects that may move, the most recently joined first. */
  readonly movable: PortfolioEntry[];
}

interface Balance extends Account {
  readonly share: number;
  /** Its bounds: the lowest and highest counts within 1 of its share. */
  readonly lo: number;
  readonly hi: number;
  count: number;
  readonly before: number;
  /** The highest count moves may bring it to (capacity); never below its count. */
  readonly up: number;
}

/**
 * Plans a rebalance of one rule's portfolio: the fewest moves so that every
 * eligible participant's count is within 1 of its weighted share, never
 * bringing anyone above capacity. Pure: the service's dry run returns it and
 * its real run makes exactly these moves, one transaction each.
 *
 * Policy, precisely:
 * - The rule's subjects: those whose effective record has the rule's id,
 *   held by an eligible participant. A subject whose pending record has the
 *   rule's id (a rebalance move awaiting confirmation) counts for that
 *   record's agent instead. Subjects with any pending record never move.
 * - Eligible participants: the rule's participants (listed, or brought by a
 *   skill-group selector) that exist, are enabled and are not on leave now.
 *   Shifts and presence do not matter: a portfolio outlives a shift.
 * - Shares: with `N` subjects and weights `w` (all 1 unless the rule is
 *   `proportional`), participant `i`'s share is `N · wᵢ / Σw`; its count is
 *   within 1 when `|countᵢ − shareᵢ| ≤ 1`.
 * - Capacity: a participant receives at most `capacity − serving.total`
 *   subjects (all its subjects count, whatever the rule); one already above
 *   capacity only gives.
 * - Moves, one at a time, always from a participant above its bound to one
 *   below it when there is such a pair (each such move brings two counts
 *   closer), else from above its bound to one with room under its upper
 *   bound, or from one over its lower bound to one below it; never otherwise.
 *   This makes the fewest moves, and when capacity or pending records make
 *   the shares unreachable, it leaves the smallest total distance to them.
 * - Tie-breaks: the giver is the one furthest above its share
 *   (`count − share`), the receiver the one furthest below it, each then in
 *   participant order; the subject moved is the giver's most recently joined
 *   (latest `agentSince`: the least relationship built), then by kind and id.
 * - No participant both gives and receives, so a run stopped half way and
 *   planned again continues with the same moves.
 *
 * @param input - rule set, rule id, portfolio, participants' snapshots, `maxMoves`, now
 * @returns the moves in order, the participants' shares and counts, and whether the result is balanced
 * @throws InputError (`invalid_input`) at `ruleId` for a rule the rule set does not have
 * @example
 * ```ts
 * const plan = planRebalance({ ruleSet, ruleId: 'north', portfolio, agents, now: new Date() });
 * plan.participants; // [{ agentId: 'li-lei', weight: 1, share: 5, before: 9, after: 6 }, …]
 * plan.moves.length; // 3
 * ```
 */
export function planRebalance(input: RebalancePlanInput): RebalancePlan {
  const { ruleSet, ruleId, now } = input;
  const rule = ruleOf(ruleSet, ruleId);
  const accounts = eligibleAccounts(rule, input.agents, ruleSet.timeZone, now.getTime());
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const counts = new Map<string, number>();
  for (const entry of input.portfolio) {
    const pending = entry.pending;
    if (pending !== null && pending.ruleId === ruleId && byId.has(pending.agentId)) {
      counts.set(pending.agentId, (counts.get(pending.agentId) ?? 0) + 1);
      continue;
    }
    const effective = entry.effective;
    if (effective === null || effective.ruleId !== ruleId || entry.agentId !== effective.agentId) continue;
    const account = byId.get(effective.agentId);
    if (account === undefined) continue;
    counts.set(account.id, (counts.get(account.id) ?? 0) + 1);
    if (pending === null) account.movable.push(entry);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const weights = accounts.reduce((sum, account) => sum + account.weight, 0);
  const settled = accounts.map((account): Balance => {
    const count = counts.get(account.id) ?? 0;
    const share = (total * account.weight) / weights;
    return {
      ...account,
      share,
      lo: Math.max(0, Math.ceil(share - 1 - TOLERANCE)),
      hi: Math.floor(share + 1 + TOLERANCE),
      count,
      before: count,
      up: count + account.room,
    };
  });
  for (const account of settled) account.movable.sort(latestJoinedFirst);
  const moves: GovernanceMove[] = [];
  const maxMoves = input.maxMoves ?? Number.POSITIVE_INFINITY;
  while (moves.length < maxMoves) {
    const pair = nextPair(settled);
    if (pair === null) break;
    const [giver, receiver] = pair;
    const entry = giver.movable.shift()!;
    giver.count--;
    receiver.count++;
    moves.push({ subject: { id: entry.subject.id, kind: entry.subject.kind }, from: giver.id, to: receiver.id, ruleId });
  }
  return {
    moves,
    participants: settled.map((account) => ({ agentId: account.id, weight: account.weight, share: account.share, before: account.before, after: account.count })),
    balanced: settled.every((account) => account.count >= account.lo && account.count <= account.hi),
  };
}

function ruleOf(ruleSet: CompiledRuleSet, ruleId: string): CompiledRule {
  const rule = ruleSet.rules.find((candidate) => candidate.id === ruleId) ?? (ruleId === ruleSet.defaultRule?.id ? ruleSet.defaultRule : undefined);
  if (rule === undefined) {
    const known = [...ruleSet.rules.map((candidate) => candidate.id), ...(ruleSet.defaultRule === null ? [] : [ruleSet.defaultRule.id])];
    throw new InputError('ruleId', `the id of a rule of the rule set (${known.join(', ')})`, describeValue(ruleId));
  }
  return rule;
}

/** The eligible participants, in participant order, each once, with its weight and room. */
function eligibleAccounts(rule: CompiledRule, agents: readonly AgentSnapshot[], timeZone: string, nowMs: number): Account[] {
  const accounts: Account[] = [];
  const seen = new Set<string>();
  for (const participant of participantsOf(rule, agents)) {
    const agent = participant.agent;
    if (agent === undefined || seen.has(participant.id) || agent.enabled === false) continue;
    if (availabilityOf(agent, timeZone)?.stateAt(nowMs) === ON_LEAVE) continue;
    seen.add(participant.id);
    const weight = participant.via === -1 ? rule.weights[rule.positionOf.get(participant.id)!]! : rule.selectors.find((selector) => selector.index === participant.via)!.weight;
    accounts.push({ id: participant.id, weight, room: roomOf(agent), movable: [] });
  }
  return accounts;
}

/** How many more subjects the agent can take before reaching its capacity. */
function roomOf(agent: AgentSnapshot): number {
  if (agent.capacity === null || agent.capacity === undefined) return Number.POSITIVE_INFINITY;
  const serving = agent.serving;
  const inCare = typeof serving === 'number' ? serving : (serving?.total ?? 0);
  return Math.max(0, agent.capacity - inCare);
}

/** The next giver and receiver, or null when no move brings the counts closer to the shares. */
function nextPair(accounts: readonly Balance[]): [Balance, Balance] | null {
  const room = (account: Balance) => account.count < account.up;
  const hardGiver = best(accounts, (account: Balance) => account.count > account.hi && account.movable.length > 0, (account: Balance) => account.count - account.share);
  const hardReceiver = best(accounts, (account: Balance) => account.count < account.lo && room(account), (account: Balance) => account.share - account.count);
  if (hardGiver !== null && hardReceiver !== null) return [hardGiver, hardReceiver];
  if (hardGiver !== null) {
    const receiver = best(accounts, (account: Balance) => account.count < account.hi && room(account), (account: Balance) => account.share - account.count);
    return receiver === null ? null : [hardGiver, receiver];
  }
  if (hardReceiver !== null) {
    const giver = best(accounts, (account: Balance) => account.count > account.lo && account.movable.length > 0, (account: Balance) => account.count - account.share);
    return giver === null ? null : [giver, hardReceiver];
  }
  return null;
}

/** The account with the highest score among those that qualify, the earliest in participant order on a tie. */
function best(accounts: readonly Balance[], qualifies: (account: Balance) => boolean, score: (account: Balance) => number): Balance | null {
  let found: Balance | null = null;
  for (const account of accounts) {
    if (qualifies(account) && (found === null || score(account) > score(found))) found = account;
  }
  return found;
}

function latestJoinedFirst(a: PortfolioEntry, b: PortfolioEntry): number {
  const since = (entry: PortfolioEntry) => entry.agentSince?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (since(a) !== since(b)) return since(b) - since(a);
  return compareRefs(a.subject, b.subject);
}

function compareRefs(a: SubjectRef, b: SubjectRef): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
