// What drawing an edge means, or why it is refused. Pure: the canvas asks, then applies the intent.

import type { ExchangeType, FieldTable } from '../../engine/model.ts'
import { parseNodeId } from './ids.ts'
import { addBinding, putExchange, putQueue } from './doc-ops.ts'
import type { DesignDoc } from './types.ts'
import { t as tr } from '../i18n/index.ts'
import { routingKeyProblem } from './sim-specs.ts'

/** A producer's key with {a|b} choices (order.{created|paid}) is the pattern it looks like, not a literal key. */
export const looksLikePattern = (key: string) => /[{}]/.test(key)

/** What the user must still say before the edge can be made. */
export type Needs = 'nothing' | 'bindingKey' | 'headerMatch' | 'routingKey'

export type ConnectIntent =
  | {
      kind: 'bind'
      source: string
      destination: string
      destinationType: 'queue' | 'exchange'
      exchangeType: ExchangeType
      needs: Needs
    }
  | { kind: 'publish'; producerId: string; exchange: string; exchangeType: ExchangeType; needs: Needs }
  | { kind: 'consume'; consumerId: string; queue: string; needs: 'nothing' }
  | { kind: 'deadLetter'; queue: string; exchange: string; needs: 'routingKey' }
  | { kind: 'alternate'; exchange: string; alternate: string; needs: 'nothing' }

export type ConnectVerdict = { ok: true; intent: ConnectIntent } | { ok: false; reason: string }

const refuse = (reason: string): ConnectVerdict => ({ ok: false, reason })

/** Exchanges the designer can draw to: the user's, plus the predeclared amq.* ones it shows. */
function exchangeType(
  doc: DesignDoc,
  name: string,
  predeclared: Record<string, ExchangeType>,
): ExchangeType | undefined {
  return (doc.exchanges[name]?.type as ExchangeType | undefined) ?? predeclared[name]
}

export function bindingNeeds(type: ExchangeType): Needs {
  return type === 'fanout' ? 'nothing' : type === 'headers' ? 'headerMatch' : 'bindingKey'
}

export function judgeConnection(
  doc: DesignDoc,
  sourceId: string,
  sourceHandle: string | null,
  targetId: string,
  predeclared: Record<string, ExchangeType> = {},
  vhost = '/',
): ConnectVerdict {
  const s = parseNodeId(sourceId)
  const t = parseNodeId(targetId)
  if (s.kind === 'consumer') return refuse(tr('connect.rules.consumerOut'))
  if (t.kind === 'producer') return refuse(tr('connect.rules.producerIn'))
  if (t.kind === 'exchange' && t.key === '')
    return refuse('ACCESS_REFUSED - operation not permitted on the default exchange')

  if (s.kind === 'producer') {
    if (t.kind === 'queue') return refuse(tr('connect.rules.producerToQueue'))
    if (t.kind === 'consumer') return refuse(tr('connect.rules.producerToConsumer'))
    const type = exchangeType(doc, t.key, predeclared)
    if (!type) return refuse(`NOT_FOUND - no exchange '${t.key}' in vhost '${vhost}'`)
    if (doc.exchanges[t.key]?.internal)
      return refuse(`ACCESS_REFUSED - cannot publish to internal exchange '${t.key}' in vhost '${vhost}'`)
    return {
      ok: true,
      intent: {
        kind: 'publish',
        producerId: s.key,
        exchange: t.key,
        exchangeType: type,
        needs: type === 'direct' || type === 'topic' ? 'routingKey' : 'nothing',
      },
    }
  }

  if (s.kind === 'exchange') {
    const type = exchangeType(doc, s.key, predeclared)
    if (!type) return refuse(`NOT_FOUND - no exchange '${s.key}' in vhost '${vhost}'`)
    if (t.kind === 'consumer') return refuse(tr('connect.rules.exchangeToConsumer'))
    if (sourceHandle === 'alternate') {
      if (!doc.exchanges[s.key])
        return refuse(`ACCESS_REFUSED - exchange '${s.key}' is predeclared: its arguments cannot be changed.`)
      if (t.kind !== 'exchange') return refuse(tr('connect.rules.alternateNotExchange'))
      if (t.key === s.key) return refuse(tr('connect.rules.alternateSelf'))
      return { ok: true, intent: { kind: 'alternate', exchange: s.key, alternate: t.key, needs: 'nothing' } }
    }
    if (t.kind === 'exchange' && t.key === s.key) return refuse(tr('connect.rules.boundToItself'))
    if (t.kind === 'exchange' && !exchangeType(doc, t.key, predeclared))
      return refuse(`NOT_FOUND - no exchange '${t.key}' in vhost '${vhost}'`)
    return {
      ok: true,
      intent: {
        kind: 'bind',
        source: s.key,
        destination: t.key,
        destinationType: t.kind === 'queue' ? 'queue' : 'exchange',
        exchangeType: type,
        needs: bindingNeeds(type),
      },
    }
  }

  // s.kind === 'queue'
  if (t.kind === 'queue') return refuse(tr('connect.rules.queueToQueue'))
  if (t.kind === 'consumer') {
    if (sourceHandle === 'deadLetter') return refuse(tr('connect.rules.deadLetterToConsumer'))
    return { ok: true, intent: { kind: 'consume', consumerId: t.key, queue: s.key, needs: 'nothing' } }
  }
  if (!exchangeType(doc, t.key, predeclared)) return refuse(`NOT_FOUND - no exchange '${t.key}' in vhost '${vhost}'`)
  return { ok: true, intent: { kind: 'deadLetter', queue: s.key, exchange: t.key, needs: 'routingKey' } }
}

