import { describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import { quorumArgs, TestCluster } from './cluster-driver.ts'
import { quietSink } from './quiet-sink.ts'

describe('cluster placement', () => {
  it('a single-node broker places nothing: queues have no replicas', () => {
    const broker = createBroker({ clock: new ManualClock() })
    expect(broker.cluster.nodes.map((n) => n.name)).toEqual(['rabbit@n1'])
    const channel = broker.connect(nullSink()).openChannel()
    channel.queueDeclare({ queue: 'q', durable: true, arguments: quorumArgs })
    expect(broker.vhosts.get('/')!.queues.get('q')!.replicas).toBeNull()
  })

  it('a classic queue lives on the node of the connection that declared it (client-local)', () => {
    const c = new TestCluster(3)
    c.client('rabbit@n3').channel.queueDeclare({ queue: 'cq', durable: true })
    expect(c.classic('cq').node).toBe('rabbit@n3')
  })

  it('balanced puts a classic queue on the node hosting fewest queues', () => {
    const c = new TestCluster(3)
    const n1 = c.client('rabbit@n1')
    n1.channel.queueDeclare({ queue: 'a', durable: true })
    c.client('rabbit@n2').channel.queueDeclare({ queue: 'b', durable: true })
    n1.channel.queueDeclare({ queue: 'c', durable: true, arguments: { 'x-queue-leader-locator': 'balanced' } })
    expect(c.classic('c').node).toBe('rabbit@n3')
  })

  it('a quorum queue has 3 members by default, the declaring node among them and leading', () => {
    const c = new TestCluster(5)
    c.client('rabbit@n4').channel.queueDeclare({ queue: 'qq', durable: true, arguments: quorumArgs })
    const q = c.quorum('qq')
    expect(q.members).toHaveLength(3)
    expect(q.members).toContain('rabbit@n4')
    expect(q.leader).toBe('rabbit@n4')
  })

  it('x-quorum-initial-group-size sets the members, never more than the running nodes', () => {
    const c = new TestCluster(3)
    const n2 = c.client('rabbit@n2')
    n2.channel.queueDeclare({
      queue: 'one',
      durable: true,
      arguments: { ...quorumArgs, 'x-quorum-initial-group-size': 1 },
    })
    expect(c.quorum('one').members).toEqual(['rabbit@n2'])
    c.broker.cluster.stop('rabbit@n3')
    n2.channel.queueDeclare({
      queue: 'five',
      durable: true,
      arguments: { ...quorumArgs, 'x-quorum-initial-group-size': 5 },
    })
    expect(c.quorum('five').members).toEqual(['rabbit@n1', 'rabbit@n2'])
  })

  it('the cluster grows and shrinks from 1 to 7 nodes', () => {
    const c = new TestCluster(1)
    c.broker.cluster.setSize(7)
    expect(c.broker.cluster.nodes.map((n) => n.name)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `rabbit@n${i}`))
    expect(() => c.broker.cluster.setSize(8)).toThrow()
    expect(() => c.broker.cluster.setSize(0)).toThrow()
  })
})

function nullSink() {
  return quietSink
}
