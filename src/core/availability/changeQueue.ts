/**
 * A min-heap of (instant, item): when agents next come on shift or back from
 * leave. `createAssigner` pops the due ones as `now` advances, so a decision
 * never rescans every agent's availability.
 *
 * @example
 * ```ts
 * const queue = new ChangeQueue<string>();
 * queue.push(2000, 'b'); queue.push(1000, 'a');
 * queue.popDue(1500, (item) => console.log(item)); // a
 * ```
 */
export class ChangeQueue<T> {
  private readonly at: number[] = [];
  private readonly items: T[] = [];

  /** How many changes wait. */
  get size(): number {
    return this.at.length;
  }

  /** The earliest instant queued, or null when nothing is. */
  get nextAt(): number | null {
    return this.at.length === 0 ? null : this.at[0]!;
  }

  /**
   * Schedules `item` at `epochMs`.
   *
   * @param epochMs - when the item's availability changes
   * @param item - the item (an agent)
   */
  push(epochMs: number, item: T): void {
    const { at, items } = this;
    let i = at.length;
    at.push(epochMs);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (at[parent]! <= epochMs) break;
      at[i] = at[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    at[i] = epochMs;
    items[i] = item;
  }

  /**
   * Removes every item due at or before `nowMs`, earliest first, handing each to `visit`.
   *
   * @param nowMs - the current instant
   * @param visit - called once per due item
   */
  popDue(nowMs: number, visit: (item: T) => void): void {
    while (this.at.length > 0 && this.at[0]! <= nowMs) visit(this.pop());
  }

  private pop(): T {
    const { at, items } = this;
    const top = items[0]!;
    const lastAt = at.pop()!;
    const lastItem = items.pop()!;
    const n = at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && at[right]! < at[left]! ? right : left;
        if (at[child]! >= lastAt) break;
        at[i] = at[child]!;
        items[i] = items[child]!;
        i = child;
      }
      at[i] = lastAt;
      items[i] = lastItem;
    }
    return top;
  }
}
