import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('exchange-to-exchange bindings', () => {
  it('a message flows through a chain of exchanges, each applying its own type', () => {
    const b = new TestBroker().exchange('in', 'direct').exchange('logs', 'topic').queue('errors')
    b.bindExchange('in', 'logs', 'app.error').bind('logs', 'errors', '*.error')
    b.publish('in', 'app.error', 'boom')
    b.publish('in', 'app.info', 'fine')
    const got = b.get('errors', true)!
    expect(got).toMatchObject({ body: 'boom', exchange: 'in', routingKey: 'app.error', messageCount: 0 })
  })

  it('a loop x1 -> x2 -> x1 ends, and each queue gets one copy', () => {
    const b = new TestBroker().exchange('x1', 'fanout').exchange('x2', 'fanout').queue('q1').queue('q2')
    b.bindExchange('x1', 'x2').bindExchange('x2', 'x1').bind('x1', 'q1').bind('x2', 'q2')
    const outcome = b.publish('x2', 'k', 'm', {}, true)
    expect(outcome).toMatchObject({ returned: false, queues: 2 })
    expect([b.depth('q1'), b.depth('q2')]).toEqual([1, 1])
  })

  it('a self-binding does not loop', () => {
    const b = new TestBroker().exchange('x', 'fanout').queue('q')
    b.bindExchange('x', 'x').bind('x', 'q')
    b.publish('x', '', 'm')
    expect(b.depth('q')).toBe(1)
  })

  it('a queue reachable through two paths gets one copy', () => {
    const b = new TestBroker().exchange('x1', 'fanout').exchange('x2', 'fanout').exchange('x3', 'fanout').queue('q')
    b.bindExchange('x1', 'x2').bindExchange('x1', 'x3').bind('x2', 'q').bind('x3', 'q')
    expect(b.publish('x1', '', 'm').queues).toBe(1)
    expect(b.depth('q')).toBe(1)
  })

  it('a diamond of topic exchanges delivers one copy even when both paths match', () => {
    const b = new TestBroker().exchange('top', 'topic').exchange('left', 'topic').exchange('right', 'topic').queue('q')
    b.bindExchange('top', 'left', 'a.*').bindExchange('top', 'right', '*.b')
    b.bind('left', 'q', '#').bind('right', 'q', '#')
    b.publish('top', 'a.b', 'both')
    b.publish('top', 'a.c', 'left-only')
    expect(b.drain('q')).toEqual(['both', 'left-only'])
  })

  it('the alternate exchange of an inner exchange is used when that exchange matches nothing', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('inner', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.exchange('outer', 'fanout').bindExchange('outer', 'inner').queue('q').bind('ae', 'q')
    const outcome = b.publish('outer', 'k', 'm', {}, true)
    expect(outcome.returned).toBe(false)
    expect(b.get('q', true)).toMatchObject({ body: 'm', exchange: 'outer', routingKey: 'k' })
  })

  it('a source whose only match is a binding to an empty exchange does not use its alternate exchange', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.exchange('empty', 'fanout').bindExchange('main', 'empty', 'k').queue('q').bind('ae', 'q')
    expect(b.publish('main', 'k', 'm', {}, true).returned).toBe(true)
    expect(b.publish('main', 'other', 'm2', {}, true).returned).toBe(false)
    expect(b.drain('q')).toEqual(['m2'])
  })

  it('an internal exchange refuses publishes (403) but takes messages from another exchange', () => {
    const b = new TestBroker().exchange('xi', 'fanout', { internal: true }).queue('q').bind('xi', 'q')
    b.expectError(() => b.publish('xi', 'k', 'direct'), 403)
    b.exchange('x1', 'direct').bindExchange('x1', 'xi', 'k')
    b.publish('x1', 'k', 'via-e2e')
    expect(b.drain('q')).toEqual(['via-e2e'])
  })

  it('binding to or from a missing exchange is 404', () => {
    const b = new TestBroker().exchange('x', 'fanout')
    b.expectError(() => b.bindExchange('nosuch', 'x'), 404)
    b.expectError(() => b.bindExchange('x', 'nosuch'), 404)
    b.bindExchange('amq.fanout', 'x')
  })

  it('exchange.unbind stops the flow', () => {
    const b = new TestBroker().exchange('x1', 'fanout').exchange('x2', 'fanout').queue('q')
    b.bindExchange('x1', 'x2').bind('x2', 'q')
    b.channel.exchangeUnbind('x2', 'x1', '')
    expect(b.publish('x1', '', 'm', {}, true).returned).toBe(true)
  })

  it('removing an e2e binding deletes an auto-delete source, not an auto-delete destination', () => {
    const b = new TestBroker()
      .exchange('src', 'fanout', { autoDelete: true })
      .exchange('dst', 'fanout', { autoDelete: true })
    b.bindExchange('src', 'dst')
    b.channel.exchangeUnbind('dst', 'src', '')
    expect(b.exchangeExists('dst')).toBe(true)
    expect(b.exchangeExists('src')).toBe(false)
  })

  it('delete if-unused looks only at bindings where the exchange is the source', () => {
    const b = new TestBroker().exchange('x1', 'fanout').exchange('x2', 'fanout').bindExchange('x1', 'x2')
    b.expectError(() => b.channel.exchangeDelete('x1', true), 406)
    b.channel.exchangeDelete('x2', true)
    expect(b.exchangeExists('x2')).toBe(false)
    b.channel.exchangeDelete('x1', true)
    expect(b.exchangeExists('x1')).toBe(false)
  })
})
