// Reading a stored design of any version. Version 1 knew producers as a key and consumers as an ack mode,
// prefetch and processing time; version 2 adds the whole simulation, so older fields get the defaults;
// version 3 keeps one design per vhost (the older ones knew only '/').
// Each entry is checked on its own: a damaged one is dropped or defaulted, never the whole design.

import type { FieldTable } from '../../engine/model.ts'
import type { ConsumerBehaviour, FailureAction } from '../../engine/simulation/specs.ts'
import { consumerDefaults, producerDefaults, STREAM_OFFSET } from './sim-specs.ts'
import {
  emptyDesignData,
  type ConsumerDef,
  type DesignData,
  type ProducerDef,
  type RoutingKeyMode,
  type SavedDesign,
  type SavedDesigns,
  type XY,
} from './types.ts'

export const SAVED_DESIGN_VERSION: SavedDesign['version'] = 3

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const finite = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min
const pick = <T>(v: unknown, ok: (v: unknown) => v is T, fallback: T): T => (ok(v) ? v : fallback)
const isBool = (v: unknown): v is boolean => typeof v === 'boolean'
const isString = (v: unknown): v is string => typeof v === 'string'
const orNull = (v: unknown, min: number): number | null => (finite(v, min) ? v : null)

const KEY_MODES: readonly RoutingKeyMode[] = ['fixed', 'cycle', 'pattern']
const ACTIONS: readonly FailureAction[] = ['requeue', 'dead-letter', 'reject', 'reject-requeue']

function headersOf(v: unknown): FieldTable {
  if (!isRecord(v)) return {}
  const table: FieldTable = {}
  for (const [k, x] of Object.entries(v))
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') table[k] = x
  return table
}

function producerOf(id: string, p: unknown): ProducerDef | null {
  if (
    !isRecord(p) ||
    typeof p.name !== 'string' ||
    !(p.exchange === null || typeof p.exchange === 'string') ||
    typeof p.routingKey !== 'string'
  )
    return null
  const d = producerDefaults()
  return {
    id,
    name: p.name,
    exchange: p.exchange,
    routingKey: p.routingKey,
    routingKeyMode: KEY_MODES.includes(p.routingKeyMode as RoutingKeyMode)
      ? (p.routingKeyMode as RoutingKeyMode)
      : d.routingKeyMode,
    rate: pick(p.rate, (v): v is number => finite(v, 0), d.rate),
    burst: pick(p.burst, (v): v is number => finite(v, 0) && Number.isInteger(v), d.burst),
    running: pick(p.running, isBool, d.running),
    headers: headersOf(p.headers),
    persistent: pick(p.persistent, isBool, d.persistent),
    expiration: orNull(p.expiration, 0),
    priority: orNull(p.priority, 0),
    body: pick(p.body, isString, d.body),
    mandatory: pick(p.mandatory, isBool, d.mandatory),
    confirms: pick(p.confirms, isBool, d.confirms),
  }
}

function processingOf(v: unknown, fallback: ConsumerDef['processingMs']): ConsumerDef['processingMs'] {
  if (finite(v, 0)) return v
  if (Array.isArray(v) && v.length === 2 && finite(v[0], 0) && finite(v[1], v[0])) return [v[0], v[1]]
  return fallback
}

function behaviourOf(v: unknown): ConsumerBehaviour {
  if (!isRecord(v)) return { kind: 'ack' }
  const action = ACTIONS.includes(v.action as FailureAction) ? (v.action as FailureAction) : 'requeue'
  if (v.kind === 'fail-first' && finite(v.failures, 0) && Number.isInteger(v.failures))
    return { kind: 'fail-first', failures: v.failures, action }
  if (v.kind === 'fail-randomly' && finite(v.probability, 0) && v.probability <= 1)
    return { kind: 'fail-randomly', probability: v.probability, action }
  return { kind: 'ack' }
}

function consumerOf(id: string, c: unknown): ConsumerDef | null {
  if (!isRecord(c) || typeof c.name !== 'string' || !(c.queue === null || typeof c.queue === 'string')) return null
  const d = consumerDefaults()
  return {
    id,
    name: c.name,
    queue: c.queue,
    ackMode: c.ackMode === 'auto' ? 'auto' : 'manual',
    prefetch: pick(c.prefetch, (v): v is number => finite(v, 0) && Number.isInteger(v), d.prefetch),
    processingMs: processingOf(c.processingMs, d.processingMs),
    behaviour: behaviourOf(c.behaviour),
    ...(typeof c.streamOffset === 'string' && STREAM_OFFSET.test(c.streamOffset)
      ? { streamOffset: c.streamOffset }
      : {}),
  }
}

/** One vhost's design, keeping only well-formed entries: a damaged record never blanks the page. */
function designDataOf(raw: Record<string, unknown>): DesignData {
  const producers: Record<string, ProducerDef> = {}
  const consumers: Record<string, ConsumerDef> = {}
  const positions: Record<string, XY> = {}
  if (isRecord(raw.producers)) {
    for (const [id, p] of Object.entries(raw.producers)) {
      const def = producerOf(id, p)
      if (def) producers[id] = def
    }
  }
  if (isRecord(raw.consumers)) {
    for (const [id, c] of Object.entries(raw.consumers)) {
      const def = consumerOf(id, c)
      if (def) consumers[id] = def
    }
  }
  if (isRecord(raw.positions)) {
    for (const [id, at] of Object.entries(raw.positions)) {
      if (isRecord(at) && typeof at.x === 'number' && typeof at.y === 'number') positions[id] = { x: at.x, y: at.y }
    }
  }
  return { producers, consumers, positions }
}

/** Reads a saved design of any version: each vhost's design and the vhost last shown. */
export function parseSavedDesigns(raw: unknown): SavedDesigns | null {
  if (!isRecord(raw)) return null
  if (raw.version === 1 || raw.version === 2) return { vhost: '/', vhosts: { '/': designDataOf(raw) } }
  if (raw.version !== 3 || !isRecord(raw.vhosts)) return null
  const vhosts: Record<string, DesignData> = {}
  for (const [name, design] of Object.entries(raw.vhosts)) if (isRecord(design)) vhosts[name] = designDataOf(design)
  const vhost = typeof raw.vhost === 'string' && vhosts[raw.vhost] ? raw.vhost : '/'
  return { vhost, vhosts }
}

/** The design of the vhost last shown, from a saved design of any version. */
export function parseSavedDesign(raw: unknown): DesignData | null {
  const saved = parseSavedDesigns(raw)
  return saved ? (saved.vhosts[saved.vhost] ?? emptyDesignData()) : null
}
