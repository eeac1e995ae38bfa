/** The sections of the benchmark, in the order they run. */
export const SECTIONS = ['agreement', 'decision', 'variations', 'scale', 'million', 'compile', 'latency', 'postgres', 'queue', 'stats', 'bulk'] as const;

/** A section name. */
export type SectionName = (typeof SECTIONS)[number];

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** The CI smoke run: fewer rounds, shorter batches, smaller samples. */
  readonly quick: boolean;
  /** The sections to run (all by default). */
  readonly sections: ReadonlySet<SectionName>;
  /** Where `results.json` goes. */
  readonly out: string;
}

const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--out file.json]`;

/**
 * Reads the command line.
 *
 * @param argv - the arguments after the script name
 * @param defaultOut - where results go unless `--out` says otherwise
 * @returns the options
 * @throws Error with the usage on an unknown argument or section
 * @example
 * ```ts
 * benchOptions(['--quick', '--only', 'decision,compile'], 'bench/results.json');
 * ```
 */
export function benchOptions(argv: readonly string[], defaultOut: string): BenchOptions {
  let quick = false;
  let sections: Set<SectionName> = new Set(SECTIONS);
  let out = defaultOut;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' && i + 1 < argv.length) {
      const names = argv[++i]!.split(',');
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}\n${USAGE}`);
      sections = new Set(names as SectionName[]);
    } else if (arg === '--out' && i + 1 < argv.length) out = argv[++i]!;
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { quick, sections, out };
}
