/** The part of a stream a progress bar needs (`process.stderr` fits). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A progress bar: `update` as work goes on, `done` to clear it. */
export interface ProgressBar {
  /** @param fraction - 0–1 @param detail - e.g. `'120,000 customers'` */
  update(fraction: number, detail: string): void;
  /** Removes the bar, leaving the line clean for what is printed next. */
  done(): void;
}

/** Repaints at most this often, so a fast loop is not slowed by terminal writes. */
const REPAINT_MS = 100;
const BAR_WIDTH = 24;

/**
 * A one-line progress bar on a terminal, redrawn in place with `\r`. When the
 * stream is not a terminal (piped, redirected, CI logs) it prints nothing at
 * all, so scripts capturing stderr see only real messages.
 *
 * @param stream - usually `process.stderr`
 * @param label - what is in progress, e.g. `'simulating'`
 * @param clock - milliseconds now (for throttling and the elapsed time)
 * @returns the bar
 * @example
 * ```ts
 * const bar = createProgressBar(process.stderr, 'simulating');
 * bar.update(0.5, '500,000 customers');
 * bar.done();
 * ```
 */
export function createProgressBar(stream: ProgressStream, label: string, clock: () => number = Date.now): ProgressBar {
  if (stream.isTTY !== true) return { update() {}, done() {} };
  const started = clock();
  let lastPaint = Number.NEGATIVE_INFINITY;
  let painted = false;
  return {
    update(fraction, detail) {
      const now = clock();
      if (now - lastPaint < REPAINT_MS) return;
      lastPaint = now;
      const clamped = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(clamped * BAR_WIDTH);
      const seconds = ((now - started) / 1000).toFixed(1);
      const line = `${label} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${(clamped * 100).toFixed(0).padStart(3)}%  ${detail}  ${seconds}s`;
      const width = (stream.columns ?? 80) - 1;
      stream.write(`\r${line.slice(0, width)}\x1b[K`);
      painted = true;
    },
    done() {
      if (painted) stream.write('\r\x1b[K');
    },
  };
}
