/** A position in the records' query order. */
export interface TimelineKey {
  /** `createdAt` in epoch ms. */
  ms: number;
  id: string;
}

function compareKeys(a: TimelineKey, b: TimelineKey): number {
  if (a.ms !== b.ms) return a.ms - b.ms;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Record ids sorted by creation time and id, so the newest-first record query
 * walks backwards from a cursor instead of sorting every record on every page.
 * Records mostly arrive in time order, so an insert is nearly always an append.
 *
 * @internal
 * @example
 * ```ts
 * const timeline = new RecordTimeline();
 * timeline.insert({ ms: 1, id: 'a' });
 * [...timeline.newestFirst()]; // ['a']
 * ```
 */
export class RecordTimeline {
  readonly #keys: TimelineKey[] = [];

  /**
   * Adds a record's key at its place.
   *
   * @param key - the record's creation time and id
   * @returns nothing
   */
  insert(key: TimelineKey): void {
    const keys = this.#keys;
    const last = keys[keys.length - 1];
    if (last === undefined || compareKeys(last, key) < 0) {
      keys.push(key);
      return;
    }
    keys.splice(this.#firstNotBefore(key), 0, key);
  }

  /**
   * Record ids, newest first, starting strictly after `cursor` in that order.
   *
   * @param cursor - the last key of the previous page; absent: from the newest
   * @returns the ids, lazily
   */
  *newestFirst(cursor?: TimelineKey): Generator<string> {
    const start = cursor === undefined ? this.#keys.length : this.#firstNotBefore(cursor);
    for (let index = start - 1; index >= 0; index--) yield this.#keys[index]!.id;
  }

  /** Index of the first key ≥ `key` (binary search). */
  #firstNotBefore(key: TimelineKey): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeys(this.#keys[middle]!, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
