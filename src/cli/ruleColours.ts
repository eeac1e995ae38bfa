/** Colours of rules (Tableau 10), in rule order; more rules cycle with a lighter tone. */
const RULE_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Colours of unassigned reasons: warm for "closed", red for "nobody eligible". */
export const REASON_COLOURS: Record<string, string> = {
  outside_schedule: '#f28e2b',
  no_eligible_agent: '#e15759',
  no_rule_applies: '#9c755f',
  auto_disabled: '#79706e',
  already_assigned: '#bab0ac',
  pending_exists: '#d4a6c8',
};

/**
 * Gives every rule id one colour, the same in every chart and scenario of a report.
 *
 * @param ruleIds - rule ids in the order they should get colours
 * @returns the colour of a rule id
 * @example
 * ```ts
 * const colourOf = ruleColours(['holiday', 'vip', '$default']);
 * colourOf('vip'); // '#f28e2b'
 * ```
 */
export function ruleColours(ruleIds: readonly string[]): (ruleId: string) => string {
  const colours = new Map<string, string>();
  for (const id of ruleIds) {
    if (colours.has(id)) continue;
    const base = RULE_COLOURS[colours.size % RULE_COLOURS.length]!;
    colours.set(id, colours.size < RULE_COLOURS.length ? base : `${base}99`);
  }
  return (ruleId) => colours.get(ruleId) ?? '#999999';
}
