// A growable circular deque: O(1) at both ends, so deep queues never pay Array.shift's O(n).

export class RingBuffer<T> {
  private items: (T | undefined)[]
  private head = 0
  private count = 0
  private mask: number

  constructor(initialCapacity = 16) {
    let capacity = 8
    while (capacity < initialCapacity) capacity *= 2
    this.items = new Array(capacity)
    this.mask = capacity - 1
  }

  get length(): number {
    return this.count
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow()
    this.items[(this.head + this.count) & this.mask] = item
    this.count++
  }

  unshift(item: T): void {
    if (this.count === this.items.length) this.grow()
    this.head = (this.head - 1) & this.mask
    this.items[this.head] = item
    this.count++
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined
    const item = this.items[this.head]
    this.items[this.head] = undefined
    this.head = (this.head + 1) & this.mask
    this.count--
    return item
  }

  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head]
  }

  at(index: number): T | undefined {
    return index < 0 || index >= this.count ? undefined : this.items[(this.head + index) & this.mask]
  }

  /** Inserts before the first item for which `before(existing)` is true; shifts only the items ahead of it. */
  insertBefore(item: T, before: (existing: T) => boolean): void {
    let index = 0
    while (index < this.count && !before(this.items[(this.head + index) & this.mask] as T)) index++
    if (index === this.count) return this.push(item)
    this.unshift(item)
    for (let i = 0; i < index; i++) {
      const a = (this.head + i) & this.mask
      const b = (this.head + i + 1) & this.mask
      const swap = this.items[a]
      this.items[a] = this.items[b]
      this.items[b] = swap
    }
  }

  /** Removes every item and returns them in order. */
  drain(): T[] {
    const out: T[] = new Array(this.count)
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.head + i) & this.mask] as T
    this.items = new Array(8)
    this.mask = 7
    this.head = 0
    this.count = 0
    return out
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.head + i) & this.mask] as T
  }

  private grow(): void {
    const capacity = this.items.length * 2
    const next: (T | undefined)[] = new Array(capacity)
    for (let i = 0; i < this.count; i++) next[i] = this.items[(this.head + i) & this.mask]
    this.items = next
    this.head = 0
    this.mask = capacity - 1
  }
}
