// A quorum queue's or a stream's members and leader. A publish is taken once the leader can reach a majority of
// the members; without one the queue neither confirms nor delivers. When the leader is lost, the members that
// still form a majority elect a new one after the election timeout, on the broker's virtual clock. Streams
// replicate the same way (recorded: cluster-stream-leader-node-stopped, cluster-stream-no-majority).

import type { TimerHandle } from '../clock.ts'
import type { Message } from '../model.ts'
import type { Queue } from '../queue.ts'
import { RingBuffer } from '../ring-buffer.ts'
import type { Cluster, ClusterMember } from './cluster.ts'
import type { Admission, HeldConfirm, QueuePlacement, QueueReplicas } from './replicas.ts'
import { releaseConfirm } from './held-confirm.ts'
import { byNodeNumber } from './node-order.ts'

/** Raft's election timeout in ra: a follower waits this long, plus up to as much again at random, before voting. */
export const ELECTION_TIMEOUT_MS = 1000

interface HeldPublish {
  message: Message
  messageTtl: number | undefined
  node: string | undefined
  confirm: HeldConfirm | null
}

export interface LeaderChange {
  at: number
  leader: string
  /** The leader reaches a majority: the queue confirms and delivers. */
  active: boolean
  /** declared: the first leader; elected: won an election; majority-lost / majority-back: the leader's reach. */
  reason: 'declared' | 'elected' | 'majority-lost' | 'majority-back'
}

export class QuorumReplicas implements QueueReplicas, ClusterMember {
  readonly kind: 'quorum' | 'stream'
  /** The last elected leader; RabbitMQ still names it while it is down or in a minority. */
  leader: string
  /** The leader runs and reaches a majority of the members. */
  active = true
  /** Who led when, newest last: elections and the times the queue lost its majority. */
  readonly history: LeaderChange[] = []
  private readonly held = new RingBuffer<HeldPublish>()
  /** Messages the leader took, and for each member out of its reach how many it had when it fell out. */
  private taken = 0
  private readonly cutOffAt = new Map<string, number>()
  private electionTimer: TimerHandle | null = null

  constructor(
    private readonly queue: Queue,
    private readonly cluster: Cluster,
    readonly members: string[],
    leader: string,
  ) {
    this.kind = queue.settings.type === 'stream' ? 'stream' : 'quorum'
    this.leader = leader
    this.history.push({ at: cluster.clock.now(), leader, active: true, reason: 'declared' })
  }

  get leaderNode(): string | null {
    return this.active ? this.leader : null
  }

  /** Members whose node runs. */
  online(): string[] {
    return this.members.filter((m) => this.cluster.isRunning(m))
  }

  /** The members `node` can reach, itself included, form a majority. */
  private hasMajorityWith(node: string): boolean {
    let reached = 0
    for (const member of this.members) if (this.cluster.reachable(node, member)) reached++
    return reached * 2 > this.members.length
  }

  admit(node: string | undefined): Admission {
    if (!this.active || (node !== undefined && !this.cluster.reachable(node, this.leader))) return 'hold'
    this.taken++
    return 'accept'
  }

  /** Messages a member is behind the leader: those taken while it was down or cut off (it catches up on return). */
  lag(member: string): number {
    const since = this.cutOffAt.get(member)
    return since === undefined ? 0 : this.taken - since
  }

  /** Replication is immediate on the virtual clock: a member in reach of the leader has all it took. */
  private trackReach(): void {
    for (const member of this.members) {
      if (this.cluster.reachable(this.leader, member)) this.cutOffAt.delete(member)
      else if (!this.cutOffAt.has(member)) this.cutOffAt.set(member, this.taken)
    }
  }

  reaches(node: string | undefined): boolean {
    return node === undefined || this.cluster.reachable(node, this.leader)
  }

  hold(message: Message, messageTtl: number | undefined, node: string | undefined, confirm: HeldConfirm | null): void {
    this.held.push({ message, messageTtl, node, confirm })
  }

