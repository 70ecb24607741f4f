// A stream's append-only log: messages by offset in segments. Retention drops whole segments from the head,
// never the segment being written (osiris); offsets keep counting from where they were.

import type { Message } from '../model.ts'

/** One segment as the UI draws it. */
export interface SegmentInfo {
  first: number // offset of its first message
  end: number // offset after its last message
  bytes: number
  lastAppendedAt: number // broker ms
}

export class StreamLog {
  private messages: (Message | undefined)[] = []
  private appendedAt: number[] = []
  private base = 0 // offset of messages[0]
  private head = 0 // index of the first retained message
  /** Segment starts (offsets), ascending; the last one is being written. */
  private segmentStarts: number[] = [0]
  private segmentBytes: number[] = [0]
  bytes = 0

  constructor(readonly maxSegmentBytes: number) {}

  /** Offset of the oldest message kept. */
  get first(): number {
    return this.base + this.head
  }

  /** The offset the next message will get. */
  get tail(): number {
    return this.base + this.messages.length
  }

  get length(): number {
    return this.messages.length - this.head
  }

  get segmentCount(): number {
    return this.segmentStarts.length
  }

  /** Appends and returns the message's offset; a full segment is closed first. */
  append(message: Message, now: number): number {
    const last = this.segmentStarts.length - 1
    if (this.segmentBytes[last] >= this.maxSegmentBytes && this.segmentStarts[last] < this.tail) {
      this.segmentStarts.push(this.tail)
      this.segmentBytes.push(0)
    }
    const offset = this.tail
    this.messages.push(message)
    this.appendedAt.push(now)
    this.segmentBytes[this.segmentBytes.length - 1] += message.size
    this.bytes += message.size
    return offset
  }

  /** A closed segment waits for retention: true right after append() started a new one. */
  get rolled(): boolean {
    const last = this.segmentStarts.length - 1
    return last > 0 && this.segmentStarts[last] === this.tail - 1
  }

  messageAt(offset: number): Message | undefined {
    const index = offset - this.base
    return index >= this.head ? this.messages[index] : undefined
  }

  appendedAtOffset(offset: number): number {
    return this.appendedAt[offset - this.base]
  }

  /** The first offset appended at or after `at`, or the tail when none was. */
  firstAtOrAfter(at: number): number {
    let lo = this.head
    let hi = this.messages.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.appendedAt[mid] < at) lo = mid + 1
      else hi = mid
    }
    return this.base + lo
  }

  /** When the oldest closed segment's newest message was appended; Infinity with a single segment. */
  oldestClosedSegmentLastAppend(): number {
    if (this.segmentStarts.length < 2) return Infinity
    return this.appendedAt[this.segmentStarts[1] - 1 - this.base]
  }

  /**
   * Drops closed segments from the head while the log holds more than `maxBytes`, or while a segment's newest
   * message is older than `cutoff`. Returns the messages removed, oldest first.
   */
  truncate(maxBytes: number | undefined, cutoff: number | undefined): Message[] {
    const removed: Message[] = []
    while (this.segmentStarts.length > 1) {
      const overSize = maxBytes !== undefined && this.bytes > maxBytes
      const tooOld = cutoff !== undefined && this.oldestClosedSegmentLastAppend() < cutoff
      if (!overSize && !tooOld) break
      const end = this.segmentStarts[1]
      for (let offset = this.first; offset < end; offset++) {
        const index = offset - this.base
        removed.push(this.messages[index]!)
        this.messages[index] = undefined
      }
      this.head = end - this.base
      this.bytes -= this.segmentBytes[0]
      this.segmentStarts.shift()
      this.segmentBytes.shift()
    }
    if (this.head > 1024 && this.head * 2 > this.messages.length) this.compact()
    return removed
  }

  private compact(): void {
    this.messages = this.messages.slice(this.head)
    this.appendedAt = this.appendedAt.slice(this.head)
    this.base += this.head
    this.head = 0
  }

  /** Puts back a message read from disk at its own offset; the first one sets where the log starts. */
  restore(offset: number, message: Message, appendedAt: number): void {
    if (this.messages.length === 0) {
      this.base = offset
      this.head = 0
      this.segmentStarts = [offset]
    }
    while (this.tail < offset) {
      this.messages.push(undefined)
      this.appendedAt.push(appendedAt)
    }
    this.append(message, appendedAt)
  }

  segments(): SegmentInfo[] {
    const out: SegmentInfo[] = []
    for (let i = 0; i < this.segmentStarts.length; i++) {
      const end = i + 1 < this.segmentStarts.length ? this.segmentStarts[i + 1] : this.tail
      out.push({
        first: this.segmentStarts[i],
        end,
        bytes: this.segmentBytes[i],
        lastAppendedAt: end > this.segmentStarts[i] ? this.appendedAt[end - 1 - this.base] : 0,
      })
    }
    return out
  }
}
