import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Where and with what the figures were measured. */
export interface MachineInfo {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemoryMB: number;
  readonly commit: string | null;
  /** Uncommitted changes in the checkout when measured. */
  readonly dirty: boolean | null;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * Describes this machine and checkout (read-only git queries; null outside a checkout).
 *
 * @returns the machine info
 * @example
 * ```ts
 * machineInfo().cpuCount; // 2
 * ```
 */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 1_048_576),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: status === null ? null : status !== '',
  };
}
