import { escapeMarkup } from './escapeMarkup.js';
import { REPORT_STYLE } from './reportStyle.js';

/**
 * The top of a self-contained HTML report, shared by `simulate --report`
 * and `report --report`: doctype, language, viewport, title, the one style
 * sheet, and the page's heading.
 *
 * @param lang - the page's `lang`
 * @param title - the title and heading (escaped here)
 * @returns markup up to and including the `<h1>`
 * @example
 * ```ts
 * const html = `${reportPageHead('zh-CN', '分配报表')}\n<p>…</p>`;
 * ```
 */
export function reportPageHead(lang: string, title: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeMarkup(title)}</h1>`;
}
