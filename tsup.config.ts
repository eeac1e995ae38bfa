import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { schemaSql } from './src/adapters/postgres/schemaSql.js';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    memory: 'src/adapters/memory/index.ts',
    testing: 'src/testing/index.ts',
    postgres: 'src/adapters/postgres/index.ts',
    // The command-line tool (package `bin`); tsup keeps its shebang and makes it executable.
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
  // The PostgreSQL schema ships beside the code (`dedicated-agent/postgres/schema.sql`),
  // generated from the migrations so it cannot drift from what migrate() runs.
  onSuccess: async () => {
    await writeFile('dist/schema.sql', schemaSql());
  },
});
