import { FORBIDDEN_NAMES } from '../expr/forbiddenNames.js';
import { arrayCheck, booleanCheck, nonEmptyStringCheck, objectCheck, oneOfCheck, stringCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { conditionCheck } from './conditionCheck.js';
import { describeValue, quote } from './describeValue.js';
import type { IssueCollector } from './issueCollector.js';
import type { IssuePath } from './issues.js';
import { isPlainObject } from './isPlainObject.js';
import { type ObjectReader, readObject } from './objectReader.js';
import { readOwnValue } from './readOwnValue.js';
import { scheduleCheck } from './scheduleCheck.js';
import { maxAssignedCheck } from '../availability/maxAssignedCheck.js';
import {
  type AgentParticipant,
  type AgentSelector,
  type Condition,
  type DefaultRule,
  type Eligibility,
  type FieldType,
  ORDER_NAMES,
  type Order,
  PERIODS,
  PRESENCES,
  type Participant,
} from './types.js';

/** What rules and the default rule have in common: everything but `id`, `when` and `appliesTo`. */
export type RuleBody = Omit<DefaultRule, 'id'>;

/** The keys a rule body may hold. */
export const RULE_BODY_KEYS: readonly string[] = [
  'name',
  'description',
  'enabled',
  'schedule',
  'agents',
  'proportional',
  'order',
  'eligibility',
  'sticky',
  'onNoAgent',
];

const orderByCheck = oneOfCheck<Order['by']>(ORDER_NAMES);

const periodCheck = oneOfCheck(PERIODS);

const onNoAgentCheck = oneOfCheck(['next', 'stop'] as const);

const orderCheck = objectCheck({ what: 'an order', keys: ['by', 'period'] }, (order): Order | undefined => {
  const by = order.required('by', orderByCheck);
  if (by === 'roundRobin' || by === 'leastUtilised' || by === 'longestIdle') {
    if (order.has('period')) {
      order.issues.report('unknown_key', order.pathOf('period'), `A ${by} order takes no period: ${NO_PERIOD[by]}`);
      return undefined;
    }
    return { by };
  }
  if (by === 'fewestAssigned') {
    if (!order.has('period')) {
      order.issues.report(
        'missing',
        order.pathOf('period'),
        `A fewestAssigned order counts assignments per period: add "period", ${periodCheck.expected}.`,
      );
      return undefined;
    }
    const period = order.required('period', periodCheck);
    return period === undefined ? undefined : { by, period };
  }
  const period = order.optional('period', periodCheck);
  if (by === undefined) return undefined;
  return { by, ...(period !== undefined && { period }) };
});

const NO_PERIOD = {
  roundRobin: 'it rotates through the participants regardless of counts.',
  leastUtilised: 'it compares subjects in care now with each capacity.',
  longestIdle: "it compares each agent's last automatic assignment.",
};

const presenceListCheck = arrayCheck(oneOfCheck(PRESENCES), `a list of presences (${PRESENCES.join(', ')})`, {
  nonEmpty: 'No agent could ever be eligible: list at least one presence, or omit presence to allow any.',
  distinct: true,
});

function eligibilityCheck(fields: Record<string, FieldType> | undefined): Check<Eligibility> {
  return objectCheck(
    { what: 'the eligibility', keys: ['presence', 'ignoreCapacity', 'agentWhen', 'maxAssigned'] },
    (eligibility): Eligibility => {
      const presence = eligibility.optional('presence', presenceListCheck);
      const ignoreCapacity = eligibility.optional('ignoreCapacity', booleanCheck);
      const agentWhen = eligibility.optional('agentWhen', conditionCheck('agent', fields));
      const maxAssigned = eligibility.optional('maxAssigned', maxAssignedCheck);
      return {
        ...(presence !== undefined && { presence }),
        ...(ignoreCapacity !== undefined && { ignoreCapacity }),
        ...(agentWhen !== undefined && { agentWhen }),
        ...(maxAssigned !== undefined && { maxAssigned }),
      };
    },
  );
}

const weightCheck: Check<number> = {
  expected: 'a finite number greater than 0',
  read(value, path, issues) {
    if (typeof value !== 'number') return issues.invalidType(value, path, weightCheck.expected);
    if (!Number.isFinite(value) || value <= 0) {
      issues.report('invalid_weight', path, `Expected a weight that is a finite number greater than 0, got ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  },
};

const NO_SUBJECT_FIELDS: Record<string, FieldType> = Object.freeze({}) as Record<string, FieldType>;

const PARTICIPANTS = 'a non-empty list of participants { id, weight? } or selectors { where, weight? }';

/**
 * Participants: each id non-empty, not a prototype name (ids key weight maps)
 * and listed once; selectors are conditions over agent profiles.
 */
function participantsCheck(): Check<Participant[]> {
  // No subject field is declared for a selector: it sees only the agent, so naming a subject field is an issue.
  const whereCheck = conditionCheck('agent', NO_SUBJECT_FIELDS);
  return {
  expected: PARTICIPANTS,
  read(value, path, issues) {
    if (!Array.isArray(value)) return issues.invalidType(value, path, PARTICIPANTS);
    if (value.length === 0) {
      issues.report('invalid_value', path, 'A rule needs at least one participant agent.');
      return undefined;
    }
    const firstIndexOfId = new Map<string, number>();
    const participants: Participant[] = [];
    let selectors = 0;
    for (let index = 0; index < value.length; index++) {
      const item = readOwnValue(value, index);
      if (isPlainObject(item) && Object.hasOwn(item, 'where')) {
        const selector = readSelector(item, [...path, index], issues, whereCheck);
        if (selector !== undefined) participants.push(selector);
        selectors++;
        continue;
      }
      const participant = readParticipant(item, [...path, index], issues);
      if (participant === undefined) continue;
      const first = firstIndexOfId.get(participant.id);
      if (first === undefined) firstIndexOfId.set(participant.id, index);
      else {
        issues.report(
          'duplicate_id',
          [...path, index, 'id'],
          `Agent ${quote(participant.id)} is already a participant at index ${first}.`,
          { id: participant.id },
        );
      }
      participants.push(participant);
    }
    return participants.length === value.length && firstIndexOfId.size + selectors === value.length ? participants : undefined;
  },
  };
}

function readSelector(
  value: unknown,
  path: IssuePath,
  issues: IssueCollector,
  whereCheck: Check<string | Condition>,
): AgentSelector | undefined {
  const selector = readObject(value, path, { what: 'a selector', keys: ['where', 'weight'] }, issues);
  if (selector === undefined) return undefined;
  const where = selector.required('where', whereCheck);
  const weight = selector.optional('weight', weightCheck);
  if (where === undefined) return undefined;
  return { where, ...(weight !== undefined && { weight }) };
}

function readParticipant(value: unknown, path: IssuePath, issues: IssueCollector): AgentParticipant | undefined {
  const participant = readObject(value, path, { what: 'a participant', keys: ['id', 'weight'] }, issues);
  if (participant === undefined) return undefined;
  const id = participant.required('id', nonEmptyStringCheck);
  const weight = participant.optional('weight', weightCheck);
  if (id === undefined) return undefined;
  if (FORBIDDEN_NAMES.has(id)) {
    issues.report(
      'forbidden_name',
      participant.pathOf('id'),
      `${quote(id)} cannot be an agent id: it names JavaScript's prototype machinery.`,
    );
    return undefined;
  }
  return { id, ...(weight !== undefined && { weight }) };
}

/**
 * Reads what rules and the default rule share: name, description, enabled,
 * schedule, participants, order, eligibility, sticky and onNoAgent.
 *
 * @param rule - a reader over the rule's entries (unknown keys already reported)
 * @param fields - the declared subject fields, when the declaration is valid
 * @returns the checked copy, or undefined when a required part is invalid
 * @example
 * ```ts
 * const body = readRuleBody(reader, fields);
 * ```
 */
export function readRuleBody(rule: ObjectReader, fields: Record<string, FieldType> | undefined): RuleBody | undefined {
  const name = rule.required('name', stringCheck);
  const description = rule.optional('description', stringCheck);
  const enabled = rule.required('enabled', booleanCheck);
  const schedule = rule.optional('schedule', scheduleCheck);
  const agents = rule.required('agents', participantsCheck());
  const proportional = rule.optional('proportional', booleanCheck);
  const order = rule.required('order', orderCheck);
  const eligibility = rule.optional('eligibility', eligibilityCheck(fields));
  const sticky = rule.optional('sticky', booleanCheck);
  const onNoAgent = rule.optional('onNoAgent', onNoAgentCheck);
  if (name === undefined || enabled === undefined || agents === undefined || order === undefined) return undefined;
  return {
    name,
    ...(description !== undefined && { description }),
    enabled,
    ...(schedule !== undefined && { schedule }),
    agents,
    ...(proportional !== undefined && { proportional }),
    order,
    ...(eligibility !== undefined && { eligibility }),
    ...(sticky !== undefined && { sticky }),
    ...(onNoAgent !== undefined && { onNoAgent }),
  };
}
