// Metrics: events into per-second buckets by queue, depth sampled, a bounded history.

import { describe, expect, it } from 'vitest'
import { closeSecond, countEvents, totalSeries, type Counts, type QueueSeries } from '../../app/store/metrics.ts'
import { TestBroker } from './test-broker.ts'

describe('metrics buckets', () => {
  it('counts publishes, deliveries, redeliveries, acks and dead-letters per queue', () => {
    const b = new TestBroker()
      .exchange('dlx', 'fanout')
      .queue('work', { 'x-dead-letter-exchange': 'dlx' })
      .queue('dead')
      .bind('dlx', 'dead')
    b.publish('', 'work', 'a')
    b.publish('', 'work', 'b')
    const c = b.consume('work', { prefetch: 1 })
    b.nack(c.deliveries[0], { requeue: true })
    b.ack(c.deliveries[1])
    b.reject(c.deliveries[2], false)
    const counts = new Map<string, Counts>()
    countEvents(b.events, counts)
    expect(counts.get('work')).toEqual({
      publish: 2,
      deliver: 3,
      ack: 1,
      redeliver: 1,
      deadLetter: 1,
      expire: 0,
      drop: 0,
    })
    expect(counts.get('dead')?.publish).toBe(1)
  })

  it('counts as published the messages handed straight to a waiting consumer', () => {
    const b = new TestBroker().queue('live')
    const c = b.consume('live', { prefetch: 10 })
    b.publish('', 'live', 'a')
    b.publish('', 'live', 'b')
    b.publish('', 'live', 'c')
    expect(c.deliveries).toHaveLength(3)
    const counts = new Map<string, Counts>()
    countEvents(b.events, counts)
    expect(counts.get('live')).toMatchObject({ publish: 3, deliver: 3 })
  })

  it('closes a second per queue with its depth, trims to the history length and forgets deleted queues', () => {
    const series = new Map<string, QueueSeries>()
    const counts = new Map<string, Counts>()
    for (let sec = 0; sec < 8; sec++) {
      counts.set('a', { publish: sec, deliver: 0, ack: 0, redeliver: 0, deadLetter: 0, expire: 0, drop: 0 })
      closeSecond(series, counts, 1000 + sec, { a: { ready: sec, unacked: 1 }, b: { ready: 2, unacked: 0 } }, 5)
      expect(counts.size).toBe(0)
    }
    const a = series.get('a')!
    expect(a.t).toEqual([1003, 1004, 1005, 1006, 1007])
    expect(a.publish).toEqual([3, 4, 5, 6, 7])
    expect(a.ready).toEqual([3, 4, 5, 6, 7])
    expect(series.get('b')!.publish).toEqual([0, 0, 0, 0, 0])
    expect(totalSeries(series).ready).toEqual([5, 6, 7, 8, 9])
    closeSecond(series, counts, 1008, { b: { ready: 0, unacked: 0 } }, 5)
    expect([...series.keys()]).toEqual(['b'])
  })
})
