/**
 * Reads the TypeScript code blocks of a Markdown page, with what the docs test
 * must do with each.
 *
 * A block runs as shown unless the line before its fence (blank lines aside)
 * says otherwise:
 *
 *   <!-- docs-test: no-run <reason> -->            type-checked, not run
 *   <!-- docs-test: needs-env <NAME> <reason> -->  type-checked; run only when $NAME is set
 *   <!-- docs-test: skip <reason> -->              neither (a deliberate fragment)
 *
 * A ```text block that directly follows a block (blank lines aside) is the
 * block's exact standard output; `…` in it stands for any text on that line.
 */

/** What the docs test does with a block. */
export type BlockMode = { kind: 'run' } | { kind: 'no-run' | 'skip'; reason: string } | { kind: 'needs-env'; name: string; reason: string };

/** One ```ts block of a page. */
export interface CodeBlock {
  /** The page, as given. */
  page: string;
  /** The 1-based line of the opening fence. */
  line: number;
  code: string;
  mode: BlockMode;
  /** The exact standard output the page shows for it, if any. */
  expectedOutput?: string;
}

interface Fence {
  lang: string;
  line: number;
  code: string;
  /** The last non-blank line before the opening fence. */
  before: string;
  /** Index of the fence's closing line. */
  end: number;
}

const TYPESCRIPT = new Set(['ts', 'typescript']);
const DIRECTIVE = /^<!--\s*docs-test:\s*(\S+)\s*(.*?)\s*-->$/;

function fences(lines: readonly string[]): Fence[] {
  const found: Fence[] = [];
  let before = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) {
      if (lines[i]!.trim() !== '') before = lines[i]!.trim();
      continue;
    }
    const [, indent, marker, lang] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(marker)) {
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!);
      j++;
    }
    found.push({ lang: lang.toLowerCase(), line: i + 1, code: `${body.join('\n')}\n`, before, end: j });
    before = '';
    i = j;
  }
  return found;
}

function modeOf(fence: Fence): BlockMode {
  const directive = DIRECTIVE.exec(fence.before);
  if (!directive) return { kind: 'run' };
  const [, kind, rest] = directive as unknown as [string, string, string];
  if (kind === 'no-run' || kind === 'skip') {
    if (rest === '') throw new Error(`line ${fence.line}: docs-test ${kind} needs a reason`);
    return { kind, reason: rest };
  }
  if (kind === 'needs-env') {
    const [name = '', ...reason] = rest.split(/\s+/);
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`line ${fence.line}: docs-test needs-env needs a variable name`);
    return { kind, name, reason: reason.join(' ') };
  }
  throw new Error(`line ${fence.line}: unknown docs-test directive "${kind}" (no-run, needs-env, skip)`);
}

/**
 * Every TypeScript block of a Markdown page.
 *
 * @param page - the page's name, for messages
 * @param markdown - its text
 * @returns the blocks in page order
 * @example
 * ```ts
 * codeBlocks('README.md', readFileSync('README.md', 'utf8'));
 * ```
 */
export function codeBlocks(page: string, markdown: string): CodeBlock[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const all = fences(lines);
  const blocks: CodeBlock[] = [];
  all.forEach((fence, index) => {
    if (!TYPESCRIPT.has(fence.lang)) return;
    const block: CodeBlock = { page, line: fence.line, code: fence.code, mode: modeOf(fence) };
    const next = all[index + 1];
    const between = next ? lines.slice(fence.end + 1, next.line - 1) : [];
    if (next?.lang === 'text' && between.every((line) => line.trim() === '')) block.expectedOutput = next.code;
    blocks.push(block);
  });
  return blocks;
}

/**
 * Whether a program's output is what a page shows: line by line, trailing
 * blanks ignored, `…` standing for any text within a line.
 *
 * @param expected - the page's text
 * @param actual - the program's standard output
 * @returns true when they agree
 * @example
 * ```ts
 * outputMatches('a … c\n', 'a b c\n'); // true
 * ```
 */
export function outputMatches(expected: string, actual: string): boolean {
  const lines = (text: string) => text.replace(/\r\n/g, '\n').trimEnd().split('\n').map((line) => line.trimEnd());
  const want = lines(expected);
  const got = lines(actual);
  if (want.length !== got.length) return false;
  return want.every((line, i) => {
    const pattern = line
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${pattern}$`).test(got[i]!);
  });
}
