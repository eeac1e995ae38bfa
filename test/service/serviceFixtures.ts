/** Shared set-up of the service scenarios: a memory store, a hand-moved clock, readable ids and a recording notifier. */
import {
  type Actor,
  type AgentProfile,
  type AssignmentService,
  type AssignmentServiceBase,
  type AssignmentStore,
  type Notification,
  type RuleSet,
  type Settings,
  createAssignmentService,
} from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { seedAgents, seedRuleSet } from '../fixtures/seedRuleSet.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Monday 2026-11-02, 10:00 in Beijing: a working day outside the seed's holiday rule. */
export const T0 = Date.parse('2026-11-02T10:00:00+08:00');

export const admin: Actor = { id: 'admin-1', role: 'admin' };
export const sales: Actor = { id: 'sales-7', role: 'business' };
export const otherSales: Actor = { id: 'sales-8', role: 'business' };
export const agent = (id: string): Actor => ({ id, role: 'agent' });

export interface Clock {
  now(): Date;
  advance(ms: number): void;
  set(ms: number): void;
}

export function handClock(start = T0): Clock {
  let ms = start;
  return {
    now: () => new Date(ms),
    advance: (delta) => {
      ms += delta;
    },
    set: (next) => {
      ms = next;
    },
  };
}

export interface SettingsChanges {
  manual?: Partial<Settings['manual']>;
  auto?: Partial<Settings['auto']>;
  application?: Partial<Settings['application']>;
  pendingTimeout?: string;
}

/** The seed's rule set with no second steps unless changed, and a 24-hour timeout. */
export function seedWith(changes: SettingsChanges = {}): RuleSet {
  const seed = seedRuleSet();
  return {
    ...seed,
    settings: {
      manual: { enabled: true, agentConfirmation: false, ...changes.manual },
      auto: { enabled: true, agentConfirmation: false, ...changes.auto },
      application: { enabled: true, adminApproval: false, agentConfirmation: false, ...changes.application },
      pendingTimeout: changes.pendingTimeout ?? 'PT24H',
    },
  };
}

export interface Scenario {
  store: AssignmentStore;
  svc: AssignmentService;
  clock: Clock;
  sent: Notification[];
}

/** A service on a fresh memory store holding the seed's agents (and `c-1`, a Shanghai customer); a function is used as `loadRuleSet`. */
export async function scenario(
  ruleSet: RuleSet | (() => Promise<RuleSet>) = seedWith(),
  options: Partial<AssignmentServiceBase> & { agents?: AgentProfile[] } = {},
): Promise<Scenario> {
  const { agents, ...serviceOptions } = options;
  const store = serviceOptions.store ?? createMemoryStore();
  await store.upsertAgents(agents ?? seedAgents());
  await store.upsertSubjects([{ id: 'c-1', kind: 'customer', fields: { region: '上海', level: 1, tags: [] } }]);
  const clock = handClock();
  const sent: Notification[] = [];
  let next = 0;
  const svc = createAssignmentService({
    store,
    ...(typeof ruleSet === 'function' ? { loadRuleSet: ruleSet } : { ruleSet }),
    clock,
    ids: () => `id-${++next}`,
    notifier: { send: (notification) => void sent.push(notification) },
    ...serviceOptions,
  });
  return { store, svc, clock, sent };
}

/** Notifications as `event → recipient`, for compact assertions. */
export function summary(notifications: readonly Notification[]): string[] {
  return notifications.map(({ event, recipient }) => `${event} → ${recipient.type === 'admins' ? 'admins' : `${recipient.type}:${recipient.id}`}`);
}

/** Delivers the outbox and returns what was sent by this dispatch. */
export async function delivered(scene: Scenario): Promise<string[]> {
  const before = scene.sent.length;
  await scene.svc.dispatchNotifications();
  return summary(scene.sent.slice(before));
}
