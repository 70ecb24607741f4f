import { describe, expect, it } from 'vitest'
import { ELECTION_TIMEOUT_MS } from '../../engine/cluster/quorum-replicas.ts'
import { expectError } from './test-broker.ts'
import { persistent, quorumArgs, TestCluster } from './cluster-driver.ts'

/** Quorum queue qq and classic queue cq declared from n1, then n1 cut off from n2 and n3. */
function splitN1() {
  const c = new TestCluster(3)
  const n1 = c.client('rabbit@n1')
  const n2 = c.client('rabbit@n2')
  n1.channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
  n1.channel.queueDeclare({ queue: 'cq', durable: true })
  c.broker.cluster.partition([['rabbit@n1'], ['rabbit@n2', 'rabbit@n3']])
  return { c, n1, n2 }
}

describe('cluster partitions', () => {
  it('the majority side elects a leader; the minority side is held', () => {
    const { c, n1, n2 } = splitN1()
    const q = c.quorum('qq')
    expect(q.active).toBe(false)
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    expect(['rabbit@n2', 'rabbit@n3']).toContain(q.leader)
    expect(n2.channel.publish('', 'qq', 'majority', persistent, false).confirm).toBe('ack')
    expect(n1.channel.publish('', 'qq', 'minority', persistent, false).confirm).toBeNull()
    expect(q.history.filter((h) => h.active).length).toBe(2)
  })

  it('healing releases what the minority side published, after the majority side’s messages', () => {
    const { c, n1, n2 } = splitN1()
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    n2.channel.publish('', 'qq', 'majority', persistent, false)
    n1.channel.publish('', 'qq', 'minority', persistent, false)
    c.broker.cluster.heal()
    expect(n1.lateConfirms).toEqual([true])
    expect([n2.channel.get('qq', true)?.body, n2.channel.get('qq', true)?.body]).toEqual(['majority', 'minority'])
  })

  it('a classic queue is reachable only from its own side', () => {
    const { c, n1, n2 } = splitN1()
    expect(n1.channel.queueDeclare({ queue: 'cq', passive: true }).messageCount).toBe(0)
    expectError(() => n2.channel.queueDeclare({ queue: 'cq', passive: true }), 404)
    expect(n2.channel.closed).toBe(true)
    const again = c.client('rabbit@n3').channel
    expect(again.publish('', 'cq', 'cut off', persistent, false).confirm).toBe('nack')
    c.broker.cluster.heal()
    expect(again.publish('', 'cq', 'healed', persistent, false).confirm).toBe('ack')
  })

  it('a partition of every node alone leaves a 3-member queue with no majority anywhere', () => {
    const { c } = splitN1()
    c.broker.cluster.partition([['rabbit@n1'], ['rabbit@n2'], ['rabbit@n3']])
    c.clock.advance(10 * ELECTION_TIMEOUT_MS)
    expect(c.quorum('qq').active).toBe(false)
  })

  it('a consumer on the minority side receives nothing from a leader on the majority side, until the heal', () => {
    const { c, n1, n2 } = splitN1()
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    n1.channel.consume('qq', { consumerTag: 'cut-off' })
    expect(n2.channel.publish('', 'qq', 'while split', persistent, false).confirm).toBe('ack')
    expect(n1.deliveries).toEqual([])
    c.broker.cluster.heal()
    expect(n1.deliveries.map((d) => d.body)).toEqual(['while split'])
  })

  it('a consumer on the majority side takes the turns the cut-off consumer cannot', () => {
    const { c, n1, n2 } = splitN1()
    c.clock.advance(2 * ELECTION_TIMEOUT_MS)
    n1.channel.consume('qq', { consumerTag: 'cut-off' })
    n2.channel.consume('qq', { consumerTag: 'reachable' })
    for (const body of ['a', 'b']) n2.channel.publish('', 'qq', body, persistent, false)
    expect(n2.deliveries.map((d) => d.body)).toEqual(['a', 'b'])
    expect(n1.deliveries).toEqual([])
  })
})
