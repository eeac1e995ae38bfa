/**
 * What every process of the chaos suite shares: the rule set, the agents,
 * the subjects, and the lines the workers append to their logs.
 */
import type { AgentProfile, RuleSet } from '../src/index.js';

/** Six agents, always online: round robin among them must stay within 1. */
export const CHAOS_AGENTS: AgentProfile[] = Array.from({ length: 6 }, (_, index) => ({ id: `ag-${index + 1}` }));

/** Automatic assignment by round robin; applications need an admin and the agent; pending records expire after 4 s. */
export const CHAOS_RULE_SET: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: true },
    pendingTimeout: 'PT4S',
  },
  rules: [{ id: 'rr', name: 'Everyone', enabled: true, agents: CHAOS_AGENTS.map(({ id }) => ({ id })), order: { by: 'roundRobin' } }],
};

/** A worker's task, passed as its one argument (JSON). */
export interface ChaosTask {
  /** Through the fault proxy. */
  url: string;
  schema: string;
  index: number;
  /** Restarts of this worker so far: keeps idempotency keys of generations apart. */
  generation: number;
  lanes: number;
  /** When the lanes stop starting calls (epoch ms). */
  until: number;
  subjects: number;
  /** A call not settled within this many ms is a hang. */
  boundMs: number;
  log: string;
}

/** The calls the lanes make. */
export type ChaosOp = 'autoAssign' | 'autoAssignMany' | 'apply' | 'approve' | 'confirm' | 'decline' | 'assignManually' | 'expirePending' | 'dispatch';

/** One line of a worker's log (JSON). */
export type ChaosLine =
  | {
      t: 'ok';
      op: ChaosOp;
      subject?: string;
      key?: string;
      recordId?: string | null;
      version?: number;
      agentId?: string | null;
      outcome?: string;
    }
  | { t: 'error'; op: ChaosOp; code: string; typed: boolean; message: string; key?: string }
  | { t: 'hang'; op: ChaosOp }
  | { t: 'sent'; recordId: string | null }
  | { t: 'notifierFault'; kind: 'throw' | 'stall' }
  | { t: 'poolError' }
  | { t: 'commitUnknown' };

/**
 * The subject id of number `n`.
 *
 * @param n - 0 … subjects − 1
 * @returns the id
 */
export const subjectId = (n: number): string => `cust-${n}`;
