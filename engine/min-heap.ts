// A binary min-heap keyed by a number, ties broken by insertion order.

export class MinHeap<T> {
  private readonly keys: number[] = []
  private readonly seqs: number[] = []
  private readonly items: T[] = []
  private nextSeq = 0

  get size(): number {
    return this.items.length
  }

  push(key: number, item: T): void {
    this.keys.push(key)
    this.seqs.push(this.nextSeq++)
    this.items.push(item)
    this.up(this.items.length - 1)
  }

  peekKey(): number | undefined {
    return this.keys[0]
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined
    const top = this.items[0]
    const last = this.items.length - 1
    this.swap(0, last)
    this.keys.pop()
    this.seqs.pop()
    this.items.pop()
    if (this.items.length > 0) this.down(0)
    return top
  }

  clear(): T[] {
    const all = this.items.slice()
    this.keys.length = this.seqs.length = this.items.length = 0
    return all
  }

  private less(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.seqs[a] < this.seqs[b])
  }

  private swap(a: number, b: number): void {
    ;[this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]]
    ;[this.seqs[a], this.seqs[b]] = [this.seqs[b], this.seqs[a]]
    ;[this.items[a], this.items[b]] = [this.items[b], this.items[a]]
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      if (l < this.items.length && this.less(l, smallest)) smallest = l
      if (r < this.items.length && this.less(r, smallest)) smallest = r
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }
}
