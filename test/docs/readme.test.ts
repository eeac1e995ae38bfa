import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks, outputMatches } from './codeBlocks.js';
import { type InstalledPackage, installPackedPackage, ROOT } from './packedPackage.js';

// Every TypeScript block of the README and of docs/*.md, and every example, as
// a user meets them: against the packed package installed into a fresh project,
// type-checked under strict TypeScript with node16 and bundler resolution, and
// run (the blocks) with their shown output compared.

const REPOSITORY = 'https://github.com/dedicated-agent/dedicated-agent';

function markdownPages(): string[] {
  const pages = ['README.md'];
  const walk = (dir: string) => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) pages.push(path);
    }
  };
  walk('docs');
  return pages;
}

const pages = markdownPages();
const blocks = pages.flatMap((page) => codeBlocks(page, readFileSync(join(ROOT, page), 'utf8')));
const checked = blocks.filter((block) => block.mode.kind !== 'skip');
const runnable = checked.filter((block) => block.mode.kind === 'run' || (block.mode.kind === 'needs-env' && process.env[block.mode.name]));

/** The module specifiers a TypeScript file imports. */
function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

/** The npm package a bare specifier names, or undefined for relative, built-in and our own specifiers. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || /^dedicated-agent(\/|$)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// Examples that import only packages are checked against the installed package;
// those reaching into the repository's sources (`../src/…`) are checked in the repository.
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, code: readFileSync(join(ROOT, 'examples', name), 'utf8') }));
const examplesInRepository = examples.filter((example) => importsOf(example.code).some((specifier) => specifier.startsWith('../')));
const examplesAsUser = examples.filter((example) => !examplesInRepository.includes(example));

function snippetFile(block: CodeBlock): string {
  return `${block.page.replace(/\.md$/, '').replace(/[^\w]+/g, '-')}-L${block.line}`;
}

interface Outcome {
  code: number;
  output: string;
}

const exec = promisify(execFile);
async function tsc(args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout } = await exec(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const STRICT = { strict: true, target: 'ES2022', lib: ['ES2022'], types: ['node'], skipLibCheck: true, noEmitOnError: false };

let installed: InstalledPackage;
const typeChecks: Record<'node16' | 'bundler' | 'node10' | 'repositoryNode16', Outcome> = {
  node16: { code: -1, output: 'not run' },
  bundler: { code: -1, output: 'not run' },
  node10: { code: -1, output: 'not run' },
  repositoryNode16: { code: -1, output: 'not run' },
};

beforeAll(async () => {
  installed = await installPackedPackage();
  const { project } = installed;
  mkdirSync(join(project, 'snippets'));
  mkdirSync(join(project, 'examples'));
  for (const block of checked) {
    // `export {}` makes every snippet a module of its own (top-level await, no shared names).
    writeFileSync(join(project, 'snippets', `${snippetFile(block)}.ts`), `${block.code}\nexport {};\n`);
  }
  for (const example of examplesAsUser) writeFileSync(join(project, 'examples', example.name), example.code);

  const used = new Set(['@types/node']);
  for (const code of [...checked.map((block) => block.code), ...examplesAsUser.map((example) => example.code)]) {
    for (const name of importsOf(code).map(packageOf)) {
      if (!name) continue;
      used.add(name);
      const types = `@types/${name.replace(/^@/, '').replace('/', '__')}`;
      if (existsSync(join(ROOT, 'node_modules', types))) used.add(types);
    }
  }
  for (const name of used) installed.link(name);

  const config = (name: string, options: object) =>
    writeFileSync(join(project, name), JSON.stringify({ compilerOptions: { ...STRICT, ...options }, include: ['snippets', 'examples'] }, null, 2));
  // node16 also emits the JavaScript the blocks run as; bundler only checks.
  config('tsconfig.node16.json', { module: 'node16', moduleResolution: 'node16', outDir: 'out', rootDir: '.' });
  config('tsconfig.bundler.json', { module: 'esnext', moduleResolution: 'bundler', noEmit: true });
  // The older resolution that ignores `exports` (the subpaths' types come from `typesVersions`);
  // such projects set esModuleInterop (tsc --init does) for `import pg from 'pg'`.
  config('tsconfig.node10.json', { module: 'esnext', moduleResolution: 'node', esModuleInterop: true, noEmit: true });
  // The repository's examples under node16 (its own tsconfig already checks them with bundler resolution).
  const repositoryConfig = join(project, 'tsconfig.repository.json');
  writeFileSync(
    repositoryConfig,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: { module: 'node16', moduleResolution: 'node16', typeRoots: [join(ROOT, 'node_modules/@types')], noEmit: true },
      include: [],
      files: examplesInRepository.map((example) => join(ROOT, 'examples', example.name)),
    }),
  );
  const [node16, bundler, node10, repositoryNode16] = await Promise.all([
    tsc(['-p', 'tsconfig.node16.json'], project),
    tsc(['-p', 'tsconfig.bundler.json'], project),
    tsc(['-p', 'tsconfig.node10.json'], project),
    examplesInRepository.length > 0 ? tsc(['-p', repositoryConfig], project) : Promise.resolve({ code: 0, output: '' }),
  ]);
  Object.assign(typeChecks, { node16, bundler, node10, repositoryNode16 });
}, 600_000);

afterAll(() => installed?.cleanup());

describe('the packed package', () => {
  it('installs with nothing but jsep beside it', () => {
    expect(installed.installed.sort()).toEqual(['dedicated-agent', 'jsep']);
  });

  it('ships the built code, types, schema, README, CHANGELOG and LICENSE: no sources, source maps or unused bundles', () => {
    const paths = installed.pack.files.map((file) => file.path);
    expect(paths.filter((path) => !path.startsWith('dist/')).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(paths.filter((path) => /\.map$|^src\/|^dist\/cli\.cjs$/.test(path))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: object; bin: Record<string, string> };
    const targets = JSON.stringify(manifest.exports).match(/\.\/dist\/[^"]+/g) ?? [];
    for (const target of [...targets, ...Object.values(manifest.bin)]) expect(paths).toContain(target.replace(/^\.\//, ''));
  });

  it('loads every entry point with require and with import, with the same exported names', async () => {
    const script = `
      const entries = ['dedicated-agent', 'dedicated-agent/memory', 'dedicated-agent/postgres', 'dedicated-agent/testing'];
      const names = {};
      for (const entry of entries) {
        names[entry] = [Object.keys(require(entry)).sort(), Object.keys(await import(entry)).filter((name) => name !== 'default').sort()];
      }
      console.log(JSON.stringify(names));`;
    const { stdout } = await exec(process.execPath, ['--input-type=commonjs', '-e', `(async () => {${script}})()`], { cwd: installed.project });
    const names = JSON.parse(stdout) as Record<string, [string[], string[]]>;
    for (const [entry, [required, imported]] of Object.entries(names)) {
      expect(required.length, entry).toBeGreaterThan(0);
      expect(required, entry).toEqual(imported);
    }
    expect(names['dedicated-agent']![0]).toContain('createAssignmentService');
  });

  it('stays small: the package’s own files unpack to under 2.1 MB (the README reports the measured figures)', () => {
    expect(installed.pack.unpackedSize).toBeLessThan(2_100_000);
  });
});

describe('every TypeScript block of the documentation and every example', () => {
  it('finds the blocks and examples', () => {
    expect(checked.length).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(0);
  });

  it('type-checks under strict TypeScript with "module": "node16", "moduleResolution": "node16"', () => {
    expect(typeChecks.node16.output).toBe('');
    expect(typeChecks.node16.code).toBe(0);
  });

  it('type-checks under strict TypeScript with "module": "esnext", "moduleResolution": "bundler"', () => {
    expect(typeChecks.bundler.output).toBe('');
    expect(typeChecks.bundler.code).toBe(0);
  });

  it('type-checks under strict TypeScript with "moduleResolution": "node" (node10), which ignores `exports`', () => {
    expect(typeChecks.node10.output).toBe('');
    expect(typeChecks.node10.code).toBe(0);
  });

  it(`type-checks the examples that import the repository's sources (${examplesInRepository.map((example) => example.name).join(', ') || 'none'}) with node16 resolution`, () => {
    expect(typeChecks.repositoryNode16.output).toBe('');
    expect(typeChecks.repositoryNode16.code).toBe(0);
  });

  it.each(runnable.map((block) => [`${block.page}:${block.line}`, block] as const))('%s runs as shown', async (_, block) => {
    const file = join(installed.project, 'out', 'snippets', `${snippetFile(block)}.js`);
    let outcome: { code: number; stdout: string; stderr: string };
    try {
      const { stdout, stderr } = await exec(process.execPath, [file], { cwd: installed.project, timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });
      outcome = { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
      outcome = { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
    }
    expect(outcome.stderr && outcome.code !== 0 ? outcome.stderr : '', `${block.page}:${block.line} failed`).toBe('');
    expect(outcome.code).toBe(0);
    if (block.expectedOutput !== undefined) {
      expect(outputMatches(block.expectedOutput, outcome.stdout), `${block.page}:${block.line} printed\n${outcome.stdout}\ninstead of\n${block.expectedOutput}`).toBe(true);
    }
  }, 180_000);
});

describe('the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('links only to its own headings and to the repository, never to files the package lacks', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    expect(links.filter((link) => !link.startsWith('#') && !/^https?:\/\//.test(link))).toEqual([]);
    expect(links.filter((link) => /github\.com\/dedicated-agent/.test(link) && !link.startsWith(REPOSITORY))).toEqual([]);
    const slugs = new Set(
      [...readme.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) =>
        match[1]!
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s-]/gu, '')
          .replace(/\s/g, '-'),
      ),
    );
    expect(links.filter((link) => link.startsWith('#') && !slugs.has(link.slice(1)))).toEqual([]);
  });

  it('names no file of the repository outside a link to it', () => {
    const withoutLinks = readme.replace(/\]\([^)]*\)/g, ']').replace(new RegExp(`${REPOSITORY}\\S*`, 'g'), '');
    const paths = [...withoutLinks.matchAll(/(?<![\w./-])(?:src|examples|bench|test|docs)\/[\w./-]+/g)].map((match) => match[0]);
    expect(paths).toEqual([]);
  });

  it('links to guides that exist, so the docs test runs their blocks too', () => {
    const pagesLinked = [...readme.matchAll(new RegExp(`${REPOSITORY}/blob/main/(docs/[\\w./-]+\\.md)`, 'g'))].map((match) => match[1]!);
    for (const page of pagesLinked) expect(pages, `${page} is linked but missing`).toContain(page);
  });
});

describe('the installed command-line tool', () => {
  async function help(args: readonly string[]): Promise<string> {
    const bin = join(installed.project, 'node_modules', '.bin', 'dedicated-agent');
    const { stdout } = await exec(bin, [...args, '--help'], { cwd: installed.project, env: { ...process.env, FORCE_COLOR: '0' } });
    return stdout;
  }

  it('runs from the package’s bin, and its help cites no file of the repository outside a link to it', async () => {
    const top = await help([]);
    const commands = [...top.matchAll(/^ {2}([a-z][\w-]*)\s/gm)].map((match) => match[1]!);
    expect(commands).toContain('validate');
    for (const text of [top, ...(await Promise.all(commands.map((command) => help([command]))))]) {
      const withoutLinks = text.replace(new RegExp(`${REPOSITORY}\\S*`, 'g'), '');
      expect(withoutLinks.match(/(?<![\w./-])(?:src|examples|bench|test|docs)\/[\w./-]+|SPEC\b/g) ?? []).toEqual([]);
    }
  }, 60_000);
});
