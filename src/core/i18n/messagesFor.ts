import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { en } from './en.js';
import type { Locale, Messages } from './messages.js';
import { zhCN } from './zhCN.js';

const CATALOGUES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Every locale the library speaks, `en` first. */
export const LOCALES = Object.keys(CATALOGUES) as Locale[];

/**
 * The message catalogue of a locale, chosen per call (never from the
 * process's locale). `undefined` gives English.
 *
 * @param locale - `'en'` or `'zh-CN'`
 * @param path - where the locale was given, for the error (default `'locale'`)
 * @returns the locale's catalogue
 * @throws InputError (`invalid_input`) for any other value
 * @example
 * ```ts
 * messagesFor('zh-CN').period.day; // '当日'
 * messagesFor('zh-CN').workflow.status.pending_confirmation; // '待客服二次确认'
 * ```
 */
export function messagesFor(locale: unknown, path = 'locale'): Messages {
  if (locale === undefined) return en;
  if (typeof locale === 'string' && Object.hasOwn(CATALOGUES, locale)) return CATALOGUES[locale as Locale];
  throw new InputError(path, LOCALES.map((name) => `"${name}"`).join(' or '), describeValue(locale));
}
