// What a challenge asks, as conditions the broker's own events and state decide (see ledger.ts), and the
// check that says which of them are met. Plain data and pure functions: the unit tests run them in Node.

import type { DropReason } from '../../engine/events.ts'
import type { DeadLetterReason } from '../../engine/model.ts'
import type { BrokerView, ChallengeLedger } from './ledger.ts'

export type Condition =
  | { kind: 'reached'; queue: string; min: number; key?: string } // messages enqueued (with this routing key)
  | { kind: 'notReached'; queue: string; key: string } // a message with this key was published, none reached the queue
  | { kind: 'acked'; queue: string; min: number }
  | { kind: 'redelivered'; queue: string; min: number } // delivered again, flagged redelivered
  | { kind: 'settled'; queue: string; how: 'nack' | 'reject'; requeue: boolean; min: number }
  | { kind: 'expired'; queue: string; min: number }
  | { kind: 'dropped'; queue: string; reason: DropReason; min: number } // gone for good, no dead-letter exchange
  | { kind: 'deadLettered'; into: string; reason: DeadLetterReason; min: number }
  | { kind: 'allFailuresReach'; from: string; to: string } // every message nacked or rejected in `from` reached `to`
  | { kind: 'onlyFrom'; queue: string; from: string } // everything that reached `queue` was dead-lettered from `from`
  | { kind: 'queueGone'; queue: string }
  | { kind: 'received'; consumer: string; min: number } // deliveries to a simulated consumer since it last subscribed
  | { kind: 'purged'; queue: string; min: number }
  | { kind: 'restarted' } // the broker went down and came back since the challenge started // messages removed by queue.purge (or the management's Purge)
  | { kind: 'returned'; min: number }
  | { kind: 'publishNacked'; min: number }
  | { kind: 'maxInFlight'; consumer: string; max: number; minReceived: number } // since it last subscribed
  | { kind: 'keptAcrossRestart'; min: number } // confirmed messages in queues at the last restart, all back
  // Every message that reached `from` (on the home broker) is in `broker`'s `queue`, after a cut, nothing on the way
  | { kind: 'arrivedAcross'; from: string; broker: string; queue: string; min: number; drained: boolean }
  // At least `min` messages that reached `from` never reached `broker`'s `queue`, after a cut, nothing on the way
  | { kind: 'lostAcross'; from: string; broker: string; queue: string; min: number }
  | { kind: 'nodeStopped'; node: string } // a node of the cluster went down
  | { kind: 'leaderMoved'; queue: string; from: string } // a quorum queue elected a leader other than `from`
  | { kind: 'noMajority'; queue: string } // a quorum queue's leader lost its majority

export interface Challenge {
  /** Its text is lessons:<lesson id>.challenges.<id>. */
  id: string
  conditions: Condition[]
}

export interface ConditionResult {
  condition: Condition
  met: boolean
  /** How far along it is, for the text: "3 of 5". */
  have: number
  need: number
}

export interface ChallengeResult {
  met: boolean
  conditions: ConditionResult[]
}

function atLeast(condition: Condition, have: number, need: number): ConditionResult {
  return { condition, met: have >= need, have, need }
}

/** Whether nothing is between the brokers any more: every link up, no message on a wire. */
const settledLinks = (view: BrokerView) => (view.links ?? []).every((l) => l.state === 'up' && l.inFlight === 0)

export function checkCondition(c: Condition, ledger: ChallengeLedger, view: BrokerView): ConditionResult {
  switch (c.kind) {
    case 'reached':
      return atLeast(c, ledger.reached(c.queue, c.key), c.min)
    case 'notReached': {
      const sent = ledger.publishedWithKey(c.key)
      const leaked = ledger.reached(c.queue, c.key)
      return { condition: c, met: sent > 0 && leaked === 0, have: leaked, need: 0 }
    }
    case 'acked':
      return atLeast(c, ledger.count('acked', c.queue), c.min)
    case 'redelivered':
      return atLeast(c, ledger.count('redelivered', c.queue), c.min)
    case 'settled':
      return atLeast(c, ledger.count(`${c.how}${c.requeue ? '-requeue' : ''}`, c.queue), c.min)
    case 'expired':
      return atLeast(c, ledger.count('expired', c.queue), c.min)
    case 'dropped':
      return atLeast(c, ledger.dropped(c.queue, c.reason), c.min)
    case 'deadLettered':
      return atLeast(c, ledger.deadLetteredInto(c.into, c.reason), c.min)
    case 'allFailuresReach': {
      const failed = ledger.failures(c.from)
      const lost = failed - ledger.failuresReaching(c.from, c.to)
      return { condition: c, met: failed > 0 && lost === 0, have: lost, need: 0 }
    }
    case 'onlyFrom': {
      const total = ledger.reached(c.queue)
      const strangers = total - ledger.reachedFrom(c.queue, c.from)
      return { condition: c, met: total > 0 && strangers === 0, have: strangers, need: 0 }
    }
    case 'queueGone':
      return { condition: c, met: !(c.queue in view.depths), have: 0, need: 0 }
    case 'received':
      return atLeast(c, ledger.receivedBy(c.consumer), c.min)
    case 'restarted':
      return { condition: c, met: ledger.lastRestart !== null, have: 0, need: 0 }
    case 'purged':
      return atLeast(c, ledger.count('purged', c.queue), c.min)
    case 'returned':
      return atLeast(c, ledger.count('returned', ''), c.min)
    case 'publishNacked':
      return atLeast(c, ledger.count('publish-nacked', ''), c.min)
    case 'maxInFlight': {
      const held = ledger.maxInFlight(c.consumer)
      const received = ledger.receivedBy(c.consumer)
      return { condition: c, met: received >= c.minReceived && held <= c.max, have: held, need: c.max }
    }
    case 'keptAcrossRestart': {
      const restart = ledger.lastRestart
      if (!restart) return { condition: c, met: false, have: 0, need: c.min }
      let kept = 0
      for (const [queue, n] of Object.entries(restart.confirmedHeld)) kept += Math.min(n, view.depths[queue] ?? 0)
      return { condition: c, met: restart.total >= c.min && kept === restart.total, have: kept, need: restart.total }
    }
    case 'arrivedAcross': {
      const sent = ledger.reached(c.from)
      const arrived = view.brokers?.[c.broker]?.[c.queue] ?? 0
      const drained = !c.drained || view.depths[c.from] === 0
      const met = sent >= c.min && arrived >= sent && drained && ledger.cuts > 0 && settledLinks(view)
      return { condition: c, met, have: arrived, need: Math.max(sent, c.min) }
    }
    case 'lostAcross': {
      const lost = ledger.reached(c.from) - (view.brokers?.[c.broker]?.[c.queue] ?? 0)
      const met = lost >= c.min && view.depths[c.from] === 0 && ledger.cuts > 0 && settledLinks(view)
      return { condition: c, met, have: Math.max(lost, 0), need: c.min }
    }
    case 'nodeStopped':
      return atLeast(c, ledger.count('node-stopped', c.node), 1)
    case 'leaderMoved':
      return atLeast(c, ledger.leadersOtherThan(c.queue, c.from), 1)
    case 'noMajority':
      return atLeast(c, ledger.count('no-majority', c.queue), 1)
    default: {
      const unreachable: never = c
      return unreachable
    }
  }
}

export function checkChallenge(challenge: Challenge, ledger: ChallengeLedger, view: BrokerView): ChallengeResult {
  const conditions = challenge.conditions.map((c) => checkCondition(c, ledger, view))
  return { met: conditions.every((c) => c.met), conditions }
}
