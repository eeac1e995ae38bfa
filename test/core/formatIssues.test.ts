import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/core/ruleset/formatIssues.js';
import type { ValidationIssue } from '../../src/core/ruleset/issues.js';
import { validateRuleSet } from '../../src/core/ruleset/validateRuleSet.js';

function expressionIssue(expression: string, index: number): ValidationIssue {
  return { code: 'unknown_function', path: ['rules', 0, 'when'], message: 'Unknown function.', expression, index };
}

/** The expression line and the caret line of a single expression issue. */
function expressionLines(issue: ValidationIssue): { line: string; caret: string } {
  const [, line, caret] = formatIssues([issue]).split('\n');
  return { line: line!, caret: caret! };
}

describe('formatIssues', () => {
  it('renders path, message and code on one line', () => {
    const text = formatIssues([
      {
        code: 'invalid_time',
        path: ['rules', 2, 'schedule', 'hours', 0, 'to'],
        message: 'Expected a time "HH:mm" from "00:00" to "24:00", got "25:00".',
      },
    ]);
    expect(text).toBe(
      'rules[2].schedule.hours[0].to: Expected a time "HH:mm" from "00:00" to "24:00", got "25:00". [invalid_time]',
    );
  });

  it('shows <root> for the empty path and brackets for keys that are not identifiers', () => {
    const text = formatIssues([
      { code: 'invalid_type', path: [], message: 'Expected an object.' },
      { code: 'invalid_value', path: ['fields', '客户 等级'], message: 'Bad type.' },
      { code: 'invalid_duration', path: ['settings', 'pendingTimeout'], message: 'Bad duration.' },
    ]);
    expect(text.split('\n')).toEqual([
      '<root>: Expected an object. [invalid_type]',
      'fields["客户 等级"]: Bad type. [invalid_value]',
      'settings.pendingTimeout: Bad duration. [invalid_duration]',
    ]);
  });

  it('gives the empty string for no issues', () => {
    expect(formatIssues([])).toBe('');
  });

  it('draws the expression and a caret under the reported position', () => {
    const issue = expressionIssue('level >= 3 && foo(1)', 14);
    expect(formatIssues([issue])).toBe(
      `rules[0].when: Unknown function. [unknown_function]\n  level >= 3 && foo(1)\n  ${' '.repeat(14)}^`,
    );
  });

  it('puts the caret column at the index for ASCII expressions', () => {
    const expression = "region == 'north' && trim(name)";
    for (const index of [0, 5, 21, expression.length - 1]) {
      const { line, caret } = expressionLines(expressionIssue(expression, index));
      expect(caret.indexOf('^')).toBe(2 + index);
      expect(line[caret.indexOf('^')]).toBe(expression[index]);
    }
  });

  it('counts two terminal columns for each Chinese character before the caret', () => {
    // "region == '北京' && foo(1)": index 18 is the "f" of foo (北 and 京 are one UTF-16 unit each).
    const { line, caret } = expressionLines(expressionIssue("region == '北京' && foo(1)", 18));
    expect(line).toBe("  region == '北京' && foo(1)");
    expect(caret).toBe(`  ${' '.repeat(20)}^`);
  });

  it('treats an emoji (two UTF-16 units, two columns) as one character', () => {
    // "'😀' == x": the x is at UTF-16 index 8 and terminal column 8.
    const { caret } = expressionLines(expressionIssue("'😀' == x", 8));
    expect(caret).toBe(`  ${' '.repeat(8)}^`);
  });

  it('puts the caret after the last character when the index is the end of the expression', () => {
    const { caret } = expressionLines(expressionIssue("region == '北京' &&", 17));
    expect(caret).toBe(`  ${' '.repeat(19)}^`);
  });

  it('keeps a multi-line expression on one line, line breaks shown as spaces', () => {
    const { line, caret } = expressionLines(expressionIssue('level >= 3\n  && foo(1)', 16));
    expect(line).toBe('  level >= 3   && foo(1)');
    expect(caret.indexOf('^')).toBe(2 + 16);
  });

  it('shows a window around the caret for long expressions', () => {
    const expression = `${Array.from({ length: 30 }, (_, i) => `level == ${i}`).join(' || ')} || foo(1)`;
    const index = expression.indexOf('foo');
    const { line, caret } = expressionLines(expressionIssue(expression, index));
    expect(line.startsWith('  ...')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(2 + 3 + 72 + 3);
    expect(line.slice(caret.indexOf('^'), caret.indexOf('^') + 3)).toBe('foo');
  });

  it('cuts long expressions on both sides when the caret is in the middle', () => {
    const expression = `${'a'.repeat(100)}X${'b'.repeat(100)}`;
    const { line, caret } = expressionLines(expressionIssue(expression, 100));
    expect(line.startsWith('  ...a')).toBe(true);
    expect(line.endsWith('b...')).toBe(true);
    expect(line[caret.indexOf('^')]).toBe('X');
  });

  it('renders one block per issue, in order', () => {
    const text = formatIssues([
      expressionIssue('foo(1)', 0),
      { code: 'missing', path: ['timeZone'], message: 'Missing "timeZone".' },
    ]);
    expect(text.split('\n')).toEqual([
      'rules[0].when: Unknown function. [unknown_function]',
      '  foo(1)',
      '  ^',
      'timeZone: Missing "timeZone". [missing]',
    ]);
  });

  it('does not change the issues it renders', () => {
    const issues = [Object.freeze(expressionIssue("region == '北京'", 3))];
    const before = JSON.stringify(issues);
    formatIssues(issues);
    expect(JSON.stringify(issues)).toBe(before);
  });

  it('draws the caret under the offending name of a validated rule set', () => {
    const result = validateRuleSet({
      version: 1,
      timeZone: 'Asia/Shanghai',
      settings: {
        manual: { enabled: true, agentConfirmation: false },
        auto: { enabled: true, agentConfirmation: false },
        application: { enabled: false, adminApproval: true, agentConfirmation: true },
      },
      rules: [
        {
          id: 'beijing',
          name: '北京客户',
          enabled: true,
          when: "region == '北京' && trim(name) != ''",
          agents: [{ id: 'li-lei' }],
          order: { by: 'roundRobin' },
        },
      ],
    });
    if (result.ok) throw new Error('expected an unknown function');
    const [heading, line, caret] = formatIssues(result.issues).split('\n');
    expect(heading).toMatch(/^rules\[0\]\.when: .*\[unknown_function\]$/);
    expect(line).toBe("  region == '北京' && trim(name) != ''");
    // "trim" starts at UTF-16 index 18; the two Chinese characters add one column each.
    expect(caret).toBe(`  ${' '.repeat(20)}^`);
  });
});
