import type { ProgressStream } from './createProgressBar.js';

/** Where a command writes: `process.stdout` and `process.stderr`, or fakes in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
}
