import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cliError.js';
import { parseCommandArgs } from '../../src/cli/parseCommandArgs.js';

const OPTIONS = {
  customers: { type: 'string' },
  agents: { type: 'string' },
  'no-retry': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Pieces a user might type: real options, near misses, inline values, flags with values, positionals, dashes. */
const word = fc.oneof(
  fc.constantFrom('--customers', '--agents', '--no-retry', '--help', '-h', '--agent', '--customer', '--no-retry=1', '--help=', '--agents=x.json', '-hx', '-', '--', '--=', '-1', ''),
  fc.string({ maxLength: 8 }),
  fc.string({ maxLength: 6 }).map((s) => `--${s}`),
  fc.string({ maxLength: 3 }).map((s) => `-${s}`),
);

describe('parseCommandArgs', () => {
  it('for any argument list, returns or refuses in the one usage format: never a raw Node error', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (args) => {
        let refusal: unknown;
        try {
          const { values, positionals } = parseCommandArgs('simulate', args, OPTIONS);
          expect(Array.isArray(positionals)).toBe(true);
          if (values.agents !== undefined) expect(typeof values.agents).toBe('string');
          return;
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(CliError);
        const { message, exitCode } = refusal as CliError;
        expect(exitCode).toBe(2);
        const [what, pointer, ...rest] = message.split('\n');
        expect(rest).toEqual([]);
        expect(pointer).toBe('Run "dedicated-agent simulate --help" for usage.');
        expect(what).not.toMatch(/^[A-Z]|Option '|\.$/);
      }),
      // `--=.` once printed "unknown option --=." (a sentence-ending full stop): always tried.
      { numRuns: 2000, examples: [[['--=.']], [['--agents=x.']]] },
    );
  });
});
