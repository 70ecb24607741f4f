// A message's journey assembled from its events: one step per event, in order, with what the UI
// needs beside the words: where routing happened (to ask explainRoute) and the x-death entry a
// dead-lettering wrote.

import type { BrokerEvent, BrokerEventType } from '../../engine/events.ts'
import type { DeadLetterReason } from '../../engine/model.ts'
import { describeEvent } from './describe.ts'

/** A routing decision: the exchange a message entered and the routing key it carried. */
export interface RouteTarget {
  vhost: string
  exchange: string
  routingKey: string
  /** The id of the message being routed (a dead-lettered copy has an id of its own). */
  messageId: number
}

/** The entry rabbit_dead_letter puts first in the copy's x-death header, rebuilt from the events. */
export interface XDeathEntry {
  count: number
  reason: DeadLetterReason
  queue: string
  time: number // seconds, as in the header
  exchange: string
  'routing-keys': string[]
}

export type StepTone = 'routed' | 'returned' | 'acked' | 'requeued' | 'deadLettered' | 'expired' | 'dropped' | 'neutral'

export interface JourneyStep {
  at: number
  type: BrokerEventType
  messageId: number
  title: string
  detail: string
  tone: StepTone
  /** Set on routed and unroutable steps. */
  route?: RouteTarget
  /** Set on dead-lettered steps. */
  xDeath?: XDeathEntry
}

const TONES: Partial<Record<BrokerEventType, StepTone>> = {
  published: 'routed',
  routed: 'routed',
  enqueued: 'routed',
  delivered: 'routed',
  confirmed: 'acked',
  acked: 'acked',
  returned: 'returned',
  unroutable: 'returned',
  rejectedByQueue: 'dropped',
  nacked: 'requeued',
  rejected: 'requeued',
  requeued: 'requeued',
  deadLettered: 'deadLettered',
  expired: 'expired',
  dropped: 'dropped',
}

function toneOf(e: BrokerEvent): StepTone {
  if (e.type === 'confirmed' && !e.ack) return 'returned'
  if (e.type === 'delivered' && e.redelivered) return 'requeued'
  if ((e.type === 'nacked' || e.type === 'rejected') && !e.requeue) return 'dropped'
  return TONES[e.type] ?? 'neutral'
}

/** Turns a journey's events (as messageJourney or the JourneyBuffer give them) into steps. */
export function journeySteps(events: readonly BrokerEvent[]): JourneyStep[] {
  // Where each message id entered an exchange and with which key: its publish, or the dead-lettering that made it.
  const origin = new Map<number, { vhost: string; exchange: string; routingKey: string }>()
  const deaths: { queue: string; reason: DeadLetterReason }[] = []
  const steps: JourneyStep[] = []
  for (const e of events) {
    if (!('messageId' in e)) continue
    const words = describeEvent(e)
    const step: JourneyStep = {
      at: e.at,
      type: e.type,
      messageId: e.messageId,
      title: words.title,
      detail: words.detail,
      tone: toneOf(e),
    }
    switch (e.type) {
      case 'published':
        origin.set(e.messageId, { vhost: e.vhost, exchange: e.exchange, routingKey: e.routingKey })
        break
      case 'routed':
      case 'unroutable': {
        const from = origin.get(e.messageId)
        const routingKey = e.type === 'unroutable' ? e.routingKey : from?.routingKey
        if (routingKey !== undefined)
          step.route = { vhost: e.vhost, exchange: e.exchange, routingKey, messageId: e.messageId }
        break
      }
      case 'deadLettered': {
        const from = origin.get(e.messageId)
        const count = 1 + deaths.filter((d) => d.queue === e.queue && d.reason === e.reason).length
        deaths.push({ queue: e.queue, reason: e.reason })
        if (from)
          step.xDeath = {
            count,
            reason: e.reason,
            queue: e.queue,
            time: Math.floor(e.at / 1000),
            exchange: from.exchange,
            'routing-keys': [from.routingKey],
          }
        origin.set(e.newMessageId, { vhost: e.vhost, exchange: e.exchange, routingKey: e.routingKey })
        break
      }
    }
    steps.push(step)
  }
  return steps
}

/** Where the message is now, as far as its events tell: the queues holding a copy (ready or unacked). */
export function queuesHolding(events: readonly BrokerEvent[]): { queue: string; messageId: number }[] {
  const held = new Map<string, number>()
  for (const e of events) {
    const key = (queue: string, id: number) => `${id}\u0000${queue}`
    switch (e.type) {
      case 'enqueued':
      case 'delivered': // a message handed straight to a consumer is never enqueued
        held.set(key(e.queue, e.messageId), e.messageId)
        break
      case 'acked':
      case 'expired':
      case 'dropped':
      case 'deadLettered':
        held.delete(key(e.queue, e.messageId))
        break
      case 'nacked':
      case 'rejected':
        if (!e.requeue) held.delete(key(e.queue, e.messageId))
        break
      case 'queueDeleted':
        for (const k of [...held.keys()]) if (k.endsWith(`\u0000${e.name}`)) held.delete(k)
        break
    }
  }
  return [...held].map(([k, messageId]) => ({ queue: k.slice(k.indexOf('\u0000') + 1), messageId }))
}
