import { compareWaiting } from '../../core/queue/compareWaiting.js';
import type { WaitingEntry } from '../../core/types.js';
import type { WaitingPosition } from '../waitingCursor.js';
import { subjectKey } from './subjectKey.js';

/**
 * The memory store's waiting queue: entries by subject, and the same entries
 * kept sorted in queue order (`compareWaiting`), so a page is a binary search
 * and a slice — draining 100,000 entries page by page never re-sorts them.
 *
 * @internal
 * @example
 * ```ts
 * const index = new WaitingIndex();
 * index.put(entry);
 * index.after(null).next().value; // the head
 * ```
 */
export class WaitingIndex {
  readonly #bySubject = new Map<string, WaitingEntry>();
  readonly #ordered: WaitingEntry[] = [];

  /** How many subjects wait. */
  get size(): number {
    return this.#ordered.length;
  }

  /**
   * The entry of a subject.
   *
   * @param key - `subjectKey` of the subject
   * @returns its entry, or undefined when it does not wait
   */
  get(key: string): WaitingEntry | undefined {
    return this.#bySubject.get(key);
  }

  /**
   * Adds or replaces a subject's entry, keeping the order.
   *
   * @param entry - the entry (kept as given: pass a copy)
   * @returns nothing
   */
  put(entry: WaitingEntry): void {
    const key = subjectKey(entry.subject);
    this.delete(key);
    this.#bySubject.set(key, entry);
    this.#ordered.splice(this.#firstAfter(entry, true), 0, entry);
  }

  /**
   * Removes a subject's entry, if any.
   *
   * @param key - `subjectKey` of the subject
   * @returns nothing
   */
  delete(key: string): void {
    const entry = this.#bySubject.get(key);
    if (entry === undefined) return;
    this.#bySubject.delete(key);
    this.#ordered.splice(this.#firstAfter(entry, true), 1);
  }

  /**
   * The entries after a position, in queue order (the stored objects: do
   * not change them, nor the index while iterating).
   *
   * @param position - the last entry of the previous page, or null for the head
   * @returns the entries from there on
   */
  *after(position: WaitingPosition | null): Generator<WaitingEntry> {
    const ordered = this.#ordered;
    for (let index = position === null ? 0 : this.#firstAfter(position, false); index < ordered.length; index++) yield ordered[index]!;
  }

  /** The index of the first entry at (`inclusive`) or after the position. */
  #firstAfter(position: WaitingPosition, inclusive: boolean): number {
    let low = 0;
    let high = this.#ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = compareWaiting(this.#ordered[middle]!, position);
      if (order < 0 || (!inclusive && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
