import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI is run from here, as `npx tsx src/cli/main.ts` would be. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const EXAMPLE = {
  rules: 'examples/data/rules.json',
  rulesAlt: 'examples/data/rules-alt.json',
  agents: 'examples/data/agents.json',
  customers: 'examples/data/customers.sample.jsonl',
  customer: 'examples/data/customer.json',
};

export interface CliOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dedicated-agent <args>` as a user would: a separate Node process, TypeScript through tsx. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): CliOutcome {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    // A clean environment for the child: no TTY, so no progress bar, no colours to strip, and English unless a test asks.
    env: { ...process.env, FORCE_COLOR: '0', LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory with the given files written into it; returns the directory. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dedicated-agent-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
