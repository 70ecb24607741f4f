// Unacked deliveries indexed by delivery tag: tags only grow, so a window from the oldest live tag is enough,
// with O(1) set/get/delete and no hashing. Acked tags behind an old unacked one stay as holes (8 bytes each).

export class TagWindow<T extends { tag: number }> {
  private items: (T | undefined)[] = new Array(16)
  private head = 0
  private span = 0 // slots from head, live or holes
  private mask = 15
  private first = 1 // tag at head
  size = 0

  set(tag: number, value: T): void {
    if (this.size === 0) {
      this.head = 0
      this.span = 0
      this.first = tag
    }
    const offset = tag - this.first
    while (offset >= this.items.length) this.grow()
    this.items[(this.head + offset) & this.mask] = value
    this.span = offset + 1
    this.size++
  }

  get(tag: number): T | undefined {
    const offset = tag - this.first
    if (offset < 0 || offset >= this.span) return undefined
    return this.items[(this.head + offset) & this.mask]
  }

  has(tag: number): boolean {
    return this.get(tag) !== undefined
  }

  delete(tag: number): void {
    const offset = tag - this.first
    if (offset < 0 || offset >= this.span) return
    const at = (this.head + offset) & this.mask
    if (this.items[at] === undefined) return
    this.items[at] = undefined
    this.size--
    if (offset === 0) {
      while (this.span > 0 && this.items[this.head] === undefined) {
        this.head = (this.head + 1) & this.mask
        this.first++
        this.span--
      }
    }
  }

  *values(): IterableIterator<T> {
    for (let i = 0; i < this.span; i++) {
      const v = this.items[(this.head + i) & this.mask]
      if (v !== undefined) yield v
    }
  }

  clear(): void {
    this.items = new Array(16)
    this.head = this.span = this.size = 0
    this.mask = 15
  }

  private grow(): void {
    const next: (T | undefined)[] = new Array(this.items.length * 2)
    for (let i = 0; i < this.span; i++) next[i] = this.items[(this.head + i) & this.mask]
    this.items = next
    this.head = 0
    this.mask = next.length - 1
  }
}
