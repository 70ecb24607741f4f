// What the cluster lanes draw: each node with the queues placed on it, read from the broker's own answers
// (the cluster commands and the management API's /api/queues), so the lanes show what warren.management shows.

export interface LaneQueue {
  vhost: string
  name: string
  type: string
  /** quorum or stream: this node leads the queue; classic: the queue lives here. */
  leader: boolean
  /** The queue cannot be used now: its node is down, or a quorum queue without a majority. */
  unavailable: boolean
  /** A replica's messages behind its leader (taken while it was down or cut off). */
  behind: number
}

/** How far each member of a replicated queue is behind, from the `clusterReplicas` command. */
interface ReplicaRow {
  vhost: string
  queue: string
  members: { node: string; behind: number }[]
}

export interface Lane {
  name: string
  running: boolean
  group: number
  queues: LaneQueue[]
}

interface NodeRow {
  name: string
  running: boolean
  group: number
}

interface QueueRow {
  vhost: string
  name: string
  type: string
  node?: string
  state?: string
  leader?: string
  members?: string[]
}

/** One lane per node; a quorum queue or a stream is marked on each member's lane, its leader's mark set apart. */
export function lanesOf(nodes: NodeRow[], queues: QueueRow[], replicas: ReplicaRow[] = []): Lane[] {
  const lanes = nodes.map((n) => ({ ...n, queues: [] as LaneQueue[] }))
  const lane = (name: string | undefined) => lanes.find((l) => l.name === name)
  const behind = (q: QueueRow, node: string) =>
    replicas.find((r) => r.vhost === q.vhost && r.queue === q.name)?.members.find((m) => m.node === node)?.behind ?? 0
  for (const q of queues) {
    const unavailable = q.state !== undefined && q.state !== 'running'
    if ((q.type === 'quorum' || q.type === 'stream') && q.members) {
      for (const member of q.members)
        lane(member)?.queues.push({
          vhost: q.vhost,
          name: q.name,
          type: q.type,
          leader: member === q.leader,
          unavailable,
          behind: behind(q, member),
        })
    } else
      lane(q.node)?.queues.push({ vhost: q.vhost, name: q.name, type: q.type, leader: true, unavailable, behind: 0 })
  }
  return lanes
}

export function isPartitioned(nodes: NodeRow[]): boolean {
  return nodes.some((n) => n.group !== nodes[0].group)
}

/**
 * The partition groups after a node lane is dragged onto another lane (it joins that node's group) or onto the
 * "new group" area (`target` null: it forms a group of its own). Empty groups drop out.
 */
export function groupsAfterDrag(nodes: NodeRow[], moved: string, target: string | null): string[][] {
  const groupOf = new Map(nodes.map((n) => [n.name, n.group]))
  const fresh = Math.max(...nodes.map((n) => n.group)) + 1
  const destination = target === null ? fresh : (groupOf.get(target) ?? fresh)
  groupOf.set(moved, destination)
  const groups = new Map<number, string[]>()
  for (const n of nodes) {
    const g = groupOf.get(n.name)!
    groups.set(g, [...(groups.get(g) ?? []), n.name])
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, names]) => names)
}
