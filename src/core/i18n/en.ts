import type { Messages } from './messages.js';

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PERIOD = { day: 'today', week: 'this week', month: 'this month', quarter: 'this quarter', year: 'this year', total: 'in total' };

const TYPE_WORDS = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (ISO-8601)',
  'string[]': 'a list of strings',
  'number[]': 'a list of numbers',
};

const KIND_WORDS = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  'string[]': 'a list of strings',
  'number[]': 'a list of numbers',
  array: 'a list of mixed values',
  object: 'an object',
};

const JSON_KINDS: Record<string, string> = {
  null: 'null',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  undefined: 'nothing',
  other: 'not JSON data',
};

const clock = (minuteOfDay: number): string =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

const suggest = (suggestion: string | number | undefined): string => (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`);

/**
 * The English catalogue: the wording `explain`, `formatIssues` and the
 * workflow's texts have always had.
 *
 * @example
 * ```ts
 * en.explain.unassignedReason.no_rule_applies; // 'no rule applies'
 * ```
 */
export const en: Messages = {
  locale: 'en',
  period: PERIOD,
  date: {
    day: (parts) => `${parts.day} ${MONTHS[parts.month]}`,
    dayTime: (parts) => `${parts.day} ${MONTHS[parts.month]} ${clock(parts.minuteOfDay)}`,
    weekdayTime: (parts) => `${WEEKDAYS[parts.weekday]} ${clock(parts.minuteOfDay)}`,
    weekdayDayTime: (parts) => `${WEEKDAYS[parts.weekday]} ${parts.day} ${MONTHS[parts.month]} ${clock(parts.minuteOfDay)}`,
    dateTime: (parts) => `${parts.day} ${MONTHS[parts.month]} ${parts.year} ${clock(parts.minuteOfDay)}`,
  },
  explain: {
    subject: (id, kind) => `${id} (${kind})`,
    assigned: (subject, agent, rule, waiting) => `${subject} → ${agent} by ${rule}${waiting ? ', waiting for the agent to confirm' : ''}.`,
    unassigned: (subject, reason, retryAt) => `${subject} not assigned: ${en.explain.unassignedReason[reason]}.${retryAt === null ? '' : ` Retry at ${retryAt}.`}`,
    unassignedReason: {
      auto_disabled: 'automatic assignment is disabled',
      already_assigned: 'the subject already has a dedicated agent',
      pending_exists: 'a pending assignment of the subject exists',
      no_rule_applies: 'no rule applies',
      outside_schedule: 'every matching rule is outside its schedule',
      no_eligible_agent: 'no participant of a matching rule is eligible',
    },
    rule: (name, id) => `rule "${name}" (${id})`,
    defaultRule: (name) => `default rule "${name}"`,
    disabled: (rule) => `${rule}: skipped, the rule is disabled.`,
    notApplicable: (rule) => `${rule}: skipped, it does not apply to this kind of subject.`,
    conditionFalse: (rule) => `${rule}: skipped, its condition is not met.`,
    outsideSchedule: (rule, opensAt) =>
      `${rule}: matched but outside its schedule${opensAt === null ? '; it does not open within a year' : `; it opens next at ${opensAt}`}.`,
    chosenSticky: (rule, agent) => `${rule}: matched; ${agent} was the subject's previous agent and is eligible (sticky).`,
    chosenByOrder: (rule, agent, order) => `${rule}: matched; ${agent} chosen by ${order}.`,
    noCandidate: (rule) => `${rule}: matched, but no participant is eligible.`,
    order: (order, period, proportional) => {
      const relative = proportional ? ', relative to weight' : '';
      switch (order) {
        case 'fewestAssigned':
          return `fewest automatic assignments ${PERIOD[period]}${relative}`;
        case 'fewestServing':
          return `fewest subjects in care ${PERIOD[period]}${relative}`;
        case 'leastUtilised':
          return `least utilised capacity (subjects in care / capacity)${relative}`;
        case 'longestIdle':
          return 'longest idle since the last automatic assignment';
        default:
          return proportional ? 'weighted round robin' : 'round robin in participant order';
      }
    },
    viaSelector: (agent, selector) => `${agent} (via selector agents[${selector}])`,
    candidate: (f) => {
      switch (f.order) {
        case 'longestIdle':
          return `${f.who}: ${f.lastAssignedAt === null ? 'never assigned' : `last assigned at ${f.lastAssignedAt}`}`;
        case 'leastUtilised': {
          const utilisation =
            f.capacity === null
              ? `${f.count} subject(s) in care, no capacity (ranked after every agent with one)`
              : `${f.count} of ${f.capacity} in care = ${f.utilisation}`;
          return f.proportional ? `${f.who}: ${utilisation}, against weight ${f.weight}` : `${f.who}: ${utilisation}`;
        }
        case 'roundRobin':
          if (f.proportional) return `${f.who}: running weight ${f.key} (weight ${f.weight})`;
          return `${f.who}: ${f.rawKey === 0 ? 'next in turn' : `${f.key} place(s) after the next in turn`}`;
        default: {
          const noun = f.order === 'fewestAssigned' ? 'assignment(s)' : 'subject(s) in care';
          const counted = `${f.count} ${noun} ${PERIOD[f.period]}`;
          return f.proportional ? `${f.who}: ${counted} against weight ${f.weight} = ${f.key}` : `${f.who}: ${counted}`;
        }
      }
    },
    notCandidate: (agent, reason) => `${agent}: not a candidate, ${reason}.`,
    stickyFallback: (agent, reason) => `Sticky fell back to the order: the previous agent ${agent} is not a candidate, ${reason}.`,
    ties: 'Ties go to the participant listed first.',
    exclusion: {
      unknown: () => 'not among the agents supplied',
      disabled: () => 'disabled',
      excluded: () => 'excluded for this subject',
      presence: () => 'in a presence the rule does not allow',
      capacity: () => 'at capacity',
      limit_reached: ({ limit, period }) => `at the cap of ${limit} automatic assignment(s) ${PERIOD[period]}`,
      agent_condition: () => 'outside the agent condition',
      off_shift: ({ until }) => (until === null ? 'off shift, with no shift within a year' : `off shift until ${until}`),
      on_leave: ({ until }) => (until === null ? 'on leave' : `on leave until ${until}`),
    },
    fieldsHeading: (kind) => `The ${kind}'s data does not match the declared fields:`,
    undeclaredField: (field, suggestion) => `${field} is not a declared field${suggestion === null ? '.' : ` — did you mean ${suggestion}?`}`,
    wrongType: (field, value, actual, declared) =>
      `${field} is ${value === null ? KIND_WORDS[actual] : `${value} (${KIND_WORDS[actual]})`}, but the rule set declares ${TYPE_WORDS[declared]}.`,
    missingFields: (fields) =>
      `missing, so conditions read ${fields.length === 1 ? 'it' : 'them'} as null: ${fields.map((f) => `${f.field} (${TYPE_WORDS[f.declared]})`).join(', ')}.`,
  },
  issue: {
    invalid_type: (p) => `A value of the wrong type${p.got === undefined ? '' : ` (${JSON_KINDS[p.got] ?? p.got})`}.`,
    invalid_value: () => 'A value that is not allowed here.',
    missing: (p) => (p.key === undefined ? 'A required value is missing.' : `Missing "${p.key}".`),
    unknown_key: (p) => `Unknown key${p.key === undefined ? '' : ` "${p.key}"`}.${suggest(p.suggestion)}`,
    duplicate_id: (p) => `The id${p.id === undefined ? '' : ` "${p.id}"`} is used twice.`,
    reserved_id: (p) => `The id${p.id === undefined ? '' : ` "${p.id}"`} is reserved.`,
    expression_syntax: () => 'The condition is not a valid expression.',
    expression_too_large: () => 'The condition is too large.',
    forbidden_name: (p) => `${p.name === undefined ? 'The name' : `"${p.name}"`} is not allowed in rule sets.`,
    unknown_function: (p) => `Unknown function${p.name === undefined ? '' : ` "${p.name}"`}.${suggest(p.suggestion)}`,
    unknown_field: (p) => `Unknown field${p.field === undefined ? '' : ` "${p.field}"`}.${suggest(p.suggestion)}`,
    type_mismatch: () => 'The types in the condition do not fit together.',
    invalid_time_zone: (p) => `Not an IANA time zone${p.given === undefined ? '' : `: "${p.given}"`}.${suggest(p.suggestion)}`,
    invalid_time: () => 'Not a time "HH:mm" from "00:00" to "24:00", or a window that ends before it starts.',
    invalid_date_range: () => 'Not a calendar date "YYYY-MM-DD", or a range that ends before it starts.',
    invalid_weight: () => 'A weight must be a finite number greater than 0.',
    invalid_duration: () => 'Not an ISO-8601 duration such as "PT24H" or "P3D".',
  },
  issueHeading: (path, sentence, code) => `${path}: ${sentence} [${code}]`,
  recordStory: {
    headline: (subject, kind, agent, how) => `${subject} (${kind}) → ${agent} ${how}.`,
    byRule: (ruleId, recordId) => `by rule ${ruleId ?? 'unknown'} (automatic record ${recordId})`,
    byHand: (recordId, role, actorId) => `by hand (manual record ${recordId}, ${role} ${actorId})`,
    byApplication: (recordId, role, actorId) => `on application (record ${recordId}, ${role} ${actorId})`,
    notKept: 'The rules’ verdicts were not kept for this record (it was made before the store kept decisions): only the record is shown.',
    step: (at, from, to, role, actorId, note) => `  ${at} ${from ?? 'created'} → ${to} by ${role} ${actorId}${note === null ? '' : ` — ${note}`}`,
  },
  waitingReason: {
    no_eligible_agent: 'nobody eligible',
    outside_schedule: 'outside the rule\'s hours',
    no_rule_applies: 'no rule applies',
    auto_disabled: 'automatic assignment off',
    declined: 'declined, nobody left',
    expired: 'expired, nobody left',
  },
  workflow: {
    type: { auto: 'automatic assignment', manual: 'manual assignment by an admin', application: 'application' },
    status: {
      pending_approval: 'waiting for admin approval',
      pending_confirmation: 'waiting for the agent to confirm',
      effective: 'effective',
      rejected: 'rejected',
      declined: 'declined',
      cancelled: 'cancelled',
      expired: 'expired',
      ended: 'ended',
    },
    event: { approve: 'approve', reject: 'reject', confirm: 'confirm', decline: 'decline', cancel: 'cancel', expire: 'expire', end: 'end' },
    who: { admin: 'an admin', record_agent: "the record's agent", requester_or_admin: 'the requester or an admin', system: 'the system' },
    forbidden: (who, event, recordId) => `Only ${en.workflow.who[who]} may ${en.workflow.event[event]} record ${recordId}.`,
  },
};
