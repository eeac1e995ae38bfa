/** The CSS of the HTML reports (`simulate --report`, `report --report`): inline, so a report is one self-contained file. */
export const REPORT_STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f7f8fa; }
main { max-width: 1010px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 6px; }
p.sub, figcaption, .note { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 20px; }
.card span { color: var(--muted); font-size: 12px; }
figure { margin: 12px 0 20px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { margin-bottom: 6px; }
svg.chart { display: block; width: 100%; height: auto; font-size: 11px; }
svg .label { fill: var(--ink); }
svg .tick, svg .note { fill: var(--muted); }
svg .value { fill: var(--ink); font-variant-numeric: tabular-nums; }
svg .flagged .value { fill: #c0392b; font-weight: 600; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .weekend { fill: #f3f4f6; }
svg .target-marker { stroke: #111; stroke-width: 2.5; }
svg .share-bar:hover .segment, svg g:hover > rect { opacity: 0.8; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 8px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 5px; }
.legend i.marker { width: 3px; background: #111; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { background: var(--accent); height: 10px; border-radius: 2px; min-width: 1px; }
code { font-size: 12px; }
td code { white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
