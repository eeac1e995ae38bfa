import { createMemoryStore } from 'dedicated-agent/memory';
import { runStoreConformance } from 'dedicated-agent/testing';
import { describe, it } from 'vitest';

runStoreConformance({ name: 'memory', create: () => ({ store: createMemoryStore() }), describe, it });
