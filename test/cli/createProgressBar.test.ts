import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/cli/createProgressBar.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) }, writes };
}

describe('createProgressBar', () => {
  it('draws nothing at all when stderr is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = createProgressBar(stream, 'simulating', () => 1000);
    bar.update(0.5, '500 customers');
    bar.done();
    expect(writes).toEqual([]);
  });

  it('redraws one line in place on a terminal, at most every 100 ms, and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    let now = 0;
    const bar = createProgressBar(stream, 'simulating', () => now);
    now = 200;
    bar.update(0.25, '250 customers');
    now = 250;
    bar.update(0.3, '300 customers');
    now = 400;
    bar.update(0.5, '500 customers');
    bar.done();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toBe(`\rsimulating ${'█'.repeat(6)}${'░'.repeat(18)}  25%  250 customers  0.2s\x1b[K`);
    expect(writes[1]).toContain(' 50%  500 customers');
    expect(writes[2]).toBe('\r\x1b[K');
  });
});