  placement(): QueuePlacement {
    return { leader: this.leader, members: [...this.members] }
  }

  /** Quorum queues answer declare, consume and get from any node; without a leader they just hold still. */
  assertReachableFrom(): void {}

  membershipChanged(): void {
    const leader = this.leader
    const leading = this.members.includes(leader) && this.cluster.isRunning(leader) && this.hasMajorityWith(leader)
    this.trackReach()
    if (leading && !this.active) this.setActive(this.leader, 'majority-back')
    else if (!leading && this.active) {
      this.active = false
      this.queue.suspended = true
      this.record(false, 'majority-lost')
    }
    if (this.active) {
      this.releaseHeld()
      this.queue.dispatch() // a healed partition brings consumers on the other side back into reach
    } else this.scheduleElection()
  }

  /** rabbitmq-queues add_member: a running node that is not yet a member joins; it catches up at once. */
  addMember(node: string): void {
    if (!this.cluster.isRunning(node)) throw new Error(`node ${node} is not running`)
    if (this.members.includes(node)) throw new Error(`${node} is already a member of ${this.queue.name}`)
    this.members.push(node)
    this.members.sort(byNodeNumber)
    this.membershipChanged()
  }

  /** rabbitmq-queues delete_member: the last member stays; a leader that leaves makes the others elect. */
  deleteMember(node: string): void {
    const at = this.members.indexOf(node)
    if (at < 0) throw new Error(`${node} is not a member of ${this.queue.name}`)
    if (this.members.length === 1) throw new Error(`${node} is the last member of ${this.queue.name}`)
    this.members.splice(at, 1)
    this.membershipChanged()
  }

  nodeRemoved(node: string): void {
    const at = this.members.indexOf(node)
    if (at >= 0) this.members.splice(at, 1)
  }

  dispose(): void {
    if (this.electionTimer !== null) this.cluster.clock.clearTimer(this.electionTimer)
    this.electionTimer = null
    this.cluster.leave(this)
  }

  private scheduleElection(): void {
    if (this.electionTimer !== null) return
    const wait = ELECTION_TIMEOUT_MS * (1 + this.cluster.random.next())
    this.electionTimer = this.cluster.clock.setTimer(this.cluster.clock.now() + wait, () => {
      this.electionTimer = null
      this.elect()
    })
  }

  /** A running member that reaches a majority wins; which one is random, from the cluster's seed. */
  private elect(): void {
    if (this.active || this.queue.deleted) return
    const candidates = this.members.filter((m) => this.cluster.isRunning(m) && this.hasMajorityWith(m))
    if (candidates.length === 0) return
    this.setActive(candidates[Math.floor(this.cluster.random.next() * candidates.length)], 'elected')
  }

  private setActive(leader: string, reason: LeaderChange['reason']): void {
    this.leader = leader
    this.active = true
    this.record(true, reason)
    this.trackReach()
    this.queue.suspended = false
    this.releaseHeld()
    this.queue.dispatch()
  }

  private record(active: boolean, reason: LeaderChange['reason']): void {
    const at = this.cluster.clock.now()
    this.history.push({ at, leader: this.leader, active, reason })
    const queue = this.queue
    this.cluster.emit({ type: 'leaderChanged', at, vhost: queue.vhost, queue: queue.name, leader: this.leader, active })
  }

  /** Publishes held for want of a leader enter the queue, in order, once their node reaches the leader. */
  private releaseHeld(): void {
    const leader = this.leader
    if (!this.active || this.held.length === 0) return
    const waiting = this.held.length
    for (let i = 0; i < waiting; i++) {
      const next = this.held.shift()!
      if (next.node !== undefined && !this.cluster.reachable(next.node, leader)) {
        this.held.push(next)
        continue
      }
      if (!this.queue.deleted) {
        this.queue.publish(next.message, next.messageTtl)
        this.taken++
      }
      if (next.confirm) releaseConfirm(next.confirm)
    }
  }
}
