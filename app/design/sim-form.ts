// The producer and consumer inspectors' forms as text, and back to definitions with every value checked.
// A form either becomes a whole new definition or a sentence saying what is wrong; nothing half-applies.

import type { ConsumerBehaviour, FailureAction } from '../../engine/simulation/specs.ts'
import { rowsFromTable, tableFromRows, type FieldRow } from './field-rows.ts'
import { routingKeyProblem, STREAM_OFFSET } from './sim-specs.ts'
import type { AckMode, ConsumerDef, ProducerDef, RoutingKeyMode } from './types.ts'
import { t } from '../i18n/index.ts'

export const MAX_RATE = 10_000
export const MAX_BURST = 100_000
const MAX_MS = 3_600_000

export interface ProducerForm {
  name: string
  exchange: string | null
  routingKeyMode: RoutingKeyMode
  routingKey: string
  rate: string
  burst: string
  body: string
  headers: FieldRow[]
  persistent: boolean
  mandatory: boolean
  confirms: boolean
  expiration: string // blank: none
  priority: string // blank: none
}

export type BehaviourKind = ConsumerBehaviour['kind']

export interface ConsumerForm {
  name: string
  queue: string | null
  ackMode: AckMode
  prefetch: string
  processingMs: string
  processingMaxMs: string // blank: always processingMs
  behaviour: BehaviourKind
  failures: string
  probability: string
  action: FailureAction
  streamOffset: string // blank: next
}

/** A whole number in [min, max] or a sentence naming the field (`what` is its key in sim.fields). */
export function wholeNumber(text: string, what: string, min: number, max: number): number | string {
  const n = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    return t('sim.wholeNumber', { what: t(`sim.fields.${what}`), min, max })
  return n
}

function optionalWhole(text: string, what: string, max: number): number | null | string {
  return text.trim() === '' ? null : wholeNumber(text, what, 0, max)
}

export const producerForm = (p: ProducerDef): ProducerForm => ({
  name: p.name,
  exchange: p.exchange,
  routingKeyMode: p.routingKeyMode,
  routingKey: p.routingKey,
  rate: String(p.rate),
  burst: String(p.burst),
  body: p.body,
  headers: rowsFromTable(p.headers),
  persistent: p.persistent,
  mandatory: p.mandatory,
  confirms: p.confirms,
  expiration: p.expiration === null ? '' : String(p.expiration),
  priority: p.priority === null ? '' : String(p.priority),
})

export function producerFromForm(def: ProducerDef, f: ProducerForm): ProducerDef | { error: string } {
  const name = f.name.trim()
  if (name === '') return { error: t('sim.producerNeedsName') }
  const keyProblem = routingKeyProblem(f.routingKeyMode, f.routingKey)
  if (keyProblem) return { error: keyProblem }
  const rate = Number(f.rate.trim())
  if (f.rate.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > MAX_RATE)
    return { error: t('sim.rate', { max: MAX_RATE }) }
  const burst = wholeNumber(f.burst, 'burst', 0, MAX_BURST)
  if (typeof burst === 'string') return { error: burst }
  const headers = tableFromRows(f.headers)
  if ('error' in headers) return headers
  const expiration = optionalWhole(f.expiration, 'expiration', MAX_MS * 24)
  if (typeof expiration === 'string') return { error: expiration }
  const priority = optionalWhole(f.priority, 'priority', 255)
  if (typeof priority === 'string') return { error: priority }
  return {
    ...def,
    name,
    exchange: f.exchange,
    routingKeyMode: f.routingKeyMode,
    routingKey: f.routingKey,
    rate,
    burst,
    body: f.body,
    headers: headers.table,
    persistent: f.persistent,
    mandatory: f.mandatory,
    confirms: f.confirms,
    expiration,
    priority,
    running: def.running && rate > 0,
  }
}

export const consumerForm = (c: ConsumerDef): ConsumerForm => {
  const [low, high] = typeof c.processingMs === 'number' ? [c.processingMs, null] : c.processingMs
  const b = c.behaviour
  return {
    name: c.name,
    queue: c.queue,
    ackMode: c.ackMode,
    prefetch: String(c.prefetch),
    processingMs: String(low),
    processingMaxMs: high === null ? '' : String(high),
    behaviour: b.kind,
    failures: b.kind === 'fail-first' ? String(b.failures) : '1',
    probability: b.kind === 'fail-randomly' ? String(b.probability) : '0.1',
    action: b.kind === 'ack' ? 'requeue' : b.action,
    streamOffset: c.streamOffset ?? '',
  }
}

export function consumerFromForm(def: ConsumerDef, f: ConsumerForm): ConsumerDef | { error: string } {
  const name = f.name.trim()
  if (name === '') return { error: t('sim.consumerNeedsName') }
  const prefetch = wholeNumber(f.prefetch, 'prefetch', 0, 65535)
  if (typeof prefetch === 'string') return { error: prefetch }
  const low = wholeNumber(f.processingMs, 'processing', 0, MAX_MS)
  if (typeof low === 'string') return { error: low }
  let processingMs: ConsumerDef['processingMs'] = low
  if (f.processingMaxMs.trim() !== '') {
    const high = wholeNumber(f.processingMaxMs, 'processingMax', 0, MAX_MS)
    if (typeof high === 'string') return { error: high }
    if (high < low) return { error: t('sim.processingOrder', { high, low }) }
    if (high > low) processingMs = [low, high]
  }
  let behaviour: ConsumerBehaviour = { kind: 'ack' }
  if (f.behaviour === 'fail-first') {
    const failures = wholeNumber(f.failures, 'failures', 1, 1_000_000)
    if (typeof failures === 'string') return { error: failures }
    behaviour = { kind: 'fail-first', failures, action: f.action }
  } else if (f.behaviour === 'fail-randomly') {
    const p = Number(f.probability.trim())
    if (f.probability.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) return { error: t('sim.probability') }
    behaviour = { kind: 'fail-randomly', probability: p, action: f.action }
  }
  if (f.ackMode === 'auto' && behaviour.kind !== 'ack') return { error: t('sim.autoAckCannotFail') }
  const offset = f.streamOffset.trim()
  if (offset !== '' && !STREAM_OFFSET.test(offset)) return { error: t('sim.streamOffsetInvalid') }
  const { streamOffset: _previous, ...rest } = def
  const next = { ...rest, name, queue: f.queue, ackMode: f.ackMode, prefetch, processingMs, behaviour }
  return offset === '' ? next : { ...next, streamOffset: offset }
}
