import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests and examples import the package by name, exactly as users do.
    alias: [
      { find: /^dedicated-agent$/, replacement: src('index.ts') },
      { find: /^dedicated-agent\/memory$/, replacement: src('adapters/memory/index.ts') },
      { find: /^dedicated-agent\/postgres$/, replacement: src('adapters/postgres/index.ts') },
      { find: /^dedicated-agent\/testing$/, replacement: src('testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
