import type { WaitingEntry } from '../types.js';
import { compareWaiting } from './compareWaiting.js';

/** A chunk holds at most this many entries: an insert or removal moves at most this many pointers. */
const CHUNK = 512;

/**
 * Waiting entries sorted by `compareWaiting`, in chunks of at most 512 (a
 * sorted list of sorted arrays): finding, inserting and removing an entry
 * cost O(log n + 512), walking them in order O(n), so a queue of 100,000
 * entries never moves the whole array for one change.
 *
 * @example
 * ```ts
 * const sorted = new SortedEntries();
 * sorted.insert(entry);
 * for (const chunk of sorted.chunks) for (const e of chunk) console.log(e.subject.id);
 * ```
 */
export class SortedEntries {
  /** The chunks in order, none empty; read them, change them only through the methods. */
  chunks: WaitingEntry[][] = [];

  /** Adds an entry that is not in the list yet. */
  insert(entry: WaitingEntry): void {
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    const c = Math.min(this.chunkOf(entry), this.chunks.length - 1);
    const chunk = this.chunks[c]!;
    chunk.splice(indexIn(chunk, entry), 0, entry);
    if (chunk.length > CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK >> 1));
  }

  /** Removes an entry that is in the list (compared by its place in the order). */
  remove(entry: WaitingEntry): void {
    const c = this.chunkOf(entry);
    const chunk = this.chunks[c]!;
    chunk.splice(indexIn(chunk, entry), 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
  }

  /** Puts `next` where `previous` is: they must have the same place in the order. */
  replace(previous: WaitingEntry, next: WaitingEntry): void {
    const chunk = this.chunks[this.chunkOf(previous)]!;
    chunk[indexIn(chunk, previous)] = next;
  }

  /** Every entry in order, as one new array. */
  toArray(): WaitingEntry[] {
    return this.chunks.flat();
  }

  /** Replaces the content with entries already in order. */
  reset(sorted: readonly WaitingEntry[]): void {
    this.chunks = [];
    for (let i = 0; i < sorted.length; i += CHUNK >> 1) this.chunks.push(sorted.slice(i, i + (CHUNK >> 1)));
  }

  /** The first chunk whose last entry is not before `entry` (the chunk count when there is none). */
  private chunkOf(entry: WaitingEntry): number {
    const chunks = this.chunks;
    let low = 0;
    let high = chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = chunks[middle]!;
      if (compareWaiting(chunk[chunk.length - 1]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function indexIn(chunk: readonly WaitingEntry[], entry: WaitingEntry): number {
  let low = 0;
  let high = chunk.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareWaiting(chunk[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
