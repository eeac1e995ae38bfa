/**
 * A realistic, reproducible stream of customers for `dedicated-agent
 * simulate`: one month in Asia/Shanghai time with office-hour peaks, quiet
 * nights, quieter weekends and the National Day week (1–7 October). Used by
 * `dedicated-agent init` for the starter `customers.jsonl` and by
 * `examples/generateCustomers.ts` for larger files; the same seed always
 * gives the same customers.
 */
import { seededRandom } from './seededRandom.js';

/** A generated customer, as one JSONL line holds it. */
export interface GeneratedCustomer {
  id: string;
  kind: 'customer' | 'contact';
  createdAt: string;
  fields: { region: string; level: number; tags: string[]; language: string; channel: string; product: string };
}

/** Options of `generateCustomers`. */
export interface GeneratorOptions {
  /** How many customers (default 100,000). */
  count?: number;
  /** PRNG seed (default 20261001). */
  seed?: number;
  /** The month, `YYYY-MM` (default 2026-10). */
  month?: string;
}

const HOUR_MS = 3_600_000;
/** China has one zone and no daylight saving time: wall-clock time is UTC+08:00 all year. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Relative arrivals per local hour 0–23: office-hour peaks, a small evening bump from WeChat and the app. */
const HOURLY = [0.2, 0.12, 0.08, 0.06, 0.06, 0.1, 0.25, 0.6, 1.2, 2.2, 2.8, 2.6, 1.8, 2.2, 2.7, 2.6, 2.3, 1.9, 1.4, 1.2, 1.3, 1.2, 0.8, 0.4];

const REGIONS: [string, number][] = [
  ['北京', 8], ['天津', 2], ['河北', 3], ['山西', 1], ['内蒙古', 0.5], ['辽宁', 2], ['吉林', 1], ['黑龙江', 1],
  ['上海', 9], ['江苏', 8], ['浙江', 8], ['安徽', 2], ['福建', 3], ['江西', 1], ['山东', 5],
  ['广东', 12], ['广西', 1.5], ['海南', 0.5], ['香港', 1.5], ['澳门', 0.3],
  ['湖北', 3], ['湖南', 2.5], ['河南', 3], ['四川', 4], ['重庆', 2], ['陕西', 2], ['云南', 1], ['贵州', 0.8], ['甘肃', 0.4], ['新疆', 0.4],
  ['台湾', 0.5], ['海外', 3],
];
const LEVELS: [number, number][] = [[1, 35], [2, 30], [3, 20], [4, 10], [5, 5]];
const CHANNELS: [string, number][] = [['wechat', 35], ['web', 30], ['phone', 15], ['email', 10], ['app', 10]];
const PRODUCTS: [string, number][] = [['basic', 55], ['pro', 35], ['enterprise', 10]];

function weighted<T>(table: readonly [T, number][], random: () => number): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

function dayWeight(year: number, month: number, day: number): number {
  // National Day golden week: most companies are closed, few new customers.
  if (month === 10 && day <= 7) return 0.35;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 6 ? 0.55 : weekday === 0 ? 0.4 : 1;
}

/** Arrival instants (epoch ms), sorted: each customer picks a (day, hour) slot by weight, then a second within it. */
function arrivals(count: number, year: number, month: number, random: () => number): Float64Array {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const slotStart: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let day = 1; day <= days; day++) {
    for (let hour = 0; hour < 24; hour++) {
      total += dayWeight(year, month, day) * HOURLY[hour]!;
      cumulative.push(total);
      slotStart.push(Date.UTC(year, month - 1, day, hour) - SHANGHAI_OFFSET_MS);
    }
  }
  const instants = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > r) high = mid;
      else low = mid + 1;
    }
    instants[i] = slotStart[low]! + Math.floor(random() * 3600) * 1000;
  }
  return instants.sort();
}

function shanghaiTime(ms: number): string {
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * Generates customers for one month, in createdAt order, deterministically.
 *
 * @param options - count, seed and month
 * @returns the customers, lazily
 * @example
 * ```ts
 * for (const customer of generateCustomers({ count: 3, seed: 1 })) console.log(JSON.stringify(customer));
 * ```
 */
export function* generateCustomers(options: GeneratorOptions = {}): Generator<GeneratedCustomer> {
  const count = options.count ?? 100_000;
  const [year, month] = (options.month ?? '2026-10').split('-').map(Number) as [number, number];
  const random = seededRandom(options.seed ?? 20261001);
  const instants = arrivals(count, year, month, random);
  const width = Math.max(6, String(count).length);
  for (let i = 0; i < count; i++) {
    const region = weighted(REGIONS, random);
    const level = weighted(LEVELS, random);
    const tags: string[] = [];
    if (random() < 0.04) tags.push('vip');
    if (random() < 0.06) tags.push('enterprise');
    if (random() < 0.3) tags.push('new');
    if (random() < 0.05) tags.push('churn-risk');
    const language = random() < (region === '海外' ? 0.6 : region === '香港' ? 0.15 : 0.03) ? 'en' : 'zh';
    yield {
      id: `c-${String(i + 1).padStart(width, '0')}`,
      kind: random() < 0.12 ? 'contact' : 'customer',
      createdAt: shanghaiTime(instants[i]!),
      fields: { region, level, tags, language, channel: weighted(CHANNELS, random), product: weighted(PRODUCTS, random) },
    };
  }
}
