/**
 * The `report` command's texts for people, keyed by code with their values
 * as parameters, so they can move into the message catalogues (`core/i18n/`)
 * as they are; English for now.
 */
export const REPORT_MESSAGES = {
  no_schema: (p: { source: string; schema: string }) =>
    `${p.source} has no dedicated-agent schema "${p.schema}": no assignment records, nothing to report.`,
  old_schema: (p: { source: string; schema: string; version: number }) =>
    `${p.source}: schema "${p.schema}" is at version ${p.version}, without statistics; upgrade it (createPostgresStore(…).migrate()) first.`,
  no_records: (p: { from: string; to: string; source: string }) => `No assignment records created from ${p.from} to ${p.to} in ${p.source}.`,
  title: (p: { from: string; to: string }) => `Assignment report, ${p.from} – ${p.to}`,
  summary: (p: { records: number; agents: number; timeZone: string }) =>
    `${p.records.toLocaleString('en-US')} records for ${p.agents.toLocaleString('en-US')} agents (days and hours in ${p.timeZone})`,
  agents_heading: () => 'Per agent',
  rules_heading: () => 'Per rule: share of automatic assignments against the share the weights ask for',
  days_heading: () => 'Records per day',
  hours_heading: () => 'Records per hour of the day',
  report_written: (p: { path: string }) => `report written to ${p.path}`,
  unknown_rule: () => '(not in the rule set)',
} as const;

/** A code of the `report` command's texts. */
export type ReportMessageCode = keyof typeof REPORT_MESSAGES;
