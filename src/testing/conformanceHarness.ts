import type { AssignmentStore } from '../ports.js';

/** A store made fresh for one test, and how to dispose of it. */
export interface StoreUnderTest {
  store: AssignmentStore;
  cleanup?: () => Promise<void> | void;
}

/** A test framework's `describe` (vitest, Jest, Mocha, `node:test`). */
export type SuiteFunction = (name: string, body: () => void) => unknown;

/** A test framework's `it`; `timeout` is passed only when the caller sets one. */
export type TestFunction = (name: string, body: () => Promise<void>, timeout?: number) => unknown;

/** What every conformance group registers its tests with. @internal */
export interface ConformanceHarness {
  describe: SuiteFunction;
  /** Registers a test that receives a fresh store, disposed of afterwards. */
  test(name: string, body: (store: AssignmentStore) => Promise<void>): void;
}

/**
 * Builds the harness the conformance groups use: each test gets a store from
 * `create()` and its `cleanup` runs whatever the test's outcome.
 *
 * @internal
 * @param create - makes a fresh store
 * @param describe - the framework's `describe`
 * @param it - the framework's `it`
 * @param timeout - per-test timeout to pass to `it`, if any
 * @returns the harness
 * @example
 * ```ts
 * const harness = conformanceHarness(() => ({ store: createMemoryStore() }), describe, it);
 * harness.test('keeps things', async (store) => { … });
 * ```
 */
export function conformanceHarness(
  create: () => Promise<StoreUnderTest> | StoreUnderTest,
  describe: SuiteFunction,
  it: TestFunction,
  timeout: number | undefined,
): ConformanceHarness {
  return {
    describe,
    test(name, body) {
      const run = async () => {
        const { store, cleanup } = await create();
        try {
          await body(store);
        } finally {
          await cleanup?.();
        }
      };
      if (timeout === undefined) it(name, run);
      else it(name, run, timeout);
    },
  };
}
