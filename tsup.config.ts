import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'tsup';
import { schemaSql } from './src/adapters/postgres/schemaSql.js';

// `tsup --out-dir <dir>` is honoured (the docs test builds into a temporary directory).
export default defineConfig((cli) => {
  const outDir = cli.outDir ?? 'dist';
  const library = {
    index: 'src/index.ts',
    memory: 'src/adapters/memory/index.ts',
    testing: 'src/testing/index.ts',
    postgres: 'src/adapters/postgres/index.ts',
  };
  return {
    // The command-line tool (package `bin`); tsup keeps its shebang and makes it executable.
    entry: { ...library, cli: 'src/cli/main.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: library },
    // No source maps: maps without the sources (which the package does not ship) would
    // only point at files users do not have. The bundles drop comments and whitespace
    // (the declarations keep the JSDoc) but no identifier is renamed, so a stack trace
    // still names the function that threw.
    sourcemap: false,
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: true,
    treeshake: true,
    onSuccess: async () => {
      // The tool runs as `dedicated-agent` (ESM, sharing the library's chunks); nothing
      // requires it. One build for both formats keeps the type declarations to a single
      // compiler pass, so its unused CommonJS twin is dropped here.
      await rm(join(outDir, 'cli.cjs'), { force: true });
      // The PostgreSQL schema ships beside the code (`dedicated-agent/postgres/schema.sql`),
      // generated from the migrations so it cannot drift from what migrate() runs.
      await writeFile(join(outDir, 'schema.sql'), schemaSql());
    },
  };
});
