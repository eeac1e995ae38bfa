/** A waiting retry: what to retry, and when. */
export interface Retry<T> {
  /** Epoch milliseconds. */
  at: number;
  item: T;
}

interface Entry<T> extends Retry<T> {
  seq: number;
}

/**
 * A min-heap of retries ordered by time, first in first out among equal
 * times (customers who arrived overnight are retried at the opening in the
 * order they arrived).
 *
 * @example
 * ```ts
 * const queue = new RetryQueue<string>();
 * queue.push(2000, 'b'); queue.push(1000, 'a');
 * queue.popDue(1500); // { at: 1000, item: 'a' }
 * queue.popDue(1500); // null
 * ```
 */
export class RetryQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Adds an item to retry at `at`. */
  push(at: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, item, seq: this.seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest retry due at or before `now`, or null. */
  popDue(now: number): Retry<T> | null {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined || top.at > now) return null;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return { at: top.at, item: top.item };
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
