/**
 * The scheduler's agenda: one entry per job, earliest first, so a single timer armed for `peek()`
 * serves any number of schedules. A binary min-heap plus a jobId → slot index makes push, pop,
 * reschedule and remove O(log n). Ties on `at` break by jobId so the order is deterministic.
 */
export interface FireEntry {
  at: number;
  jobId: string;
}

export class FireQueue {
  private readonly heap: FireEntry[] = [];
  private readonly slot = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  peek(): FireEntry | undefined {
    return this.heap[0];
  }

  has(jobId: string): boolean {
    return this.slot.has(jobId);
  }

  get(jobId: string): FireEntry | undefined {
    const i = this.slot.get(jobId);
    return i === undefined ? undefined : this.heap[i];
  }

  /** Adds the job, or moves it to the new time if it is already queued (one entry per job). */
  push(entry: FireEntry): void {
    const existing = this.slot.get(entry.jobId);
    const copy = { at: entry.at, jobId: entry.jobId };
    if (existing !== undefined) {
      this.heap[existing] = copy;
      this.restore(existing);
      return;
    }
    this.heap.push(copy);
    this.slot.set(copy.jobId, this.heap.length - 1);
    this.siftUp(this.heap.length - 1);
  }

  pop(): FireEntry | undefined {
    const top = this.heap[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  /** Removes the job's entry; false when it was not queued. */
  remove(jobId: string): boolean {
    const i = this.slot.get(jobId);
    if (i === undefined) return false;
    this.removeAt(i);
    return true;
  }

  clear(): void {
    this.heap.length = 0;
    this.slot.clear();
  }

  private removeAt(i: number): void {
    const last = this.heap.pop() as FireEntry;
    this.slot.delete(this.heap.length === i ? last.jobId : this.heap[i].jobId);
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.slot.set(last.jobId, i);
      this.restore(i);
    }
  }

  private restore(i: number): void {
    if (i > 0 && this.less(i, (i - 1) >> 1)) this.siftUp(i);
    else this.siftDown(i);
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.at < y.at || (x.at === y.at && x.jobId < y.jobId);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
    this.slot.set(this.heap[a].jobId, a);
    this.slot.set(this.heap[b].jobId, b);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < n && this.less(l, min)) min = l;
      if (r < n && this.less(r, min)) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }
}
