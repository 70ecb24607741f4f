import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

describe('quorum majority', () => {
  it('with two of three members down nothing is confirmed or delivered, however long it waits', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.consume('qq', { consumerTag: 'c1', noAck: true })
    c.broker.cluster.stop('rabbit@n2')
    c.broker.cluster.stop('rabbit@n3')
    expect(n1.channel.publish('', 'qq', 'x', persistent, false).confirm).toBeNull()
    expect(n1.channel.publish('', 'qq', 'y', persistent, false).confirm).toBeNull()
    c.clock.advance(60_000)
    expect(n1.lateConfirms).toEqual([])
    expect(n1.deliveries).toEqual([])
    expect(c.quorum('qq').leader).toBe('rabbit@n1')
    expect(c.quorum('qq').active).toBe(false)
  })

  it('once a majority is back the held publishes are confirmed and delivered in order; nothing is lost', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.consume('qq', { consumerTag: 'c1', noAck: true })
    c.broker.cluster.stop('rabbit@n2')
    c.broker.cluster.stop('rabbit@n3')
    for (const body of ['x', 'y', 'z']) n1.channel.publish('', 'qq', body, persistent, false)
    c.broker.cluster.start('rabbit@n2')
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(n1.lateConfirms).toEqual([true, true, true])
    expect(n1.deliveries.map((d) => d.body)).toEqual(['x', 'y', 'z'])
  })

  it('basic.get hands out nothing while the queue has no majority', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.publish('', 'qq', 'kept', persistent, false)
    c.broker.cluster.stop('rabbit@n2')
    c.broker.cluster.stop('rabbit@n3')
    expect(n1.channel.get('qq', true)).toBeNull()
    c.broker.cluster.start('rabbit@n3')
    expect(n1.channel.get('qq', true)?.body).toBe('kept')
  })

  it('a message routed to a leaderless quorum queue and a classic queue is confirmed only when both have it', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.exchangeDeclare({ exchange: 'fan', type: 'fanout' })
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    n1.channel.queueDeclare({ queue: 'cq', durable: true })
    n1.channel.queueBind('qq', 'fan', '', {})
    n1.channel.queueBind('cq', 'fan', '', {})
    c.broker.cluster.stop('rabbit@n2')
    c.broker.cluster.stop('rabbit@n3')
    expect(n1.channel.publish('fan', '', 'both', persistent, false).confirm).toBeNull()
    expect(c.queue('cq').messageCount).toBe(1)
    c.broker.cluster.start('rabbit@n2')
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(n1.lateConfirms).toEqual([true])
  })
})
