const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Local calendar day and hour of instants in one IANA zone, fast enough to be
 * asked once per simulated customer: `Intl` is consulted once per quarter of
 * an hour of UTC time (every zone offset in use today is a multiple of 15
 * minutes, so a quarter hour never straddles a local hour) and remembered.
 *
 * @example
 * ```ts
 * const calendar = new ZoneCalendar('Asia/Shanghai');
 * const code = calendar.dayHour(Date.parse('2026-10-01T01:30:00Z'));
 * ZoneCalendar.dayKey(ZoneCalendar.day(code)); // '2026-10-01'
 * ZoneCalendar.hour(code);                     // 9
 * ```
 */
export class ZoneCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly codes = new Map<number, number>();
  private lastBucket = Number.NaN;
  private lastCode = 0;

  /** @param timeZone - the IANA zone */
  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
    });
  }

  /** The local day as days since 1970-01-01 (of the local date), times 24, plus the local hour. */
  dayHour(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    if (bucket === this.lastBucket) return this.lastCode;
    let code = this.codes.get(bucket);
    if (code === undefined) {
      const parts: Record<string, number> = {};
      for (const part of this.format.formatToParts(bucket * QUARTER_HOUR_MS)) parts[part.type] = Number(part.value);
      code = (Date.UTC(parts.year!, parts.month! - 1, parts.day!) / DAY_MS) * 24 + parts.hour!;
      this.codes.set(bucket, code);
    }
    this.lastBucket = bucket;
    this.lastCode = code;
    return code;
  }

  /** The local day (days since 1970-01-01) of a `dayHour` code. */
  static day(code: number): number {
    return Math.floor(code / 24);
  }

  /** The local hour (0–23) of a `dayHour` code. */
  static hour(code: number): number {
    return code % 24;
  }

  /** A local day as `YYYY-MM-DD`. */
  static dayKey(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
}
