import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('priority queues (x-max-priority)', () => {
  it('delivers higher priorities first, FIFO within a priority', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 10 })
    b.publish('', 'q', 'low-1', { priority: 1 })
    b.publish('', 'q', 'high-1', { priority: 8 })
    b.publish('', 'q', 'mid', { priority: 4 })
    b.publish('', 'q', 'high-2', { priority: 8 })
    b.publish('', 'q', 'low-2', { priority: 1 })
    expect(b.drain('q')).toEqual(['high-1', 'high-2', 'mid', 'low-1', 'low-2'])
  })

  it('a consumer attached after publishing receives in priority order', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 10 })
    b.publish('', 'q', 'low', { priority: 1 })
    b.publish('', 'q', 'high', { priority: 8 })
    b.publish('', 'q', 'mid', { priority: 4 })
    const c = b.consume('q', { prefetch: 10 })
    expect(c.bodies()).toEqual(['high', 'mid', 'low'])
  })

  it('a message without priority counts as priority 0', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 5 })
    b.publish('', 'q', 'none')
    b.publish('', 'q', 'p1', { priority: 1 })
    b.publish('', 'q', 'p0', { priority: 0 })
    expect(b.drain('q')).toEqual(['p1', 'none', 'p0'])
  })

  it('a priority above the maximum is treated as the maximum and keeps its property', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 5 })
    b.publish('', 'q', 'p1', { priority: 1 })
    b.publish('', 'q', 'p5', { priority: 5 })
    b.publish('', 'q', 'p9', { priority: 9 })
    const first = b.get('q', true)!
    expect(first.body).toBe('p5')
    const second = b.get('q', true)!
    expect(second.body).toBe('p9')
    expect(second.properties.priority).toBe(9)
    expect(b.get('q', true)!.body).toBe('p1')
  })

  it('a requeued message goes back into its priority level, ahead of newer messages of that level', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 10 })
    b.publish('', 'q', 'low', { priority: 1 })
    b.publish('', 'q', 'high', { priority: 8 })
    const high = b.get('q')!
    b.publish('', 'q', 'mid', { priority: 5 })
    b.publish('', 'q', 'high-2', { priority: 8 })
    b.nack(high, { requeue: true })
    const again = b.get('q', true)!
    expect(again).toMatchObject({ body: 'high', redelivered: true })
    expect(b.drain('q')).toEqual(['high-2', 'mid', 'low'])
  })

  it('priority is ignored by a queue without x-max-priority, but the property is kept', () => {
    const b = new TestBroker().queue('q')
    b.publish('', 'q', 'p1', { priority: 1 })
    b.publish('', 'q', 'p9', { priority: 9 })
    const got = b.get('q', true)!
    expect(got.body).toBe('p1')
    expect(got.properties.priority).toBe(1)
  })

  it('x-max-priority must be between 0 and 255', () => {
    const b = new TestBroker()
    b.expectError(() => b.queue('q1', { 'x-max-priority': 256 }), 406)
    b.expectError(() => b.queue('q2', { 'x-max-priority': -1 }), 406)
    b.queue('q3', { 'x-max-priority': 255 }).queue('q4', { 'x-max-priority': 0 })
    expect(b.exists('q1')).toBe(false)
    expect(b.exists('q3')).toBe(true)
  })

  it('x-max-priority 0 keeps plain FIFO order', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 0 })
    b.publish('', 'q', 'a', { priority: 5 })
    b.publish('', 'q', 'b', { priority: 9 })
    b.publish('', 'q', 'c')
    expect(b.drain('q')).toEqual(['a', 'b', 'c'])
  })

  it('the priority order holds for messages that expire at the heads of their levels', () => {
    const b = new TestBroker().queue('q', { 'x-max-priority': 10 })
    b.publish('', 'q', 'low', { priority: 1 })
    b.publish('', 'q', 'high-short', { priority: 9, expiration: '100' })
    b.publish('', 'q', 'high', { priority: 9 })
    b.clock.advance(100)
    expect(b.drain('q')).toEqual(['high', 'low'])
  })
})
