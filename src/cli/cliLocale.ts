import type { Locale } from '../index.js';
import { CliError, EXIT_USAGE } from './cliError.js';

/** The environment variables the CLI reads its default language from. */
export type LocaleEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The language of the CLI's output, and the arguments without `--lang`:
 * `--lang zh-CN|en` (or `--lang=…`) anywhere before a `--`, else the
 * environment as POSIX programs read it — the first of `LC_ALL`, `LC_MESSAGES`
 * and `LANG` that is set — where `zh_CN.UTF-8`, `zh_CN` or `zh-CN` (any
 * Chinese locale) gives zh-CN and anything else English. Only the CLI reads
 * the environment; the library always takes the locale as an argument.
 *
 * @param argv - the program's arguments
 * @param env - the environment, e.g. `process.env`
 * @returns the locale and the remaining arguments
 * @throws CliError (exit 2) for a `--lang` that is neither (`cliLocale([], env)` gives the language to say it in)
 * @example
 * ```ts
 * cliLocale(['validate', 'rules.json', '--lang', 'zh-CN'], {}); // { locale: 'zh-CN', argv: ['validate', 'rules.json'] }
 * cliLocale(['validate', 'rules.json'], { LANG: 'zh_CN.UTF-8' }); // { locale: 'zh-CN', argv: ['validate', 'rules.json'] }
 * ```
 */
export function cliLocale(argv: readonly string[], env: LocaleEnvironment): { locale: Locale; argv: string[] } {
  const fromEnv = environmentLocale(env);
  const rest: string[] = [];
  let chosen: Locale | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
    if (value === undefined) throw new CliError({ key: 'needs_value', params: { option: '--lang', given: null, inline: null } }, EXIT_USAGE, null);
    if (value !== 'en' && value !== 'zh-CN') throw new CliError({ key: 'bad_lang', params: { value } }, EXIT_USAGE, null);
    chosen = value;
  }
  return { locale: chosen ?? fromEnv, argv: rest };
}

function environmentLocale(env: LocaleEnvironment): Locale {
  // POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty value counts as unset.
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return tag !== undefined && /^zh([_-]|$)/i.test(tag) ? 'zh-CN' : 'en';
}
