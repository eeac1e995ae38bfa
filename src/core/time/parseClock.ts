const CLOCK = /^(\d{2}):(\d{2})$/;

/**
 * Reads a wall-clock time `"HH:mm"` (strictly two digits each) as minutes since
 * local midnight.
 *
 * `"24:00"` is accepted and gives 1440: it is only meaningful as the end of a
 * window (`hours[].to`), so callers that read a start (`hours[].from`) must
 * reject 1440 themselves — the validator does.
 *
 * @param text - the value to read; anything but a string gives null
 * @returns minutes 0..1440, or null when `text` is not a valid time
 * @example
 * ```ts
 * parseClock('08:30'); // 510
 * parseClock('24:00'); // 1440
 * parseClock('8:30');  // null (two digits required)
 * parseClock('24:01'); // null
 * ```
 */
export function parseClock(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = CLOCK.exec(text);
  if (match === null) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return 1440;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}
