/** Shared fixtures of the workflow tests: people, time and rule sets. */
import type { RuleSet, Settings } from '../../src/core/ruleset/types.js';
import type { Actor, AssignmentRecord, Effect, NotifyEvent, Recipient } from '../../src/core/types.js';

export const HOUR = 3_600_000;
/** 2026-10-01 09:00 in Beijing. */
export const T0 = Date.parse('2026-10-01T09:00:00+08:00');

export const admin: Actor = { id: 'admin-1', role: 'admin' };
export const otherAdmin: Actor = { id: 'admin-2', role: 'admin' };
export const sales: Actor = { id: 'sales-7', role: 'business' };
export const otherSales: Actor = { id: 'sales-8', role: 'business' };
export const liLei: Actor = { id: 'li-lei', role: 'agent' };
export const hanMeimei: Actor = { id: 'han-meimei', role: 'agent' };

export interface SettingsOverrides {
  manual?: Partial<Settings['manual']>;
  auto?: Partial<Settings['auto']>;
  application?: Partial<Settings['application']>;
  /** Absent: `PT24H`; null: no timeout. */
  pendingTimeout?: string | null;
}

/** A rule set with every feature enabled, no second steps, a 24-hour timeout, and the given changes. */
export function ruleSetWith(overrides: SettingsOverrides = {}): RuleSet {
  const pendingTimeout = overrides.pendingTimeout === undefined ? 'PT24H' : overrides.pendingTimeout;
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false, ...overrides.manual },
      auto: { enabled: true, agentConfirmation: false, ...overrides.auto },
      application: { enabled: true, adminApproval: false, agentConfirmation: false, ...overrides.application },
      ...(pendingTimeout === null ? {} : { pendingTimeout }),
    },
    rules: [],
  };
}

/** The `notify` effect a test expects: written out here so tests state recipients and events explicitly. */
export function notice(record: AssignmentRecord, recipient: Recipient, event: NotifyEvent, at: number): Effect {
  return { type: 'notify', recipient, event, recordId: record.id, subject: record.subject, agentId: record.agentId, at: new Date(at) };
}

/** The effects' kinds in order, e.g. `notify:agent:li-lei:assigned`, for compact assertions. */
export function effectSummary(effects: readonly Effect[]): string[] {
  return effects.map((effect) => {
    switch (effect.type) {
      case 'notify': {
        const to = effect.recipient.type === 'admins' ? 'admins' : `${effect.recipient.type}:${effect.recipient.id}`;
        return `notify:${to}:${effect.event}`;
      }
      case 'stats.serving':
        return `serving:${effect.agentId}:${effect.delta > 0 ? '+1' : '-1'}`;
      case 'subject.setAgent':
        return `setAgent:${effect.agentId}`;
      default:
        return effect.type;
    }
  });
}
