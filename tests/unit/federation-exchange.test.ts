// A federated exchange: what the link declares upstream, binding propagation, x-received-from, max-hops,
// and messages waiting in the upstream queue while the link is cut.

import { describe, expect, it } from 'vitest'
import { TestDesign } from './design-harness.ts'

function federated() {
  const t = new TestDesign()
  t.channel('a').exchangeDeclare({ exchange: 'fx', type: 'topic', durable: true, arguments: {} })
  t.channel('b').exchangeDeclare({ exchange: 'fx', type: 'topic', durable: true, arguments: {} })
  t.queue('b', 'q')
  t.channel('b').queueBind('q', 'fx', 'a.*', {})
  t.parameter('b', 'federation-upstream', 'up', { uri: 'amqp://a', 'reconnect-delay': 1 })
  t.policy('b', 'fed', '^fx$', 'exchanges', { 'federation-upstream-set': 'all' })
  return t.settle()
}

describe('federated exchange', () => {
  it('declares the upstream exchange and queue as the plugin names them', () => {
    const t = federated()
    const vhost = t.broker('a').vhosts.get('/')
    expect(vhost?.queues.has('federation: fx -> rabbit@b')).toBe(true)
    expect(vhost?.exchanges.get('federation: fx -> rabbit@b B')?.def).toMatchObject({
      type: 'x-federation-upstream',
      internal: true,
      autoDelete: true,
      arguments: { 'x-downstream-name': 'rabbit@b', 'x-max-hops': 1 },
    })
  })

  it('routes by the downstream bindings, and a new binding propagates', () => {
    const t = federated()
    t.publish('a', 'fx', 'a.b', ['yes']).publish('a', 'fx', 'b.c', ['no']).settle()
    expect(t.drain('b', 'q')).toEqual(['yes'])
    t.channel('b').queueBind('q', 'fx', 'b.#', {})
    t.settle()
    t.publish('a', 'fx', 'b.c', ['later']).settle()
    expect(t.drain('b', 'q')).toEqual(['later'])
  })

  it('an unbinding downstream unbinds upstream', () => {
    const t = federated()
    t.channel('b').queueUnbind('q', 'fx', 'a.*', {})
    t.settle()
    t.publish('a', 'fx', 'a.b', ['gone']).settle()
    expect(t.depth('a', 'federation: fx -> rabbit@b')).toBe(0)
  })

  it('adds x-received-from', () => {
    const t = federated()
    t.publish('a', 'fx', 'a.b', ['m']).settle()
    expect(t.channel('b').get('q', true)?.properties.headers?.['x-received-from']).toEqual([
      { uri: 'amqp://a', exchange: 'fx', redelivered: false, 'cluster-name': 'rabbit@a', vhost: '/' },
    ])
  })

  it('while the link is cut messages wait in the upstream queue, then arrive', () => {
    const t = federated()
    t.design.links.cut('a', 'b')
    t.publish('a', 'fx', 'a.b', ['1', '2']).settle(300)
    expect([t.depth('a', 'federation: fx -> rabbit@b'), t.depth('b', 'q')]).toEqual([2, 0])
    expect(t.get('b', 'federation-links/%2F')).toMatchObject([{ status: 'error' }])
    t.design.links.restore('a', 'b')
    t.settle(1000)
    expect(t.drain('b', 'q')).toEqual(['1', '2'])
    expect(t.get('b', 'federation-links/%2F')).toMatchObject([{ status: 'running', upstream: 'up', exchange: 'fx' }])
  })

  it('max-hops 1 ends a loop of two exchanges federated from each other', () => {
    const t = new TestDesign()
    for (const b of ['a', 'b']) {
      t.channel(b).exchangeDeclare({ exchange: 'ring', type: 'fanout', durable: true, arguments: {} })
      t.queue(b, `q-${b}`)
      t.channel(b).queueBind(`q-${b}`, 'ring', '', {})
      t.parameter(b, 'federation-upstream', 'other', { uri: `amqp://${b === 'a' ? 'b' : 'a'}`, 'max-hops': 1 })
      t.policy(b, 'fed', '^ring$', 'exchanges', { 'federation-upstream-set': 'all' })
    }
    t.settle()
    t.publish('a', 'ring', '', ['once']).settle(100)
    expect([t.drain('a', 'q-a'), t.drain('b', 'q-b')]).toEqual([['once'], ['once']])
  })
})
