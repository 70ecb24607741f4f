import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('fanout exchange', () => {
  it('copies every message to every bound queue, whatever the routing key', () => {
    const b = new TestBroker().exchange('f', 'fanout').queue('q1').queue('q2')
    b.bind('f', 'q1', 'ignored').bind('f', 'q2')
    b.publish('f', 'anything', 'm1')
    b.publish('f', '', 'm2')
    expect(b.drain('q1')).toEqual(['m1', 'm2'])
    expect(b.drain('q2')).toEqual(['m1', 'm2'])
  })

  it('a queue bound with two binding keys still gets one copy', () => {
    const b = new TestBroker().exchange('f', 'fanout').queue('q').bind('f', 'q', 'a').bind('f', 'q', 'b')
    expect(b.publish('f', 'x', 'm').queues).toBe(1)
    expect(b.depth('q')).toBe(1)
  })

  it('unbinding one of two bindings keeps the queue attached; unbinding both detaches it', () => {
    const b = new TestBroker().exchange('f', 'fanout').queue('q').bind('f', 'q', 'a').bind('f', 'q', 'b')
    b.unbind('f', 'q', 'a')
    b.publish('f', 'x', 'still')
    b.unbind('f', 'q', 'b')
    b.publish('f', 'x', 'gone')
    expect(b.drain('q')).toEqual(['still'])
  })

  it('without bindings nothing is routed', () => {
    const b = new TestBroker().exchange('f', 'fanout')
    expect(b.publish('f', 'k', 'm', {}, true)).toMatchObject({ returned: true, queues: 0 })
  })

  it('amq.fanout is pre-declared', () => {
    const b = new TestBroker().queue('q').bind('amq.fanout', 'q')
    b.publish('amq.fanout', 'k', 'm')
    expect(b.depth('q')).toBe(1)
  })

  it('each queue keeps its own copy: acking in one queue leaves the other untouched', () => {
    const b = new TestBroker().exchange('f', 'fanout').queue('q1').queue('q2').bind('f', 'q1').bind('f', 'q2')
    b.publish('f', '', 'm')
    const got = b.get('q1')!
    b.ack(got)
    expect(b.depth('q1')).toBe(0)
    expect(b.depth('q2')).toBe(1)
    expect(b.get('q2')!.messageId).toBe(got.messageId)
  })
})
