import type { Locale } from '../../index.js';
import { cliEn } from './cliEn.js';
import type { CliMessages } from './cliMessages.js';
import { cliZhCN } from './cliZhCN.js';

const CATALOGUES: Record<Locale, CliMessages> = { en: cliEn, 'zh-CN': cliZhCN };

/**
 * The CLI's texts in a locale.
 *
 * @param locale - `'en'` or `'zh-CN'`
 * @returns the catalogue
 * @example
 * ```ts
 * cliMessagesFor('zh-CN').errorPrefix; // '错误：'
 * ```
 */
export function cliMessagesFor(locale: Locale): CliMessages {
  return CATALOGUES[locale];
}
