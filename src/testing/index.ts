/**
 * dedicated-agent/testing: the conformance suite every `AssignmentStore` must
 * pass, for people writing their own adapter.
 */
export type { StoreUnderTest, SuiteFunction, TestFunction } from './conformanceHarness.js';
export { runStoreConformance, type StoreConformanceOptions } from './runStoreConformance.js';
