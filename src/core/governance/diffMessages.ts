import type { DiffLocaleMessages } from './diffLocaleMessages.js';
import type { DiffLocale } from './ruleSetChange.js';
import { diffMessagesEn } from './diffMessagesEn.js';
import { diffMessagesZhCn } from './diffMessagesZhCn.js';

/**
 * Every locale's wording of rule-set changes, keyed by locale (one file per
 * locale, like Zod's locales).
 *
 * @example
 * ```ts
 * diffMessages['zh-CN'].changes.rule_disabled({ rule: 'VIP' }); // '停用'
 * ```
 */
export const diffMessages: Readonly<Record<DiffLocale, DiffLocaleMessages>> = {
  en: diffMessagesEn,
  'zh-CN': diffMessagesZhCn,
};
