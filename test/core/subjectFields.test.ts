import { assignCustomer, explain } from 'dedicated-agent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSubjectFields } from '../../src/core/ruleset/checkSubjectFields.js';
import type { FieldType } from '../../src/core/ruleset/types.js';
import { seedAgents, seedRuleSet } from '../fixtures/seedRuleSet.js';

const WEEKDAY_10AM = '2026-11-25T10:00:00+08:00';
const DECLARED: Record<string, FieldType> = { level: 'number', region: 'string' };

describe('checkSubjectFields: where the data contradicts the declared fields', () => {
  it('finds a wrong type, an undeclared near name and a missing field, as codes and params', () => {
    expect(checkSubjectFields(DECLARED, { level: '4', regoin: '北京' })).toEqual([
      { code: 'wrong_type', field: 'level', params: { declared: 'number', actual: 'string', value: '"4"' } },
      { code: 'undeclared_field', field: 'regoin', params: { suggestion: 'region' } },
      { code: 'missing_field', field: 'region', params: { declared: 'string' } },
    ]);
  });

  it('finds nothing when the data agrees, or when the rule set declares no fields', () => {
    const declared: Record<string, FieldType> = {
      level: 'number',
      region: 'string',
      vip: 'boolean',
      since: 'date',
      tags: 'string[]',
      scores: 'number[]',
    };
    const agreeing = { level: 4, region: '北京', vip: false, since: '2026-03-01T09:30:00+08:00', tags: ['a'], scores: [] };
    expect(checkSubjectFields(declared, agreeing)).toEqual([]);
    expect(checkSubjectFields(declared, { ...agreeing, since: new Date('2026-03-01T00:00:00Z') })).toEqual([]);
    expect(checkSubjectFields(undefined, { anything: 'goes' })).toEqual([]);
  });

  it('reads values as conditions do: null and NaN are missing, a Date is its ISO string', () => {
    expect(checkSubjectFields(DECLARED, { level: null, region: Number.NaN }).map((f) => `${f.code}:${f.field}`)).toEqual([
      'missing_field:level',
      'missing_field:region',
    ]);
    expect(checkSubjectFields({ region: 'string' }, { region: new Date(0) })).toEqual([]);
  });

  it('names the kind of a wrong value and quotes only scalars, cut at 40 characters', () => {
    const declared: Record<string, FieldType> = { a: 'string[]', b: 'number', c: 'date', d: 'string', e: 'number[]', f: 'number' };
    const findings = checkSubjectFields(declared, { a: [1, 2], b: { n: 1 }, c: 'yesterday', d: 123, e: [1, 'x'], f: 'x'.repeat(100) });
    expect(findings.map((finding) => finding.params)).toEqual([
      { declared: 'string[]', actual: 'number[]', value: null },
      { declared: 'number', actual: 'object', value: null },
      { declared: 'date', actual: 'string', value: '"yesterday"' },
      { declared: 'string', actual: 'number', value: '123' },
      { declared: 'number[]', actual: 'array', value: null },
      { declared: 'number', actual: 'string', value: `"${'x'.repeat(39)}…"` },
    ]);
  });

  it('suggests nothing for a name far from every declared one, and ignores inherited properties', () => {
    const fields = Object.create({ level: 3 }) as Record<string, unknown>;
    fields.colour = 'red';
    expect(checkSubjectFields(DECLARED, fields)).toEqual([
      { code: 'undeclared_field', field: 'colour', params: { suggestion: null } },
      { code: 'missing_field', field: 'level', params: { declared: 'number' } },
      { code: 'missing_field', field: 'region', params: { declared: 'string' } },
    ]);
  });

  it('property: a field is reported at most once, and only fields of the subject or the declaration are named', () => {
    const type = fc.constantFrom<FieldType>('string', 'number', 'boolean', 'date', 'string[]', 'number[]');
    const value = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.integer())), fc.object());
    const name = fc.constantFrom('level', 'levle', 'region', 'regoin', 'tags', 'x', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.dictionary(name, type), fc.dictionary(name, value), (declared, fields) => {
        const findings = checkSubjectFields(declared, fields);
        const named = findings.map((finding) => finding.field);
        return (
          new Set(named).size === named.length &&
          named.every((field) => Object.hasOwn(declared, field) || Object.hasOwn(fields, field)) &&
          JSON.parse(JSON.stringify(findings)).length === findings.length
        );
      }),
    );
  });
});

describe('explain lists contradicting data before the rule verdicts', () => {
  const decide = (fields: Record<string, unknown>) =>
    assignCustomer({ ruleSet: seedRuleSet(), subject: { id: 'c-1', fields }, agents: seedAgents(), now: WEEKDAY_10AM });

  it('says why conditions fail for { level: "4", regoin: "北京" }', () => {
    const result = decide({ level: '4', regoin: '北京', tags: [] });
    expect(result.fieldFindings.map((finding) => finding.code)).toEqual(['wrong_type', 'undeclared_field', 'missing_field']);
    const lines = explain(result).split('\n');
    expect(lines.slice(1, 5)).toEqual([
      "The customer's data does not match the declared fields:",
      '  - level is "4" (a string), but the rule set declares a number.',
      '  - regoin is not a declared field — did you mean region?',
      '  - missing, so conditions read it as null: region (a string).',
    ]);
    expect(lines[5]).toMatch(/^1\. /);
  });

  it('adds nothing when the data agrees with the declaration', () => {
    const result = decide({ level: 4, region: '北京', tags: [] });
    expect(result.fieldFindings).toEqual([]);
    expect(explain(result)).not.toContain('declared fields');
    expect(explain(result).split('\n')[1]).toMatch(/^1\. /);
  });

  it('carries the findings in the result JSON, also for decisions that evaluate no rule', () => {
    const result = decide({ level: 'high' });
    expect(JSON.parse(JSON.stringify(result)).fieldFindings).toEqual(JSON.parse(JSON.stringify(result.fieldFindings)));
    const already = assignCustomer({ ruleSet: seedRuleSet(), subject: { id: 'c-1', agentId: 'wang-wu', fields: { levle: 3 } }, agents: seedAgents(), now: WEEKDAY_10AM });
    expect(already.reason).toBe('already_assigned');
    expect(already.fieldFindings[0]).toEqual({ code: 'undeclared_field', field: 'levle', params: { suggestion: 'level' } });
  });
});
