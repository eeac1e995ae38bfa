import { describe, expect, it } from 'vitest';
import { codeBlocks, outputMatches } from './codeBlocks.js';

const page = [
  '# Title', //                                   1
  '',
  '```ts', //                                     3
  "console.log('hi');",
  '```',
  '',
  '```text',
  'hi',
  '```',
  '',
  '<!-- docs-test: no-run it needs a server -->', // 11
  '',
  '```typescript', //                             13
  'await connect();',
  '```',
  '',
  '<!-- docs-test: needs-env PG_URL a server -->',
  '```ts', //                                     18
  'await pg();',
  '```',
  '<!-- docs-test: skip a fragment -->',
  '```ts', //                                     22
  'x;',
  '```',
  '```sh', //                                     25
  'npm test',
  '```',
  '```ts', //                                     28
  'a();',
  '```',
  'Some prose.',
  '```text',
  'not its output',
  '```',
].join('\n');

describe('codeBlocks', () => {
  const blocks = codeBlocks('PAGE.md', page);

  it('finds every ts and typescript block with its line, and no other language', () => {
    expect(blocks.map((block) => block.line)).toEqual([3, 13, 18, 22, 28]);
    expect(blocks[0]!.code).toBe("console.log('hi');\n");
  });

  it('reads the docs-test line before a block (blank lines aside); without one the block runs', () => {
    expect(blocks.map((block) => block.mode)).toEqual([
      { kind: 'run' },
      { kind: 'no-run', reason: 'it needs a server' },
      { kind: 'needs-env', name: 'PG_URL', reason: 'a server' },
      { kind: 'skip', reason: 'a fragment' },
      { kind: 'run' },
    ]);
  });

  it('takes a text block as the expected output only when it directly follows', () => {
    expect(blocks.map((block) => block.expectedOutput)).toEqual(['hi\n', undefined, undefined, undefined, undefined]);
  });

  it('refuses unknown directives and directives without a reason, naming the line', () => {
    expect(() => codeBlocks('P.md', '<!-- docs-test: norun x -->\n```ts\nx;\n```')).toThrow(/line 2: unknown docs-test directive "norun"/);
    expect(() => codeBlocks('P.md', '<!-- docs-test: skip -->\n```ts\nx;\n```')).toThrow(/line 2: docs-test skip needs a reason/);
  });
});

describe('outputMatches', () => {
  it('compares line by line, ignoring trailing blanks', () => {
    expect(outputMatches('a\nb\n', 'a  \nb\n\n')).toBe(true);
    expect(outputMatches('a\nb\n', 'a\nc\n')).toBe(false);
    expect(outputMatches('a\n', 'a\nb\n')).toBe(false);
  });

  it('lets … stand for any text within one line, and nothing else act as a pattern', () => {
    expect(outputMatches('keys: id, … [unknown_key]', 'keys: id, name, when. [unknown_key]')).toBe(true);
    expect(outputMatches('keys: id, … [unknown_key]', 'keys: name [unknown_key]')).toBe(false);
    expect(outputMatches('a.b (c)', 'aXb (c)')).toBe(false);
  });
});
