// Producer and consumer nodes as the broker's simulation sees them, and back: defaults for new nodes,
// specs for the worker, and the checks the inspectors run before anything is sent.

import type { ConsumerSpec, ProducerSpec, RoutingKeyTemplate } from '../../engine/simulation/specs.ts'
import type { ConsumerDef, ProducerDef, RoutingKeyMode } from './types.ts'
import { t } from '../i18n/index.ts'

/**
 * The simulation's id for a node of `vhost`. Node ids are unique within one vhost's design only, so nodes
 * of other vhosts than '/' carry their vhost in the simulation's id.
 */
export const simId = (vhost: string, nodeId: string) => (vhost === '/' ? nodeId : `${nodeId}@${vhost}`)

export const producerDefaults = (): Omit<ProducerDef, 'id' | 'name' | 'exchange' | 'routingKey'> => ({
  routingKeyMode: 'fixed',
  rate: 1,
  burst: 10,
  running: false,
  headers: {},
  persistent: false,
  expiration: null,
  priority: null,
  body: 'message {n}',
  mandatory: false,
  confirms: true,
})

export const consumerDefaults = (): Omit<ConsumerDef, 'id' | 'name' | 'queue'> => ({
  ackMode: 'manual',
  prefetch: 1,
  processingMs: 1000,
  behaviour: { kind: 'ack' },
})

export function newProducer(id: string, name: string): ProducerDef {
  return { id, name, exchange: null, routingKey: '', ...producerDefaults() }
}

export function newConsumer(id: string, name: string): ConsumerDef {
  return { id, name, queue: null, ...consumerDefaults() }
}

export const cycleKeys = (text: string) =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')

export function routingKeyTemplate(mode: RoutingKeyMode, text: string): RoutingKeyTemplate {
  if (mode === 'cycle') return { kind: 'cycle', keys: cycleKeys(text) }
  if (mode === 'pattern') return { kind: 'pattern', pattern: text }
  return { kind: 'fixed', key: text }
}

// Braces are ICU syntax, so the catalogue gets them (and the example) as values.
const PATTERN_WORDS = { open: "'{'", close: "'}'", example: 'order.{created|paid|cancelled}' }

/** Why a routing key template cannot be used, or null. Patterns are keys with {a|b|c} choices, not nested. */
export function routingKeyProblem(mode: RoutingKeyMode, text: string): string | null {
  if (text.length > 255) return t('sim.keyTooLong')
  if (mode === 'cycle' && cycleKeys(text).length === 0) return t('sim.cycleEmpty')
  if (mode !== 'pattern') return null
  let open = -1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '{') {
      if (open >= 0) return t('sim.patternNested', { ...PATTERN_WORDS, position: i + 1 })
      open = i
    } else if (ch === '}') {
      if (open < 0) return t('sim.patternUnopened', { ...PATTERN_WORDS, position: i + 1 })
      const choices = text.slice(open + 1, i).split('|')
      if (choices.some((c) => c === ''))
        return t('sim.patternEmptyOption', {
          example: '{created|paid|cancelled}',
          choice: `{${text.slice(open + 1, i)}}`,
        })
      open = -1
    }
  }
  if (open >= 0) return t('sim.patternUnclosed', { ...PATTERN_WORDS, position: open + 1 })
  return null
}

export function producerSpec(def: ProducerDef & { exchange: string }, vhost = '/'): ProducerSpec {
  const spec: ProducerSpec = {
    id: simId(vhost, def.id),
    vhost,
    exchange: def.exchange,
    rate: def.rate,
    routingKey: routingKeyTemplate(def.routingKeyMode, def.routingKey),
    body: def.body,
    mandatory: def.mandatory,
    confirms: def.confirms,
  }
  if (Object.keys(def.headers).length > 0) spec.headers = def.headers
  if (def.persistent) spec.persistent = true
  if (def.expiration !== null) spec.expiration = def.expiration
  if (def.priority !== null) spec.priority = def.priority
  return spec
}

/** The x-stream-offset values a simulated consumer takes: first, last, next, an offset, an interval ("30s", "1h"). */
export const STREAM_OFFSET = /^(first|last|next|\d+|\d+[YMDhms])$/

export function consumerSpec(def: ConsumerDef & { queue: string }, vhost = '/'): ConsumerSpec {
  return {
    id: simId(vhost, def.id),
    vhost,
    queue: def.queue,
    autoAck: def.ackMode === 'auto',
    prefetch: def.prefetch,
    processingMs: def.processingMs,
    behaviour: def.behaviour,
    ...(def.streamOffset === undefined
      ? {}
      : { streamOffset: /^\d+$/.test(def.streamOffset) ? Number(def.streamOffset) : def.streamOffset }),
  }
}

const keyText = (t: RoutingKeyTemplate): [RoutingKeyMode, string] =>
  t.kind === 'fixed' ? ['fixed', t.key] : t.kind === 'cycle' ? ['cycle', t.keys.join(', ')] : ['pattern', t.pattern]

/** A lesson's producer as a node; `running` when the lesson starts it at its rate. A producer with a rate gets a burst button of 10. */
export function producerDefOf(spec: ProducerSpec, running: boolean): ProducerDef {
  const [routingKeyMode, routingKey] = keyText(spec.routingKey)
  return {
    id: spec.id,
    name: spec.id,
    exchange: spec.exchange,
    routingKey,
    routingKeyMode,
    rate: spec.burst ? 0 : spec.rate,
    burst: spec.burst ?? (spec.rate > 0 ? 10 : 0),
    running: running && spec.rate > 0,
    headers: spec.headers ?? {},
    persistent: spec.persistent ?? false,
    expiration: spec.expiration ?? null,
    priority: spec.priority ?? null,
    body: spec.body,
    mandatory: spec.mandatory,
    confirms: spec.confirms,
  }
}

export function consumerDefOf(spec: ConsumerSpec): ConsumerDef {
  return {
    id: spec.id,
    name: spec.id,
    queue: spec.queue,
    ackMode: spec.autoAck ? 'auto' : 'manual',
    prefetch: spec.prefetch,
    processingMs: spec.processingMs,
    behaviour: spec.behaviour,
    ...(spec.streamOffset === undefined ? {} : { streamOffset: String(spec.streamOffset) }),
  }
}

/** "300 ms", "0.2–1 s": how long each message takes. */
export function processingLabel(ms: ConsumerDef['processingMs'], format: (ms: number) => string): string {
  return typeof ms === 'number' ? format(ms) : `${format(ms[0])}–${format(ms[1])}`
}
