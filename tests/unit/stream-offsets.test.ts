// Where a stream consumer starts (x-stream-offset) and what it reads, on a manual clock.

import { describe, expect, it } from 'vitest'
import type { StreamQueue } from '../../engine/stream/stream-queue.ts'
import { parseOffsetSpec } from '../../engine/stream/offset-spec.ts'
import { PROFILES } from '../../engine/profile.ts'
import { expectError, TestBroker } from './test-broker.ts'

const STREAM = { 'x-queue-type': 'stream' }

function streamBroker(version: '3.10' | '4.0' | '4.3' = '4.3') {
  const b = new TestBroker({ version })
  b.queue('s', STREAM, { durable: true })
  return b
}

const offsets = (bodies: { properties: { headers?: Record<string, unknown> } }[]) =>
  bodies.map((d) => d.properties.headers?.['x-stream-offset'])

describe('x-stream-offset', () => {
  it('first reads the whole log, last the newest message, next (the default) only what comes after', () => {
    const b = streamBroker()
    for (const body of ['m0', 'm1', 'm2']) b.publish('', 's', body)
    const first = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'first' } })
    const last = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'last' } })
    const next = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'next' } })
    const plain = b.consume('s', { prefetch: 10 })
    expect(first.bodies()).toEqual(['m0', 'm1', 'm2'])
    expect(last.bodies()).toEqual(['m2'])
    expect(next.bodies()).toEqual([])
    b.publish('', 's', 'm3')
    expect(next.bodies()).toEqual(['m3'])
    expect(plain.bodies()).toEqual(['m3'])
    expect(offsets(first.deliveries)).toEqual([0, 1, 2, 3])
  })

  it('a numeric offset starts there; below the head it starts at the head; past the tail it waits for it', () => {
    const b = streamBroker()
    for (const body of ['m0', 'm1', 'm2']) b.publish('', 's', body)
    expect(b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 1 } }).bodies()).toEqual(['m1', 'm2'])
    expect(b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': -5 } }).bodies()).toEqual(['m0', 'm1', 'm2'])
    const ahead = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 4 } })
    b.publish('', 's', 'm3')
    expect(ahead.bodies()).toEqual([])
    b.publish('', 's', 'm4')
    expect(ahead.bodies()).toEqual(['m4'])
  })

  it('a timestamp or an interval starts at the first message appended since, on the virtual clock', () => {
    const b = streamBroker()
    b.publish('', 's', 'old')
    b.clock.advance(2 * 3600_000)
    b.publish('', 's', 'recent')
    b.clock.advance(10_000)
    const hour = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': '1h' } })
    expect(hour.bodies()).toEqual(['recent'])
    const seconds = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': '5s' } })
    expect(seconds.bodies()).toEqual([])
    const at = { '!': 'timestamp', value: 3600 } // one hour after the clock started, in seconds
    expect(b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': at } }).bodies()).toEqual(['recent'])
  })

  it('a consumer needs manual acks and a prefetch; a malformed offset is refused as the version does', () => {
    const b = streamBroker('4.0')
    expectError(() => b.consume('s', { prefetch: 10, noAck: true }), 540)
    expectError(() => b.consume('s'), 406)
    expectError(() => b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': '1x' } }), 406)
    expectError(() => b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'banana' } }), 541)
    expect(() => parseOffsetSpec('banana', PROFILES['4.3'])).toThrow(/PRECONDITION_FAILED/)
  })

  it('prefetch bounds what a consumer holds; acks let it read on; a second consumer keeps its own offset', () => {
    const b = streamBroker()
    for (const body of ['m0', 'm1', 'm2', 'm3']) b.publish('', 's', body)
    const slow = b.consume('s', { prefetch: 2, arguments: { 'x-stream-offset': 'first' } })
    expect(slow.bodies()).toEqual(['m0', 'm1'])
    b.ack(slow.deliveries[0])
    expect(slow.bodies()).toEqual(['m0', 'm1', 'm2'])
    const replay = b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'first' } })
    expect(replay.bodies()).toEqual(['m0', 'm1', 'm2', 'm3'])
    const queue = b.broker.vhosts.get('/')!.queues.get('s') as StreamQueue
    expect(queue.storedCount).toBe(4)
  })

  it('nack and reject leave the log as it is, and 3.10 refuses them with 540', () => {
    const b = streamBroker()
    b.publish('', 's', 'm0')
    const c = b.consume('s', { prefetch: 1, arguments: { 'x-stream-offset': 'first' } })
    b.nack(c.deliveries[0], { requeue: false })
    expect(b.consume('s', { prefetch: 10, arguments: { 'x-stream-offset': 'first' } }).bodies()).toEqual(['m0'])
    const old = streamBroker('3.10')
    old.publish('', 's', 'm0')
    const d = old.consume('s', { prefetch: 1, arguments: { 'x-stream-offset': 'first' } })
    expectError(() => old.reject(d.deliveries[0], true), 540)
  })

  it('basic.get and queue.purge are not implemented for streams', () => {
    const b = streamBroker()
    b.publish('', 's', 'm0')
    expectError(() => b.get('s'), 540)
    expectError(() => b.channel.queuePurge('s'), 540)
  })
})

describe('stream events', () => {
  it('each stream delivery event carries its offset, per consumer; appends are enqueued events', () => {
    const b = streamBroker()
    b.publish('', 's', 'm0')
    b.publish('', 's', 'm1')
    b.consume('s', { prefetch: 10, consumerTag: 'a', arguments: { 'x-stream-offset': 'first' } })
    b.consume('s', { prefetch: 10, consumerTag: 'b', arguments: { 'x-stream-offset': 'last' } })
    const reads = b.eventsOf('delivered').map((e) => [e.consumerTag, e.offset])
    expect(reads).toEqual([
      ['a', 0],
      ['a', 1],
      ['b', 1],
    ])
    expect(b.eventsOf('enqueued').map((e) => e.ready)).toEqual([1, 2])
  })
})
