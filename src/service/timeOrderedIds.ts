import { getRandomValues } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A generator of UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then a
 * 12-bit counter (method 1 of RFC 9562 §6.2, started at a random value each
 * millisecond, so ids of one process are strictly increasing), then 62
 * random bits. The service's default for record and notification ids:
 * unique like random UUIDs, but each new id lands at the right end of a
 * B-tree index, so PostgreSQL writes a million records into hot, ordered
 * index pages instead of random ones (a random key touches a different page
 * per row and, after each checkpoint, writes a full page image of it to the
 * WAL).
 *
 * @param now - milliseconds since the epoch (default `Date.now`)
 * @returns the generator
 * @example
 * ```ts
 * const ids = timeOrderedIds();
 * ids(); // '019af0c2-5b1e-7a3c-9f4e-2d1b0c7e8a61'
 * ```
 */
export function timeOrderedIds(now: () => number = Date.now): () => string {
  const bytes = new Uint8Array(16);
  // Random bytes drawn 4 KiB at a time: one system call per 256 ids, not one each.
  const pool = new Uint8Array(4096);
  let used = pool.length;
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(now(), lastMs);
    if (used === pool.length) {
      getRandomValues(pool);
      used = 0;
    }
    bytes.set(pool.subarray(used, used + 16));
    used += 16;
    if (ms === lastMs) {
      counter++;
      if (counter > 0xfff) {
        // 4,096 ids in one millisecond: borrow the next one (ids stay increasing).
        ms++;
        counter = bytes[6]! & 0x3ff;
      }
    } else {
      // Start low in the 12 bits, so a millisecond has room for thousands of ids.
      counter = ((bytes[6]! << 8) | bytes[7]!) & 0x3ff;
    }
    lastMs = ms;
    const high = Math.floor(ms / 0x1000000);
    const low = ms % 0x1000000;
    bytes[0] = (high >>> 16) & 0xff;
    bytes[1] = (high >>> 8) & 0xff;
    bytes[2] = high & 0xff;
    bytes[3] = (low >>> 16) & 0xff;
    bytes[4] = (low >>> 8) & 0xff;
    bytes[5] = low & 0xff;
    bytes[6] = 0x70 | (counter >>> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const h = (index: number) => HEX[bytes[index]!]!;
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  };
}
