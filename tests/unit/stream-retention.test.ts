// Stream retention: whole segments leave the head by size (x-max-length-bytes) or age (x-max-age), on a manual clock.

import { describe, expect, it } from 'vitest'
import { StreamLog } from '../../engine/stream/stream-log.ts'
import type { StreamQueue } from '../../engine/stream/stream-queue.ts'
import type { Message } from '../../engine/model.ts'
import { TestBroker } from './test-broker.ts'

const message = (id: number, size: number): Message => ({
  id,
  exchange: '',
  routingKey: 's',
  routingKeys: null,
  body: 'x'.repeat(size),
  size,
  properties: {},
  persistent: false,
})

function stream(b: TestBroker, args: Record<string, string | number>) {
  b.queue('s', { 'x-queue-type': 'stream', ...args }, { durable: true })
  return b.broker.vhosts.get('/')!.queues.get('s') as StreamQueue
}

describe('the stream log', () => {
  it('closes a segment once it reaches x-stream-max-segment-size-bytes', () => {
    const log = new StreamLog(100)
    for (let i = 0; i < 5; i++) log.append(message(i, 40), 0)
    expect(log.segments().map((s) => [s.first, s.end, s.bytes])).toEqual([
      [0, 3, 120],
      [3, 5, 80],
    ])
  })

  it('truncation drops whole closed segments, never the one being written, and offsets keep counting', () => {
    const log = new StreamLog(100)
    for (let i = 0; i < 9; i++) log.append(message(i, 50), 0)
    const removed = log.truncate(150, undefined)
    expect(removed.map((m) => m.id)).toEqual([0, 1, 2, 3, 4, 5])
    expect(log.first).toBe(6)
    expect(log.tail).toBe(9)
    expect(log.truncate(0, undefined).map((m) => m.id)).toEqual([6, 7])
    expect(log.first).toBe(8)
    expect(log.messageAt(7)).toBeUndefined()
  })
})

describe('retention of a stream queue', () => {
  it('x-max-length-bytes drops the oldest segments when a segment rolls; a reader from first starts after them', () => {
    const b = new TestBroker({ version: '4.3' })
    const q = stream(b, { 'x-max-length-bytes': 100, 'x-stream-max-segment-size-bytes': 50 })
    for (let i = 0; i < 8; i++) b.publish('', 's', `m${i}-${'x'.repeat(20)}`)
    expect(q.log.first).toBeGreaterThan(0)
    expect(q.log.bytes).toBeLessThanOrEqual(100 + 50)
    const reader = b.consume('s', { prefetch: 100, arguments: { 'x-stream-offset': 'first' } })
    expect(reader.deliveries[0].properties.headers?.['x-stream-offset']).toBe(q.log.first)
    const removed = b.eventsOf('segmentsRemoved')
    expect(removed.length).toBeGreaterThan(0)
    expect(removed[0].firstOffset).toBe(0)
  })

  it('x-max-age drops closed segments once their newest message is older, on the virtual clock alone', () => {
    const b = new TestBroker({ version: '4.3' })
    const q = stream(b, { 'x-max-age': '10s', 'x-stream-max-segment-size-bytes': 1 })
    b.publish('', 's', 'a')
    b.clock.advance(2_000)
    b.publish('', 's', 'b')
    b.clock.advance(3_000)
    b.publish('', 's', 'c')
    expect(q.log.first).toBe(0)
    b.clock.advance(5_001)
    expect(q.log.first).toBe(1) // 'a' is over 10 s old, 'b' not yet
    b.clock.advance(60_000)
    expect(q.log.first).toBe(2) // 'b' went too; 'c', in the segment being written, stays
    expect(q.storedCount).toBe(1)
  })
})
