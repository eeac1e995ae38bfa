import { describe, expect, it } from 'vitest';
import { type RuleSet, type ValidationIssue, validateRuleSet } from '../../src/index.js';

/** A small valid rule set with declared fields; each test breaks one thing. */
function ruleSet(change: (rs: RuleSet) => void): RuleSet {
  const rs: RuleSet = {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: false, adminApproval: false, agentConfirmation: false },
    },
    fields: { region: 'string', level: 'number', tags: 'string[]' },
    rules: [{ id: 'r1', name: 'R1', enabled: true, when: "region == '北京'", agents: [{ id: 'a' }], order: { by: 'roundRobin' } }],
  };
  change(rs);
  return rs;
}

function issuesOf(rs: RuleSet): ValidationIssue[] {
  const result = validateRuleSet(rs);
  if (result.ok) throw new Error('expected the rule set to be invalid');
  return result.issues;
}

describe('did you mean, in validation issues', () => {
  it('suggests the zone a misspelt time zone meant, in the message and as params.suggestion', () => {
    const [issue] = issuesOf(ruleSet((rs) => (rs.timeZone = 'Asia/Shangai')));
    expect(issue).toMatchObject({ code: 'invalid_time_zone', path: ['timeZone'], params: { given: 'Asia/Shangai', suggestion: 'Asia/Shanghai' } });
    expect(issue!.message).toContain('Did you mean "Asia/Shanghai"?');
  });

  it('suggests zones in schedules too, UTC included, and nothing for a name far from every zone', () => {
    const issues = issuesOf(
      ruleSet((rs) => {
        rs.rules[0]!.schedule = { timeZone: 'Europe/Pari' };
        rs.timeZone = 'UTCC';
      }),
    );
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path.join('.'), issue.params?.suggestion]));
    expect(byPath).toEqual({ timeZone: 'UTC', 'rules.0.schedule.timeZone': 'Europe/Paris' });
    const [far] = issuesOf(ruleSet((rs) => (rs.timeZone = 'Mars/Olympus_Mons')));
    expect(far!.params).toEqual({ given: 'Mars/Olympus_Mons' });
    expect(far!.message).not.toContain('Did you mean');
  });

  it('suggests the function a misspelt call meant, for functions and methods', () => {
    const issues = issuesOf(ruleSet((rs) => (rs.rules[0]!.when = "lowr(region) == 'x' || region.startWith('x')")));
    expect(issues.map(({ code, params }) => ({ code, params }))).toEqual([
      { code: 'unknown_function', params: { name: 'lowr', suggestion: 'lower' } },
      { code: 'unknown_function', params: { name: 'startWith', suggestion: 'startsWith' } },
    ]);
    expect(issues[0]!.message).toContain('Did you mean `lower`?');
    expect(issues[1]!.message).toContain('Did you mean `.startsWith()`?');
    const [far] = issuesOf(ruleSet((rs) => (rs.rules[0]!.when = "trim(region) == 'x'")));
    expect(far!.params).toEqual({ name: 'trim' });
  });

  it('suggests the declared field a misspelt field meant, in expressions and in the structured form', () => {
    const [inExpression] = issuesOf(ruleSet((rs) => (rs.rules[0]!.when = "regoin == '北京'")));
    expect(inExpression).toMatchObject({ code: 'unknown_field', params: { field: 'regoin', suggestion: 'region' } });
    expect(inExpression!.message).toContain('did you mean `region`?');
    const [inTree] = issuesOf(ruleSet((rs) => (rs.rules[0]!.when = { field: 'levle', op: 'gte', value: 4 })));
    expect(inTree).toMatchObject({ code: 'unknown_field', path: ['rules', 0, 'when', 'field'], params: { field: 'levle', suggestion: 'level' } });
    const [far] = issuesOf(ruleSet((rs) => (rs.rules[0]!.when = "channel == 'web'")));
    expect(far!.params).toEqual({ field: 'channel' });
  });

  it('gives unknown keys their suggestion as params too', () => {
    const [issue] = issuesOf(ruleSet((rs) => Object.assign(rs.rules[0]!, { shedule: {} })));
    expect(issue).toMatchObject({ code: 'unknown_key', params: { key: 'shedule', suggestion: 'schedule' } });
  });
});
