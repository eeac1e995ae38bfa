import type { IssuePath } from './issues.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders an issue path the way a developer would write the access in
 * JavaScript: `rules[2].when`, `fields["客户 等级"]`, `<root>` for the empty
 * path.
 *
 * @param path - keys and indexes into the rule set
 * @returns the readable path
 * @example
 * ```ts
 * formatIssuePath(['rules', 2, 'schedule', 'hours', 0, 'to']); // 'rules[2].schedule.hours[0].to'
 * formatIssuePath([]); // '<root>'
 * ```
 */
export function formatIssuePath(path: Readonly<IssuePath>): string {
  if (path.length === 0) return '<root>';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (IDENTIFIER.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}
