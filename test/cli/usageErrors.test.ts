import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { EXAMPLE, spawnCli } from './spawnCli.js';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: false } });
  return { status, stdout, stderr };
}

const rules = EXAMPLE.rules;
const simulate = ['simulate', rules, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents];

/** Every kind of misuse, for every command: [argv, the message expected after "error: "]. */
const MISUSE: [string[], string][] = [
  [['simulte'], 'unknown command "simulte", did you mean "simulate"?'],
  [['frobnicate'], 'unknown command "frobnicate"'],
  [['--bogus'], 'unknown option --bogus'],
  [['--verison'], 'unknown option --verison, did you mean --version?'],
  [['validate', rules, '--agent', EXAMPLE.agents], 'unknown option --agent, did you mean --agents?'],
  [['validate', rules, '--agents'], '--agents needs a value'],
  [['validate', rules, '--strict-mode'], 'unknown option --strict-mode'],
  [['validate', rules, '-x'], 'unknown option -x'],
  [['validate', rules, '--help=yes'], '--help takes no value'],
  [['validate'], 'missing the rule-set file: dedicated-agent validate <rules.json>'],
  [['validate', rules, '--format', 'yaml'], '--format must be "text" or "json", got "yaml"'],
  [['explain', rules, '--customer'], '--customer needs a value'],
  [['explain', rules, '--agents', EXAMPLE.agents], 'missing --customer <customer.json>'],
  [['explain', rules, '--customer', EXAMPLE.customer, '--agents', '--at', 'now'], '--agents needs a value (got the option "--at"; write --agents=--at if that is the value)'],
  [['simulate', rules, '--agents', EXAMPLE.agents], 'missing --customers <customers.jsonl>'],
  [['simulate', rules, '--customers', EXAMPLE.customers, '--agents'], '--agents needs a value'],
  [[...simulate, '--no-retry=1'], '--no-retry takes no value'],
  [[...simulate, '--changes', 'many'], '--changes must be a whole number, got "many"'],
  [[...simulate, '--compre', 'x.json'], 'unknown option --compre, did you mean --compare?'],
  [['simulate'], 'missing the rule-set file'],
  [['init', 'a', 'b'], 'init takes one directory, got 2'],
  [['init', '--frce'], 'unknown option --frce, did you mean --force?'],
  [['report', '--from', '2026-11-01T00:00Z', '--to', '2026-12-01T00:00Z'], 'give exactly one of --database <url> and --pglite <dir>'],
  [['report', '--pglite', 'data', '--database', 'postgres://db', '--from', '2026-11-01T00:00Z'], 'give exactly one of --database <url> and --pglite <dir>'],
  [['report', '--pglite', 'data', '--to', '2026-12-01T00:00Z'], 'missing --from <instant>'],
  [['report', '--pglite', 'data', '--from', '2026-11-01T00:00Z'], 'missing --to <instant>'],
  [['report', '--pglite', 'data', '--from', '2026-12-01T00:00Z', '--to', '2026-11-01T00:00Z'], '--to is before --from'],
  [['report', '--pglite', 'data', '--from', '2026-11-01T00:00Z', '--to', '2026-12-01T00:00Z', '--time-zone', 'Mars/Olympus'], '--time-zone must be an IANA zone such as Asia/Shanghai, got "Mars/Olympus"'],
  [['report', '--pglite', 'data', '--form', '2026-11-01T00:00Z'], 'unknown option --form, did you mean --from?'],
];

describe('CLI usage errors', () => {
  it.each(MISUSE)('%j: one format, exit 2, nothing on stdout', async (argv, message) => {
    const command = argv[0]!.startsWith('-') || argv[0] === 'simulte' || argv[0] === 'frobnicate' ? '' : `${argv[0]} `;
    expect(await run(argv)).toEqual({ status: 2, stdout: '', stderr: `error: ${message}\nRun "dedicated-agent ${command}--help" for usage.\n` });
  });

  it('never words an error as Node does ("Option \'--agents <value>\' argument missing")', async () => {
    for (const [argv] of MISUSE) expect((await run(argv)).stderr).not.toMatch(/Option '|argument missing|ERR_PARSE_ARGS|^error: [A-Z]/);
  });

  it('reaches the user of the real program in the same words', () => {
    const { status, stdout, stderr } = spawnCli(['simulate', rules, '--customers', EXAMPLE.customers, '--agents']);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: '', stderr: 'error: --agents needs a value\nRun "dedicated-agent simulate --help" for usage.\n' });
  });
});
