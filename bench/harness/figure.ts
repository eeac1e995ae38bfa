/** One line of the results table and of `results.json`. */
export interface Figure {
  /** Stable key, e.g. `decision.ratio.jre`. */
  readonly id: string;
  readonly section: string;
  readonly label: string;
  /** The measured value in `unit`; null when the figure was skipped. */
  readonly value: number | null;
  /** `ops/s`, `ms`, `µs`, `MB`, `s`, `×`. */
  readonly unit: string;
  /** The goal as text (`≥ 100×`), or null when the figure is informative. */
  readonly goal: string | null;
  /** For comparisons, the ratio the goal is about. */
  readonly ratio: number | null;
  /** null: no goal, or skipped. */
  readonly pass: boolean | null;
  readonly note?: string;
}

/** What a section measured: its figures and the raw data behind them. */
export interface SectionResult {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}
