import type { ProgressStream } from './createProgressBar.js';

/** Where a command writes: `process.stdout` and `process.stderr`, or fakes in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** The environment the default language is read from (`LC_ALL`, `LC_MESSAGES`, `LANG`); absent: English. */
  env?: Readonly<Record<string, string | undefined>>;
}
