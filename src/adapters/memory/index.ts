/**
 * dedicated-agent/memory: an in-memory `AssignmentStore` with real transaction
 * semantics, for tests, demos and single-process apps.
 */
export { createMemoryStore, type MemoryStoreOptions } from './createMemoryStore.js';
