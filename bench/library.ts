/**
 * The library under test, built the way it is published: `src/index.ts`, the
 * PostgreSQL adapter (`dedicated-agent/postgres`) and the memory store
 * (`dedicated-agent/memory`) bundled by tsup with the
 * package's own `tsup.config.ts` (ESM only, no type declarations) into
 * `node_modules/.cache/dedicated-agent-bench/`, rebuilt whenever a file under
 * `src/` is newer than the bundle.
 *
 * Not `src/` through tsx: tsx transpiles with esbuild's `keepNames`, which
 * wraps every closure created at run time in a `__name()` call (an
 * `Object.defineProperty`) that the published build does not have — several
 * percent of a decision — and minifies whitespace, which makes profiles point
 * at line 1. Not `dist/` either: that would make the benchmark depend on the
 * whole package build (every entry, declarations) having just been run.
 */
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as MemoryAdapter from '../src/adapters/memory/index.js';
import type * as PostgresAdapter from '../src/adapters/postgres/index.js';
import type * as Library from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where the bundle goes: under node_modules, so it is never committed. */
export const LIBRARY_BUILD_DIR = `${root}node_modules/.cache/dedicated-agent-bench`;
const bundle = `${LIBRARY_BUILD_DIR}/index.js`;
const postgresBundle = `${LIBRARY_BUILD_DIR}/postgres.js`;
const memoryBundle = `${LIBRARY_BUILD_DIR}/memory.js`;

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = `${directory}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return Math.min(statSync(bundle).mtimeMs, statSync(postgresBundle).mtimeMs, statSync(memoryBundle).mtimeMs);
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

if (builtAt() < newestSource(`${root}src`)) {
  const cwd = process.cwd();
  // tsup reads tsup.config.ts from the working directory.
  process.chdir(root);
  try {
    // Loaded only when needed, so a process that finds the bundle fresh never has tsup on its heap.
    const { build } = await import('tsup');
    await build({
      entry: { index: 'src/index.ts', postgres: 'src/adapters/postgres/index.ts', memory: 'src/adapters/memory/index.ts' },
      format: ['esm'],
      dts: false,
      outDir: LIBRARY_BUILD_DIR,
      clean: true,
      silent: true,
      // Readable lines and a map, so a profile points at the source line (the package itself ships neither).
      sourcemap: true,
      esbuildOptions(options) {
        options.minifyWhitespace = false;
        options.minifySyntax = false;
      },
    });
  } finally {
    process.chdir(cwd);
  }
}

/** The built library, typed by its source. */
export const library: typeof Library = await import(pathToFileURL(bundle).href);

/** The built PostgreSQL adapter (`dedicated-agent/postgres`), typed by its source; it shares chunks with `library`. */
export const postgresAdapter: typeof PostgresAdapter = await import(pathToFileURL(postgresBundle).href);

/** The built memory store (`dedicated-agent/memory`), typed by its source; it shares chunks with `library`. */
export const memoryAdapter: typeof MemoryAdapter = await import(pathToFileURL(memoryBundle).href);
