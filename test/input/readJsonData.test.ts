import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readAgents } from '../../src/core/input/readAgents.js';
import { readJsonData } from '../../src/core/input/readJsonData.js';
import { textProblem } from '../../src/core/input/textProblem.js';

const LIMITS = { depth: 32, size: 65_536 };

describe('readJsonData', () => {
  it('property: every JSON value within the limits is accepted and read as the same data', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        // JSON.parse never yields -0, lone surrogates come only from fc's full unicode: normalise as JSON would.
        const data = JSON.parse(JSON.stringify(value)) as unknown;
        const wellFormed = (text: string) => textProblem(text, Number.POSITIVE_INFINITY) === null;
        fc.pre(wellFormed(JSON.stringify(data)) && !JSON.stringify(data).includes('\\u0000') && !Object.is(data, -0));
        expect(readJsonData(data, 'fields', LIMITS)).toEqual(data);
      }),
    );
  });

  it('property: a non-finite number anywhere is refused, naming its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY), fc.nat(5), (bad, depth) => {
        let value: unknown = { level: bad };
        let path = 'fields.level';
        for (let i = 0; i < depth; i++) {
          value = { inner: [value] };
          path = path.replace(/^fields/, 'fields.inner[0]');
        }
        try {
          readJsonData(value, 'fields', LIMITS);
          return false;
        } catch (error) {
          return error instanceof InputError && error.path === path;
        }
      }),
    );
  });

  it('returns plain data as it is and copies only what holds a changed value', () => {
    const plain = { region: '北京', tags: ['vip'] };
    expect(readJsonData(plain, 'fields', LIMITS)).toBe(plain);
    const dated = { since: new Date(0), tags: ['vip'], gone: undefined };
    const read = readJsonData(dated, 'fields', LIMITS) as Record<string, unknown>;
    expect(read).toEqual({ since: '1970-01-01T00:00:00.000Z', tags: ['vip'] });
    expect(read.tags).toBe(dated.tags);
  });

  it('refuses 10,000-deep nesting without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { deep };
    expect(() => readJsonData(deep, 'fields', LIMITS)).toThrow(/nesting deeper than 32 levels/);
  });

  it('keeps an own "__proto__" key a plain key of the copy', () => {
    const value = JSON.parse('{"__proto__": {"admin": true}, "at": 1}') as Record<string, unknown>;
    value.when = new Date(0);
    const read = readJsonData(value, 'fields', LIMITS) as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.hasOwn(read, '__proto__')).toBe(true);
  });
});

describe('readAgents', () => {
  it('refuses a repeated id naming both positions', () => {
    expect(() => readAgents([{ id: 'a' }, { id: 'x' }, { id: 'b' }, { id: 'c' }, { id: 'x' }], 'agents', true)).toThrow(
      'agents[1].id and agents[4].id are both "x"',
    );
  });

  it('accepts shifts, leave and caps as JSON data for now', () => {
    const [agent] = readAgents([{ id: 'a', schedule: { weekdays: [1, 2] }, leave: [{ from: '2026-10-01', to: '2026-10-07' }], maxAssigned: { day: 5 } }], 'agents', true);
    expect(agent).toMatchObject({ schedule: { weekdays: [1, 2] }, maxAssigned: { day: 5 } });
  });
});
