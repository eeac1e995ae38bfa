import { atomicityConformance } from './atomicityConformance.js';
import { availabilityConformance } from './availabilityConformance.js';
import { bulkConformance } from './bulkConformance.js';
import { concurrencyConformance } from './concurrencyConformance.js';
import { type StoreUnderTest, type SuiteFunction, type TestFunction, conformanceHarness } from './conformanceHarness.js';
import { governanceConformance } from './governanceConformance.js';
import { groupCommitConformance } from './groupCommitConformance.js';
import { hostileInputConformance } from './hostileInputConformance.js';
import { idempotencyConformance } from './idempotencyConformance.js';
import { outboxConformance } from './outboxConformance.js';
import { periodConformance } from './periodConformance.js';
import { queueConformance } from './queueConformance.js';
import { recordQueryConformance } from './recordQueryConformance.js';
import { ruleSetVersionConformance } from './ruleSetVersionConformance.js';
import { skillGroupConformance } from './skillGroupConformance.js';
import { statsConformance } from './statsConformance.js';
import { workflowConformance } from './workflowConformance.js';

/** Options of `runStoreConformance`. */
export interface StoreConformanceOptions {
  /** Names the suite: `store conformance: <name>`. */
  name: string;
  /** Makes a fresh, empty store for one test (and how to dispose of it). */
  create: () => Promise<StoreUnderTest> | StoreUnderTest;
  /** The framework's `describe`; default the global one. */
  describe?: SuiteFunction;
  /** The framework's `it`; default the global one. */
  it?: TestFunction;
  /** Per-test timeout in ms, passed to `it` as its third argument (for slow databases). */
  timeout?: number;
}

/**
 * Registers the suite every `AssignmentStore` must pass: every guarantee of the
 * service through the store — hundreds of concurrent automatic assignments
 * (round robin stays exact, a subject never gets two agents or two records),
 * fairness by counts under concurrency, concurrent calls sharing
 * transactions (group commit) with the results they would get alone and
 * failures kept to the failing call, bulk imports (`autoAssignMany`: batches
 * of many subjects committed whole or not at all, resumed by their keys), concurrent workflow events on one
 * record (exactly one wins), an id generator and a notifier that throw mid-call
 * (nothing half-written), whole change sets refused, idempotency, counting
 * periods that roll over at local midnight in the rule set's zone, the
 * agents' schedule, leave and caps as given and their `lastAssignedAt`, skill
 * groups that take in agents added later and keep round robin exact, record
 * queries and cursor pagination, the outbox with leases, expiry, re-offer and
 * releasing an agent, portfolio transfer and rebalance (previews equal to
 * runs, re-runs after a crash moving nothing twice), and hostile input (ids with NUL or lone surrogates,
 * non-JSON fields, instants outside 0001–9999) refused with `invalid_input`
 * before it reaches the database, and statistics of a fixed history
 * (`assignmentStats`) with exact figures. Framework-agnostic: pass your framework's `describe` and
 * `it` (or rely on globals); assertions use `node:assert/strict`.
 *
 * @param options - the store's name and factory, and optionally `describe`, `it` and a timeout
 * @returns nothing; the tests are registered with `describe`/`it`
 * @throws Error when no `describe`/`it` is given and none is global
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runStoreConformance } from 'dedicated-agent/testing';
 *
 * runStoreConformance({
 *   name: 'my-store',
 *   create: async () => ({ store: await createMyStore(), cleanup: () => dropSchema() }),
 *   describe,
 *   it,
 * });
 * ```
 */
export function runStoreConformance(options: StoreConformanceOptions): void {
  const globals = globalThis as { describe?: SuiteFunction; it?: TestFunction };
  const describe = options.describe ?? globals.describe;
  const it = options.it ?? globals.it;
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new Error('runStoreConformance needs describe and it: pass them, or run it where the test framework defines them globally');
  }
  const harness = conformanceHarness(options.create, describe, it, options.timeout);
  describe(`store conformance: ${options.name}`, () => {
    concurrencyConformance(harness);
    groupCommitConformance(harness);
    bulkConformance(harness);
    atomicityConformance(harness);
    idempotencyConformance(harness);
    periodConformance(harness);
    availabilityConformance(harness);
    skillGroupConformance(harness);
    recordQueryConformance(harness);
    outboxConformance(harness);
    queueConformance(harness);
    ruleSetVersionConformance(harness);
    workflowConformance(harness);
    governanceConformance(harness);
    hostileInputConformance(harness);
    statsConformance(harness);
  });
}
