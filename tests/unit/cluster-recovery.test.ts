import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { expectError } from './test-broker.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

describe('node stop, start and removal', () => {
  it('stopping a node closes its connections with 320 CONNECTION_FORCED and refuses new ones', () => {
    const c = new TestCluster(3)
    const n2 = c.client('rabbit@n2')
    c.broker.cluster.stop('rabbit@n2')
    expect(n2.connection.closed).toBe(true)
    expect(n2.closedWith?.code).toBe(320)
    expect(() => c.client('rabbit@n2')).toThrow(/down/)
    c.broker.cluster.start('rabbit@n2')
    expect(c.client('rabbit@n2').connection.closed).toBe(false)
  })

  it('a durable classic queue on a stopped node keeps its persistent messages only, and comes back', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    c.client('rabbit@n2').channel.queueDeclare({ queue: 'cq', durable: true })
    n1.channel.publish('', 'cq', 'held', persistent, false)
    n1.channel.publish('', 'cq', 'transient', {}, false)
    n1.channel.publish('', 'cq', 'persistent', persistent, false)
    const watcher = c.client('rabbit@n3')
    watcher.channel.qos(1)
    watcher.channel.consume('cq', { consumerTag: 'w' })
    expect(watcher.deliveries.map((d) => d.body)).toEqual(['held'])
    c.broker.cluster.stop('rabbit@n2')
    expect(watcher.cancelled).toEqual(['w'])
    expectError(() => n1.channel.get('cq', true), 404)
    c.broker.cluster.start('rabbit@n2')
    const fresh = c.client('rabbit@n1').channel
    expect(fresh.get('cq', true)?.body).toBe('persistent')
    expect(fresh.get('cq', true)).toBeNull()
  })

  it('a non-durable classic queue goes with its node', () => {
    const c = new TestCluster(2)
    const n1 = c.client('rabbit@n1')
    c.client('rabbit@n2').channel.queueDeclare({ queue: 'tmp', exclusive: false, durable: false })
    c.broker.cluster.stop('rabbit@n2')
    expect(c.broker.vhosts.get('/')!.queues.has('tmp')).toBe(false)
    expect(n1.connection.closed).toBe(false)
  })

  it('a quorum queue recovers its members when their nodes return', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    c.broker.cluster.stop('rabbit@n1')
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    const q = c.quorum('qq')
    expect(q.online()).toEqual(['rabbit@n2', 'rabbit@n3'])
    c.broker.cluster.start('rabbit@n1')
    expect(q.online()).toEqual(['rabbit@n1', 'rabbit@n2', 'rabbit@n3'])
    expect(q.active).toBe(true)
  })

  it('shrinking the cluster deletes the classic queues of the removed nodes and drops their quorum members', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n3').channel.queueDeclare({ queue: 'cq', durable: true })
    c.client('rabbit@n1').channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    const n3 = c.client('rabbit@n3')
    c.broker.cluster.setSize(2)
    expect(n3.connection.closed).toBe(true)
    expect(c.broker.vhosts.get('/')!.queues.has('cq')).toBe(false)
    expect(c.quorum('qq').members).toEqual(['rabbit@n1', 'rabbit@n2'])
  })

  it('deleting a queue takes it out of the cluster: later node changes leave it alone', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    const q = c.quorum('qq')
    n1.channel.queueDelete('qq')
    c.broker.cluster.stop('rabbit@n1')
    c.clock.advance(10 * ELECTION_TIMEOUT_MS)
    expect(q.history).toHaveLength(1)
  })
})