/** What the user typed when asked: a key (binding, routing or dead-letter routing key) or a header match. */
export interface ConnectAnswer {
  key: string
  headers?: FieldTable // for headers exchanges, x-match included
}

/** Checks the answer before anything is sent; the broker checks the rest. */
export function checkAnswer(intent: ConnectIntent, answer: ConnectAnswer): string | null {
  if (intent.needs === 'bindingKey' && answer.key.trim() === '') {
    return intent.kind === 'bind' && intent.exchangeType === 'topic'
      ? tr('connect.rules.topicNeedsKey')
      : tr('connect.rules.directNeedsKey')
  }
  if (intent.kind === 'publish' && looksLikePattern(answer.key)) {
    const problem = routingKeyProblem('pattern', answer.key)
    if (problem) return problem
  }
  if (intent.needs === 'headerMatch') {
    const keys = Object.keys(answer.headers ?? {}).filter((k) => k !== 'x-match')
    if (keys.length === 0) return tr('connect.rules.headersNeedOne')
  }
  return null
}

export function applyConnection(doc: DesignDoc, intent: ConnectIntent, answer: ConnectAnswer = { key: '' }): DesignDoc {
  switch (intent.kind) {
    case 'bind':
      return addBinding(doc, {
        source: intent.source,
        destination: intent.destination,
        destinationType: intent.destinationType,
        routingKey: intent.needs === 'bindingKey' ? answer.key : '',
        arguments: intent.needs === 'headerMatch' ? (answer.headers ?? {}) : {},
      })
    case 'publish': {
      const p = doc.producers[intent.producerId]
      return {
        ...doc,
        producers: {
          ...doc.producers,
          [p.id]: {
            ...p,
            exchange: intent.exchange,
            routingKey: answer.key,
            routingKeyMode: looksLikePattern(answer.key) ? 'pattern' : 'fixed',
          },
        },
      }
    }
    case 'consume': {
      const c = doc.consumers[intent.consumerId]
      return { ...doc, consumers: { ...doc.consumers, [c.id]: { ...c, queue: intent.queue } } }
    }
    case 'deadLetter': {
      const q = doc.queues[intent.queue]
      const args: FieldTable = { ...q.arguments, 'x-dead-letter-exchange': intent.exchange }
      delete args['x-dead-letter-routing-key']
      if (answer.key !== '') args['x-dead-letter-routing-key'] = answer.key
      return putQueue(doc, { ...q, arguments: args })
    }
    case 'alternate': {
      const x = doc.exchanges[intent.exchange]
      return putExchange(doc, { ...x, arguments: { ...x.arguments, 'alternate-exchange': intent.alternate } })
    }
  }
}
