import { describe, expect, it } from 'vitest'
import type { BrokerEvent } from '../../engine/events'
import { EventRing, matchesFilter, messageJourney } from '../../app/sim/event-ring'

const enq = (messageId: number, queue: string, at = 0): BrokerEvent => ({
  type: 'enqueued',
  at,
  vhost: '/',
  messageId,
  queue,
  ready: 1,
})

describe('EventRing', () => {
  it('keeps only the last capacity events, oldest first', () => {
    const r = new EventRing(3)
    r.push([enq(1, 'a'), enq(2, 'a'), enq(3, 'a'), enq(4, 'a'), enq(5, 'a')])
    expect(r.size).toBe(3)
    expect(r.toArray().map((e) => ('messageId' in e ? e.messageId : 0))).toEqual([3, 4, 5])
  })
  it('holds still while paused', () => {
    const r = new EventRing(10)
    r.push([enq(1, 'a')])
    r.paused = true
    r.push([enq(2, 'a')])
    r.paused = false
    r.push([enq(3, 'a')])
    expect(r.toArray().map((e) => ('messageId' in e ? e.messageId : 0))).toEqual([1, 3])
  })
  it('filters by entity and type', () => {
    const e = enq(1, 'orders')
    expect(matchesFilter(e, { entity: 'ORD' })).toBe(true)
    expect(matchesFilter(e, { entity: 'pay' })).toBe(false)
    expect(matchesFilter(e, { types: new Set(['acked']) })).toBe(false)
    expect(matchesFilter(e, { types: new Set(['enqueued']) })).toBe(true)
  })
  it('follows dead-lettered copies in a journey', () => {
    const dl: BrokerEvent = {
      type: 'deadLettered',
      at: 2,
      vhost: '/',
      messageId: 1,
      newMessageId: 9,
      queue: 'q',
      reason: 'rejected',
      exchange: 'dlx',
      routingKey: 'k',
    }
    const j = messageJourney([enq(1, 'q'), enq(2, 'q'), dl, enq(9, 'dead')], 1)
    expect(j.map((e) => e.type)).toEqual(['enqueued', 'deadLettered', 'enqueued'])
  })
})
