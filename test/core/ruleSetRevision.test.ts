import fc from 'fast-check';
import { compileRuleSet, ruleSetRevision, validateRuleSet } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/versions/canonicalJson.js';
import { fnv1a64 } from '../../src/core/versions/fnv1a64.js';
import { ruleSetWith } from '../fixtures/ruleSetWith.js';

/** The reference: FNV-1a 64 over UTF-8 bytes with BigInt. */
function referenceFnv(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

/** The same object with its keys in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversedKeys(item)]));
}

describe('rule-set revision', () => {
  it('is the published FNV-1a 64 of the UTF-8 bytes', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference on any text, Chinese and astral characters included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => fnv1a64(text) === referenceFnv(text)));
  });

  it('does not depend on the order properties were written in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => canonicalJson(reversedKeys(value)) === canonicalJson(value)),
    );
    const ruleSet = ruleSetWith({ name: '北京客户', when: 'region == "北京"' }, { fields: { region: 'string' } });
    expect(ruleSetRevision(reversedKeys(ruleSet) as typeof ruleSet)).toBe(ruleSetRevision(ruleSet));
  });

  it('changes with any change of content: a name, a weight, the order of rules', () => {
    const base = ruleSetWith({});
    const seen = new Set([
      ruleSetRevision(base),
      ruleSetRevision(ruleSetWith({ name: 'Rule 2' })),
      ruleSetRevision(ruleSetWith({ proportional: true, agents: [{ id: 'a', weight: 2 }, { id: 'b' }] })),
      ruleSetRevision(ruleSetWith({ enabled: false })),
      ruleSetRevision({ ...base, rules: [...base.rules, { ...base.rules[0]!, id: 'r2' }] }),
      ruleSetRevision({ ...base, rules: [{ ...base.rules[0]!, id: 'r2' }, ...base.rules] }),
    ]);
    expect(seen.size).toBe(6);
  });

  it('is what compileRuleSet keeps, and validating the validated rule set again keeps it', () => {
    const ruleSet = ruleSetWith({ when: 'level >= 4' }, { fields: { level: 'number' } });
    const compiled = compileRuleSet(ruleSet);
    expect(compiled.revision).toMatch(/^[0-9a-f]{16}$/);
    expect(compiled.revision).toBe(ruleSetRevision(compiled.source));
    const again = validateRuleSet(JSON.parse(JSON.stringify(compiled.source)));
    expect(again.ok && ruleSetRevision(again.ruleSet)).toBe(compiled.revision);
  });
});
