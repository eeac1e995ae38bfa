import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of the installed `dedicated-agent` package, read at run time
 * from its `package.json`: the nearest one named `dedicated-agent` above this
 * file. The same lookup works from `dist/` in an installed package (npm always
 * ships `package.json`) and from `src/cli/` in a checkout, and it always tells
 * the version npm installed, even for a build made before a version bump.
 *
 * @param from - where to start looking (default: this module's own file)
 * @returns the version, e.g. `'0.1.0'`
 * @throws Error when no such `package.json` is found (a broken installation)
 * @example
 * ```ts
 * io.stdout.write(`${packageVersion()}\n`);
 * ```
 */
export function packageVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const found = readManifest(join(dir, 'package.json'));
    if (found?.name === 'dedicated-agent' && typeof found.version === 'string') return found.version;
    if (dirname(dir) === dir) throw new Error(`no package.json of dedicated-agent above ${from}`);
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    // No file here (or not JSON): keep walking up.
    return null;
  }
}
