const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as wall-clock time in a zone, `YYYY-MM-DD HH:mm`, for people
 * reading CLI output and reports.
 *
 * @param instant - the instant
 * @param timeZone - an IANA zone
 * @returns the local date and time
 * @example
 * ```ts
 * formatLocalTime(new Date('2026-10-01T01:00:00Z'), 'Asia/Shanghai'); // '2026-10-01 09:00'
 * ```
 */
export function formatLocalTime(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
