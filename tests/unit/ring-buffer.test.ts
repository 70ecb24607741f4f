import { describe, expect, it } from 'vitest'
import { RingBuffer } from '../../engine/ring-buffer.ts'

const contents = <T>(ring: RingBuffer<T>) => [...ring]

describe('RingBuffer', () => {
  it('is a FIFO: push at the back, shift from the front', () => {
    const ring = new RingBuffer<number>()
    expect(ring.shift()).toBeUndefined()
    expect(ring.peek()).toBeUndefined()
    ring.push(1)
    ring.push(2)
    ring.push(3)
    expect(ring.length).toBe(3)
    expect(ring.peek()).toBe(1)
    expect([ring.shift(), ring.shift()]).toEqual([1, 2])
    expect(ring.length).toBe(1)
    expect(contents(ring)).toEqual([3])
  })

  it('grows past its initial capacity and keeps the order', () => {
    const ring = new RingBuffer<number>(8)
    for (let i = 0; i < 1000; i++) ring.push(i)
    expect(ring.length).toBe(1000)
    expect(contents(ring)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
    expect(ring.at(999)).toBe(999)
    expect(ring.at(1000)).toBeUndefined()
    expect(ring.at(-1)).toBeUndefined()
  })

  it('wraps around the end of its storage', () => {
    const ring = new RingBuffer<number>(8)
    let next = 0
    let expected = 0
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 5; i++) ring.push(next++)
      for (let i = 0; i < 5; i++) expect(ring.shift()).toBe(expected++)
    }
    expect(ring.length).toBe(0)
  })

  it('grows correctly while wrapped', () => {
    const ring = new RingBuffer<number>(8)
    for (let i = 0; i < 6; i++) ring.push(i)
    for (let i = 0; i < 4; i++) ring.shift()
    for (let i = 6; i < 20; i++) ring.push(i) // head is mid-storage when it grows
    expect(contents(ring)).toEqual(Array.from({ length: 16 }, (_, i) => i + 4))
    expect(ring.at(0)).toBe(4)
  })

  it('unshift puts an item at the front, also when full', () => {
    const ring = new RingBuffer<number>(8)
    for (let i = 1; i <= 8; i++) ring.push(i)
    ring.unshift(0)
    expect(contents(ring)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('insertBefore inserts before the first item matching, or at the end', () => {
    const ring = new RingBuffer<number>()
    for (const n of [10, 20, 30, 40]) ring.push(n)
    ring.insertBefore(25, (x) => x > 25)
    ring.insertBefore(5, (x) => x > 5)
    ring.insertBefore(45, (x) => x > 45)
    expect(contents(ring)).toEqual([5, 10, 20, 25, 30, 40, 45])
    ring.insertBefore(1, () => false)
    expect(ring.at(ring.length - 1)).toBe(1)
  })

  it('insertBefore works when the contents wrap and when it must grow', () => {
    const ring = new RingBuffer<number>(8)
    for (let i = 0; i < 6; i++) ring.push(i * 10)
    for (let i = 0; i < 5; i++) ring.shift() // [50], head near the end
    for (const n of [60, 70, 80, 90, 100, 110]) ring.push(n) // wraps
    ring.insertBefore(85, (x) => x > 85)
    expect(contents(ring)).toEqual([50, 60, 70, 80, 85, 90, 100, 110])
    ring.insertBefore(55, (x) => x > 55) // full: grows first
    expect(contents(ring)).toEqual([50, 55, 60, 70, 80, 85, 90, 100, 110])
    expect(ring.length).toBe(9)
  })

  it('insertBefore into an empty ring', () => {
    const ring = new RingBuffer<string>()
    ring.insertBefore('a', () => true)
    expect(contents(ring)).toEqual(['a'])
  })

  it('keeps sequence order when requeued items are inserted by sequence number', () => {
    const ring = new RingBuffer<number>(8)
    for (const seq of [3, 6, 7, 9]) ring.push(seq)
    for (const seq of [8, 1, 5, 2, 4]) ring.insertBefore(seq, (x) => x > seq)
    expect(contents(ring)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('drain returns everything in order and leaves an empty, reusable ring', () => {
    const ring = new RingBuffer<number>(8)
    for (let i = 0; i < 12; i++) ring.push(i)
    ring.shift()
    expect(ring.drain()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(ring.length).toBe(0)
    expect(ring.shift()).toBeUndefined()
    expect(ring.drain()).toEqual([])
    for (let i = 0; i < 20; i++) ring.push(i)
    expect(contents(ring)).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })
})
