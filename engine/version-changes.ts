// "What changes if I switch": for the design in a broker, entity by entity, what moving from its version's
// profile to another one means. Each change names the behaviour of the profile it comes from.

import type { Broker } from './broker.ts'
import type { BEHAVIOUR_SOURCES, QuorumPriorities, VersionProfile } from './profile.ts'
import type { Queue } from './queue.ts'
import { MIRRORING_KEYS } from './policy.ts'
import { effectiveDeliveryLimit } from './delivery-limit.ts'

export type Behaviour = keyof typeof BEHAVIOUR_SOURCES

export interface VersionChange {
  vhost: string | null // null for the broker as a whole
  entity: { kind: 'queue' | 'exchange' | 'policy' | 'broker'; name: string }
  behaviour: Behaviour
  /** The variable parts, so the designer can word the change in the reader's language. */
  params: Record<string, string | number>
  /** The change in English. */
  message: string
}

const PRIORITY_WORDS: Record<QuorumPriorities, string> = {
  fifo: 'in arrival order, whatever their priority',
  'two-levels': 'in two priority levels (above 4 is high), two high for one normal',
  'strict-0-31': 'strictly by priority 0 to 31 (no priority counts as 4)',
}

/** Every change the switch from the broker's version to `to` brings to what the broker holds. */
export function versionChanges(broker: Broker, to: VersionProfile): VersionChange[] {
  const from = broker.profile
  const out: VersionChange[] = []
  if (from.version === to.version) return out
  const add = (
    vhost: string | null,
    kind: VersionChange['entity']['kind'],
    name: string,
    behaviour: Behaviour,
    message: string,
    params: Record<string, string | number> = {},
  ) => out.push({ vhost, entity: { kind, name }, behaviour, params: { name, version: to.version, ...params }, message })

  for (const v of broker.vhosts.values()) {
    for (const q of v.queues.values())
      queueChanges(q, from, to, (behaviour, message, params) =>
        add(v.name, 'queue', q.name, behaviour, message, { quorum: q.isQuorum ? 1 : 0, ...params }),
      )
    for (const x of v.exchanges.values()) {
      const type = x.def.type
      const builtIn = type === 'direct' || type === 'fanout' || type === 'topic' || type === 'headers'
      if (builtIn) continue
      const had = from.extraExchangeTypes.includes(type)
      const has = to.extraExchangeTypes.includes(type)
      if (had && !has)
        add(
          v.name,
          'exchange',
          x.name,
          'extraExchangeTypes',
          `exchange "${x.name}": type ${type} does not exist in ${to.version}, declaring it is refused`,
          { type, on: 0 },
        )
      else if (!had && has)
        add(
          v.name,
          'exchange',
          x.name,
          'extraExchangeTypes',
          `exchange "${x.name}": type ${type} routes in ${to.version}`,
          { type, on: 1 },
        )
    }
    for (const p of v.policies.values()) {
      const keys = Object.keys(p.definition).filter((k) => MIRRORING_KEYS.includes(k))
      if (keys.length > 0 && from.classicMirroring && !to.classicMirroring)
        add(
          v.name,
          'policy',
          p.name,
          'classicMirroring',
          `policy "${p.name}": ${keys.join(', ')} are refused in ${to.version} (classic queue mirroring is gone), so the restart drops the policy`,
          { keys: keys.join(', ') },
        )
    }
  }
  if (from.maxMessageSize !== to.maxMessageSize)
    add(
      null,
      'broker',
      '',
      'maxMessageSize',
      `the largest message goes from ${mib(from.maxMessageSize)} to ${mib(to.maxMessageSize)}`,
      {
        from: mib(from.maxMessageSize),
        to: mib(to.maxMessageSize),
      },
    )
  if (from.amqplibMinimum !== to.amqplibMinimum && to.amqplibMinimum)
    add(
      null,
      'broker',
      '',
      'amqplibMinimum',
      `clients need amqplib ${to.amqplibMinimum} or later (RabbitMQ ${to.rabbitmqVersion} refuses older ones)`,
      {
        minimum: to.amqplibMinimum,
      },
    )
  if (from.deadLetterHistoryFromHeaders !== to.deadLetterHistoryFromHeaders)
    add(
      null,
      'broker',
      '',
      'deadLetterHistoryFromHeaders',
      to.deadLetterHistoryFromHeaders
        ? "an x-death header a client publishes is read as the message's dead-letter history"
        : 'an x-death header a client publishes is no longer read as history: a republished message starts a new one',
      { on: to.deadLetterHistoryFromHeaders ? 1 : 0 },
    )
  return out
}

type AddQueueChange = (behaviour: Behaviour, message: string, params?: Record<string, string | number>) => void

