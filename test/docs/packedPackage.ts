import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const run = promisify(execFile);

/** What `npm pack --json` says about the tarball. */
export interface PackInfo {
  filename: string;
  /** Bytes of the tarball. */
  size: number;
  /** Bytes of the files in it. */
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/** A user's project with the packed package installed. */
export interface InstalledPackage {
  /** The project's directory (its `node_modules` holds the package). */
  project: string;
  pack: PackInfo;
  /** The top-level packages a bare install put into `node_modules`. */
  installed: string[];
  /** Links a package of this repository's `node_modules` into the project (a peer or a tool the snippets use). */
  link(name: string): void;
  /** Removes everything it made. */
  cleanup(): void;
}

/**
 * Runs a command and returns its output; a failure carries the command's
 * standard error, which is what explains it.
 *
 * @param file - the program
 * @param args - its arguments
 * @param cwd - where it runs
 * @param timeout - milliseconds before it is killed
 * @returns its standard output
 * @example
 * ```ts
 * await runCommand('npm', ['pack', '--json'], staging);
 * ```
 */
export async function runCommand(file: string, args: readonly string[], cwd: string, timeout = 180_000): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${[file, ...args].join(' ')} failed in ${cwd}:\n${failed.stderr || failed.stdout || failed.message}`);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Builds the package into a temporary directory (the repository's `dist` is
 * left alone, as other tests may be reading it), packs it as `npm publish`
 * would, and installs the tarball into a fresh ESM project as a user would.
 * The registry is asked only when the npm cache lacks something.
 *
 * @returns the project, the pack's figures and a cleanup function
 * @example
 * ```ts
 * const installed = await installPackedPackage();
 * installed.link('@electric-sql/pglite');
 * ```
 */
export async function installPackedPackage(): Promise<InstalledPackage> {
  const base = mkdtempSync(join(tmpdir(), 'dedicated-agent-docs-'));
  const cleanup = () => rmSync(base, { recursive: true, force: true });
  try {
    const staging = join(base, 'package');
    mkdirSync(staging);
    // What `files` names besides dist, and package.json.
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) copyFileSync(join(ROOT, file), join(staging, file));
    await runCommand(process.execPath, [join(ROOT, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', join(staging, 'dist'), '--silent'], ROOT);
    const packed = JSON.parse(await runCommand(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', base], staging)) as PackInfo[];
    const pack = packed[0]!;

    const project = join(base, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'docs-test-project', private: true, type: 'module' }, null, 2)}\n`);
    const install = ['install', '--no-audit', '--no-fund', '--ignore-scripts', join(base, pack.filename)];
    try {
      await runCommand(npm, [...install, '--offline'], project);
    } catch {
      // `npm ci` caches tarballs but not the registry's metadata, which a fresh install needs.
      await runCommand(npm, [...install, '--prefer-offline'], project);
    }
    const modules = join(project, 'node_modules');
    const installed = readdirSync(modules)
      .filter((name) => !name.startsWith('.'))
      .flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]));

    const link = (name: string) => {
      const target = join(modules, name);
      if (existsSync(target)) return;
      const source = join(ROOT, 'node_modules', name);
      if (!existsSync(source)) throw new Error(`${name} is not installed in this repository, so the docs test cannot offer it to a snippet`);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(source, target, 'junction');
    };
    return { project, pack, installed, link, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
