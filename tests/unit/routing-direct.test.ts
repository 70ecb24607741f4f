import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('direct exchange', () => {
  it('routes to every queue bound with exactly the routing key', () => {
    const b = new TestBroker().exchange('d').queue('q1').queue('q2').queue('q3')
    b.bind('d', 'q1', 'red').bind('d', 'q2', 'red').bind('d', 'q3', 'green')
    expect(b.publish('d', 'red', 'm').queues).toBe(2)
    expect([b.depth('q1'), b.depth('q2'), b.depth('q3')]).toEqual([1, 1, 0])
  })

  it('compares keys byte for byte: case matters and there are no wildcards', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'Key')
    b.publish('d', 'key', 'lower')
    b.publish('d', 'KEY', 'upper')
    b.publish('d', '*', 'star')
    b.publish('d', 'Key', 'exact')
    expect(b.drain('q')).toEqual(['exact'])
  })

  it('an empty binding key matches only the empty routing key', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', '')
    b.publish('d', 'x', 'x')
    b.publish('d', '', 'empty')
    expect(b.drain('q')).toEqual(['empty'])
  })

  it('a queue bound twice with the same key gets one copy; with two keys, one copy per message', () => {
    const b = new TestBroker().exchange('d').queue('q')
    b.bind('d', 'q', 'k').bind('d', 'q', 'k').bind('d', 'q', 'other')
    b.publish('d', 'k', 'a')
    b.publish('d', 'other', 'b')
    expect(b.drain('q')).toEqual(['a', 'b'])
    expect(b.eventsOf('bound')).toHaveLength(2)
  })

  it('unbinding stops the flow for that key only', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'a').bind('d', 'q', 'b')
    b.unbind('d', 'q', 'a')
    b.publish('d', 'a', 'via-a')
    b.publish('d', 'b', 'via-b')
    expect(b.drain('q')).toEqual(['via-b'])
  })

  it('the default exchange routes by queue name', () => {
    const b = new TestBroker().queue('orders')
    b.publish('', 'orders', 'm')
    b.publish('', 'Orders', 'wrong-case')
    expect(b.drain('orders')).toEqual(['m'])
  })

  it('amq.direct is pre-declared and routes like any direct exchange', () => {
    const b = new TestBroker().queue('q').bind('amq.direct', 'q', 'k')
    b.publish('amq.direct', 'k', 'm')
    expect(b.depth('q')).toBe(1)
  })

  it('an unroutable message is dropped silently, or returned with 312 NO_ROUTE when mandatory', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'k')
    const silent = b.publish('d', 'nope', 'silent')
    expect(silent).toMatchObject({ confirm: 'ack', returned: false, queues: 0 })
    expect(b.returns).toHaveLength(0)
    const loud = b.publish('d', 'nope', 'loud', {}, true)
    expect(loud).toMatchObject({ confirm: 'ack', returned: true, queues: 0 })
    expect(b.returns).toHaveLength(1)
    expect(b.returns[0]).toMatchObject({
      replyCode: 312,
      replyText: 'NO_ROUTE',
      exchange: 'd',
      routingKey: 'nope',
      body: 'loud',
    })
    expect(b.depth('q')).toBe(0)
  })

  it('a mandatory message that reaches a queue is not returned', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'k')
    expect(b.publish('d', 'k', 'm', {}, true).returned).toBe(false)
    expect(b.returns).toHaveLength(0)
  })

  it('a deleted queue no longer receives from its bindings', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'k')
    b.channel.queueDelete('q')
    expect(b.publish('d', 'k', 'm', {}, true).returned).toBe(true)
  })

  it('the delivered message carries exchange and routing key of the publish', () => {
    const b = new TestBroker().exchange('d').queue('q').bind('d', 'q', 'k')
    b.publish('d', 'k', 'm', { contentType: 'text/plain', headers: { h: 1 } })
    const got = b.get('q', true)!
    expect(got).toMatchObject({ exchange: 'd', routingKey: 'k', redelivered: false, messageCount: 0 })
    expect(got.properties).toEqual({ contentType: 'text/plain', headers: { h: 1 } })
  })
})
