import { describe, expect, it } from 'vitest'
import { TestBroker } from './test-broker.ts'

describe('alternate exchange', () => {
  it('receives what the exchange cannot route, with the original exchange and routing key', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.queue('routed').bind('main', 'routed', 'known').queue('unrouted').bind('ae', 'unrouted')
    b.publish('main', 'known', 'ok')
    const outcome = b.publish('main', 'unknown', 'lost', {}, true)
    expect(outcome).toMatchObject({ returned: false, queues: 1 })
    expect(b.drain('routed')).toEqual(['ok'])
    expect(b.get('unrouted', true)).toMatchObject({ body: 'lost', exchange: 'main', routingKey: 'unknown' })
  })

  it('is not used when the exchange routes the message', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.queue('q').bind('main', 'q', 'k').queue('aq').bind('ae', 'aq')
    b.publish('main', 'k', 'm')
    expect([b.depth('q'), b.depth('aq')]).toEqual([1, 0])
  })

  it('routes by its own type with the original routing key', () => {
    const b = new TestBroker()
      .exchange('ae', 'topic')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.queue('eu').bind('ae', 'eu', 'eu.#').queue('us').bind('ae', 'us', 'us.#')
    b.publish('main', 'eu.paris', 'p')
    expect([b.depth('eu'), b.depth('us')]).toEqual([1, 0])
  })

  it('a missing alternate exchange routes nowhere: the mandatory message is returned', () => {
    const b = new TestBroker().exchange('main', 'direct', { arguments: { 'alternate-exchange': 'nosuch' } })
    expect(b.publish('main', 'k', 'm', {}, true).returned).toBe(true)
    b.exchange('nosuch', 'fanout').queue('q').bind('nosuch', 'q')
    expect(b.publish('main', 'k', 'm2', {}, true).returned).toBe(false)
    expect(b.drain('q')).toEqual(['m2'])
  })

  it('an alternate exchange that matches nothing is returned when mandatory', () => {
    const b = new TestBroker()
      .exchange('ae', 'direct')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.queue('q').bind('ae', 'q', 'only-this')
    expect(b.publish('main', 'k', 'm', {}, true).returned).toBe(true)
    expect(b.returns[0]).toMatchObject({ exchange: 'main', routingKey: 'k', replyCode: 312 })
  })

  it('chains: an alternate exchange that matches nothing uses its own alternate exchange', () => {
    const b = new TestBroker().exchange('ae2', 'fanout')
    b.exchange('ae1', 'direct', { arguments: { 'alternate-exchange': 'ae2' } })
    b.exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae1' } })
    b.queue('q').bind('ae2', 'q')
    expect(b.publish('main', 'k', 'm', {}, true).returned).toBe(false)
    expect(b.get('q', true)).toMatchObject({ body: 'm', exchange: 'main', routingKey: 'k' })
  })

  it('a loop of alternate exchanges ends and the message is unroutable', () => {
    const b = new TestBroker()
    b.exchange('a', 'direct', { arguments: { 'alternate-exchange': 'b' } })
    b.exchange('b', 'direct', { arguments: { 'alternate-exchange': 'a' } })
    expect(b.publish('a', 'k', 'm', {}, true)).toMatchObject({ returned: true, queues: 0 })
    expect(b.eventTypes()).toContain('unroutable')
  })

  it('an alternate exchange that is also bound from the exchange delivers one copy', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('main', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.bindExchange('main', 'ae', 'k').queue('q').bind('ae', 'q')
    b.publish('main', 'k', 'bound-path')
    b.publish('main', 'other', 'ae-path')
    expect(b.drain('q')).toEqual(['bound-path', 'ae-path'])
  })

  it('dead letters that match nothing in the dead-letter exchange go to its alternate exchange', () => {
    const b = new TestBroker()
      .exchange('ae', 'fanout')
      .exchange('dlx', 'direct', { arguments: { 'alternate-exchange': 'ae' } })
    b.queue('aq').bind('ae', 'aq')
    b.queue('q', { 'x-dead-letter-exchange': 'dlx', 'x-dead-letter-routing-key': 'nomatch' })
    b.publish('', 'q', 'm')
    b.reject(b.get('q')!, false)
    const got = b.get('aq', true)!
    expect(got).toMatchObject({ body: 'm', exchange: 'dlx', routingKey: 'nomatch' })
    expect(got.properties.headers?.['x-first-death-reason']).toBe('rejected')
  })

  it('redeclaring compares alternate-exchange (changed or omitted gives 406) and ignores other arguments', () => {
    const b = new TestBroker().exchange('x', 'direct', { arguments: { 'alternate-exchange': 'ae1', foo: 'bar' } })
    b.expectError(() => b.exchange('x', 'direct', { arguments: { 'alternate-exchange': 'ae2', foo: 'bar' } }), 406)
    b.expectError(() => b.exchange('x', 'direct', { arguments: { foo: 'bar' } }), 406)
    b.exchange('x', 'direct', { arguments: { 'alternate-exchange': 'ae1', foo: 'baz' } })
    b.exchange('x', 'direct', { arguments: { 'alternate-exchange': 'ae1' } })
  })
})
