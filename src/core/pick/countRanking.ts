/**
 * An indexed min-heap of a rule's participants ordered by (key, position):
 * the order in which a count-based rule prefers them. `createAssigner` keeps
 * one per count-ordered rule and updates only the agents whose counts change,
 * so a decision costs O(log n) instead of a scan of every participant.
  *
 * @example
 * ```ts
 * const ranking = new CountRanking(3);
 * ranking.set(0, 2); ranking.set(1, 1); ranking.set(2, 1);
 * ranking.first(() => true);        // 1 (smallest key, then position)
 * ranking.first((p) => p !== 1);    // 2
 * ```
 */
export class CountRanking {
  /** Participant positions in heap order. */
  private readonly heap: Int32Array;
  /** Where each position sits in `heap`; -1 when absent. */
  private readonly slot: Int32Array;
  /** The key of each position. */
  private readonly keys: Float64Array;
  private size = 0;

  /**
   * @param participants - how many participants the rule has
   */
  constructor(participants: number) {
    this.heap = new Int32Array(participants);
    this.slot = new Int32Array(participants).fill(-1);
    this.keys = new Float64Array(participants);
  }

  /**
   * Inserts a participant or changes its key.
   *
   * @param position - the participant's position in the rule
   * @param key - its ordering key (`count / weight`)
   */
  set(position: number, key: number): void {
    this.keys[position] = key;
    let at = this.slot[position]!;
    if (at < 0) {
      at = this.size++;
      this.heap[at] = position;
      this.slot[position] = at;
    }
    this.siftDown(this.siftUp(at));
  }

  /**
   * Replaces the whole ranking at once (O(n), cheaper than n `set`s): after a
   * period roll-over every key changes.
   *
   * @param keyOf - each position's key, or null to leave it out
   */
  rebuild(keyOf: (position: number) => number | null): void {
    this.slot.fill(-1);
    this.size = 0;
    for (let position = 0; position < this.slot.length; position++) {
      const key = keyOf(position);
      if (key === null) continue;
      this.keys[position] = key;
      this.heap[this.size] = position;
      this.slot[position] = this.size++;
    }
    for (let at = (this.size >> 1) - 1; at >= 0; at--) this.siftDown(at);
  }

  /**
   * The key a participant is ranked by.
   *
   * @param position - a participant in the ranking
   * @returns its key
   */
  keyAt(position: number): number {
    return this.keys[position]!;
  }

  /**
   * Takes a participant out (e.g. it became ineligible for every subject).
   *
   * @param position - the participant's position in the rule
   */
  remove(position: number): void {
    const at = this.slot[position]!;
    if (at < 0) return;
    const last = --this.size;
    if (at !== last) {
      this.swap(at, last);
      this.siftDown(this.siftUp(at));
    }
    this.slot[position] = -1;
  }

  /**
   * The first participant, in (key, position) order, that `accept` takes;
   * -1 when it takes none. Visits participants lazily, so when the best one
   * is eligible (the usual case) this is O(1).
   *
   * @param accept - eligibility of a participant position
   * @returns the position, or -1
   */
  first(accept: (position: number) => boolean): number {
    if (this.size === 0) return -1;
    if (accept(this.heap[0]!)) return this.heap[0]!;
    // A frontier of heap slots whose parents were refused, itself a min-heap.
    const frontier: number[] = [];
    this.pushChildren(frontier, 0);
    while (frontier.length > 0) {
      const at = this.popFrontier(frontier);
      const position = this.heap[at]!;
      if (accept(position)) return position;
      this.pushChildren(frontier, at);
    }
    return -1;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(at: number): number {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(heap[at]!, heap[parent]!)) break;
      this.swap(at, parent);
      at = parent;
    }
    return at;
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.less(heap[right]!, heap[left]!) ? right : left;
      if (!this.less(heap[child]!, heap[at]!)) return;
      this.swap(at, child);
      at = child;
    }
  }

  private swap(a: number, b: number): void {
    const heap = this.heap;
    const pa = heap[a]!;
    const pb = heap[b]!;
    heap[a] = pb;
    heap[b] = pa;
    this.slot[pb] = a;
    this.slot[pa] = b;
  }

  private pushChildren(frontier: number[], at: number): void {
    for (const child of [2 * at + 1, 2 * at + 2]) {
      if (child >= this.size) continue;
      frontier.push(child);
      let i = frontier.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.less(this.heap[frontier[i]!]!, this.heap[frontier[parent]!]!)) break;
        [frontier[i], frontier[parent]] = [frontier[parent]!, frontier[i]!];
        i = parent;
      }
    }
  }

  private popFrontier(frontier: number[]): number {
    const top = frontier[0]!;
    const last = frontier.pop()!;
    if (frontier.length > 0) {
      frontier[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= frontier.length) break;
        const right = left + 1;
        const child =
          right < frontier.length && this.less(this.heap[frontier[right]!]!, this.heap[frontier[left]!]!) ? right : left;
        if (!this.less(this.heap[frontier[child]!]!, this.heap[frontier[i]!]!)) break;
        [frontier[i], frontier[child]] = [frontier[child]!, frontier[i]!];
        i = child;
      }
    }
    return top;
  }
}