function queueChanges(q: Queue, from: VersionProfile, to: VersionProfile, add: AddQueueChange): void {
  const what = `${q.isQuorum ? 'quorum queue' : 'queue'} "${q.name}"`
  const dlx = q.settings.deadLetterExchange
  if (!q.def.durable && !q.def.exclusive) {
    const was = from.deprecatedFeatures.includes('transient_nonexcl_queues')
    const is = to.deprecatedFeatures.includes('transient_nonexcl_queues')
    if (is && !was)
      add(
        'deprecatedFeatures',
        `${what}: transient and not exclusive, a deprecated feature in ${to.version} (still accepted; make it durable or exclusive)`,
        { feature: 'transient_nonexcl_queues' },
      )
  }
  if (q.def.arguments['x-queue-mode'] !== undefined && from.queueModeChecked !== to.queueModeChecked)
    add(
      'queueModeChecked',
      to.queueModeChecked
        ? `${what}: x-queue-mode is checked again (only default and lazy are accepted)`
        : `${what}: x-queue-mode is ignored in ${to.version}`,
      { on: to.queueModeChecked ? 1 : 0 },
    )
  if (dlx !== undefined) {
    if (from.lastDeathHeaders !== to.lastDeathHeaders)
      add(
        'lastDeathHeaders',
        to.lastDeathHeaders
          ? `${what}: its dead letters carry x-last-death-reason, -queue and -exchange`
          : `${what}: its dead letters lose the x-last-death-* headers`,
        { on: to.lastDeathHeaders ? 1 : 0 },
      )
    if (from.deadLetterRedelivered.byReject !== to.deadLetterRedelivered.byReject)
      add(
        'deadLetterRedelivered',
        to.deadLetterRedelivered.byReject
          ? `${what}: a message it dead-letters after basic.reject arrives with redelivered set`
          : `${what}: its dead letters arrive with redelivered cleared`,
        { on: to.deadLetterRedelivered.byReject ? 1 : 0 },
      )
  }
  if (
    !q.isQuorum &&
    q.settings.singleActiveConsumer &&
    from.classicSingleActiveCancelStalls !== to.classicSingleActiveCancelStalls
  )
    add(
      'classicSingleActiveCancelStalls',
      to.classicSingleActiveCancelStalls
        ? `${what}: when its active consumer cancels holding unacked messages, nobody takes over until another consumer subscribes, and a publish meanwhile crashes the queue (a ${to.version} bug)`
        : `${what}: when its active consumer cancels holding unacked messages, the next consumer takes over at once`,
      { on: to.classicSingleActiveCancelStalls ? 1 : 0 },
    )
  if (!q.isQuorum) return
  const argument = q.def.arguments['x-delivery-limit']
  const before = effectiveDeliveryLimit(q.settings.deliveryLimit, argument, from)
  const after = effectiveDeliveryLimit(q.settings.deliveryLimit, argument, to)
  const fate = dlx === undefined ? 'dropped' : 'dead-lettered'
  if (before !== after)
    add(
      'quorumDefaultDeliveryLimit',
      after === undefined
        ? `${what}: no delivery limit in ${to.version}, a message that keeps failing is redelivered forever`
        : `${what}: messages are ${fate} after ${after} deliveries in ${to.version}`,
      { limit: after ?? -1, fate },
    )
  if (after !== undefined && from.quorumReturnCounting.nack !== to.quorumReturnCounting.nack)
    add(
      'quorumReturnCounting',
      to.quorumReturnCounting.nack
        ? `${what}: basic.nack with requeue counts towards the delivery limit`
        : `${what}: basic.nack with requeue no longer counts towards the delivery limit (basic.reject and channel closes still do)`,
      { on: to.quorumReturnCounting.nack ? 1 : 0 },
    )
  if (from.quorumPriorities !== to.quorumPriorities)
    add('quorumPriorities', `${what}: messages are served ${PRIORITY_WORDS[to.quorumPriorities]}`, {
      order: to.quorumPriorities,
    })
  if (q.settings.singleActiveConsumer && from.quorumSingleActiveByPriority !== to.quorumSingleActiveByPriority)
    add(
      'quorumSingleActiveByPriority',
      to.quorumSingleActiveByPriority
        ? `${what}: the single active consumer is the one of highest x-priority`
        : `${what}: the single active consumer is the first to subscribe, whatever its x-priority`,
      { on: to.quorumSingleActiveByPriority ? 1 : 0 },
    )
  if (from.quorumAcquiredCountHeader !== to.quorumAcquiredCountHeader)
    add(
      'quorumAcquiredCountHeader',
      to.quorumAcquiredCountHeader
        ? `${what}: redeliveries carry x-acquired-count`
        : `${what}: redeliveries lose x-acquired-count`,
      { on: to.quorumAcquiredCountHeader ? 1 : 0 },
    )
}

function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`
}
