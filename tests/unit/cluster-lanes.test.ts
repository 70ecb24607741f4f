import { describe, expect, it } from 'vitest'
import { groupsAfterDrag, isPartitioned, lanesOf } from '../../app/cluster/cluster-view.ts'

const nodes = [
  { name: 'rabbit@n1', running: false, group: 0 },
  { name: 'rabbit@n2', running: true, group: 0 },
  { name: 'rabbit@n3', running: true, group: 0 },
]

describe('cluster lanes', () => {
  it('marks a quorum queue on each member, its leader apart, and a classic queue on its node', () => {
    const lanes = lanesOf(nodes, [
      {
        vhost: '/',
        name: 'qq',
        type: 'quorum',
        node: 'rabbit@n2',
        state: 'running',
        leader: 'rabbit@n2',
        members: ['rabbit@n1', 'rabbit@n2', 'rabbit@n3'],
      },
      { vhost: '/', name: 'cq', type: 'classic', node: 'rabbit@n1', state: 'stopped' },
    ])
    expect(lanes.map((l) => l.queues.map((q) => [q.name, q.leader, q.unavailable]))).toEqual([
      [
        ['qq', false, false],
        ['cq', true, true],
      ],
      [['qq', true, false]],
      [['qq', false, false]],
    ])
  })

  it('marks a replicated stream on each member, its leader apart', () => {
    const lanes = lanesOf(nodes, [
      {
        vhost: '/',
        name: 's',
        type: 'stream',
        node: 'rabbit@n3',
        state: 'running',
        leader: 'rabbit@n3',
        members: ['rabbit@n2', 'rabbit@n3'],
      },
    ])
    expect(lanes.map((l) => l.queues.map((q) => [q.name, q.leader]))).toEqual([[], [['s', false]], [['s', true]]])
  })

  it('a partition is any node in another group than the first', () => {
    expect(isPartitioned(nodes)).toBe(false)
    expect(isPartitioned([...nodes.slice(0, 2), { ...nodes[2], group: 1 }])).toBe(true)
  })
})

describe('partition by drag', () => {
  const healed = nodes.map((n) => ({ ...n, running: true }))
  it('a lane dropped on the new-group area stands alone', () => {
    expect(groupsAfterDrag(healed, 'rabbit@n1', null)).toEqual([['rabbit@n2', 'rabbit@n3'], ['rabbit@n1']])
  })
  it('a lane dropped on another lane joins its group; one group left is a heal', () => {
    const split = [{ ...healed[0], group: 1 }, healed[1], healed[2]]
    expect(groupsAfterDrag(split, 'rabbit@n1', 'rabbit@n2')).toEqual([['rabbit@n1', 'rabbit@n2', 'rabbit@n3']])
    expect(groupsAfterDrag(healed, 'rabbit@n3', 'rabbit@n3')).toEqual([['rabbit@n1', 'rabbit@n2', 'rabbit@n3']])
  })
})
