// What durable state looks like on disk, and the checks that a record read back is sound.
// Records are read by shape, never trusted: a record that fails its check is skipped and left on disk.

import type { BindingDef, Body, ExchangeDef, FieldTable, MessageProperties, QueueDef } from '../model.ts'
import type { PolicyDef } from '../policy.ts'
import type { QueuePlacement } from '../cluster/replicas.ts'
import type { QueuedMessage } from '../queue-store.ts'
import { columnAt, compactColumn, type Column } from '../worker/columns.ts'

/**
 * The persistent messages of one queue written by one commit, column by column: far cheaper to clone
 * in and out of IndexedDB than one object per message. Rows are in ascending `seqs` order.
 */
export interface MessageBatchRecord {
  format: 2
  seqs: number[]
  exchanges: Column<string>
  routingKeys: Column<string>
  ccKeys: (string[] | null)[] | null // CC/BCC routing keys per row; null when no row has any
  bodies: Body[]
  properties: Column<MessageProperties>
  expiresAt: Column<number> // Infinity when it never expires
  deliveryCounts: Column<number>
  delivered: Column<boolean> // handed to a consumer before the commit: comes back redelivered
  appendedAt?: Column<number> // stream messages: when they were appended (retention by age, timestamp offsets)
}

/** The first record format (one object per message); still read, never written. */
export interface MessageRowsRecord {
  messages: StoredMessageV1[]
}

export interface StoredMessageV1 {
  seq: number
  exchange: string
  routingKey: string
  routingKeys: string[] | null
  body: Body
  properties: MessageProperties
  expiresAt: number
  deliveryCount: number
}

/** A persistent message waiting for the next commit. */
export interface PendingMessage {
  entry: QueuedMessage
  delivered: boolean // handed to a consumer before it was written
}

/** One message as read back: the fields a queue needs to hold it again. */
export interface StoredMessage extends StoredMessageV1 {
  delivered: boolean
  appendedAt?: number
}

/** Acks and deliveries recorded against the messages of one batch by one commit. */
export interface MarksRecord {
  acked: number[]
  delivered: number[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isBody = (v: unknown): v is Body => typeof v === 'string' || v instanceof Uint8Array
const isKeys = (v: unknown) => v === null || (Array.isArray(v) && v.every((k) => typeof k === 'string'))

function columnOk(column: unknown, n: number, check: (v: unknown) => boolean): boolean {
  if (!Array.isArray(column)) return check(column)
  if (column.length !== n) return false
  for (let i = 0; i < n; i++) if (!check(column[i])) return false
  return true
}

/** Decodes a message record of either format; null when it is not sound. */
export function decodeMessageRecord(value: unknown): StoredMessage[] | null {
  if (!isObject(value)) return null
  if (value.format === 2) return decodeColumns(value)
  if (Array.isArray(value.messages)) return decodeRows(value.messages)
  return null
}

function decodeColumns(r: Record<string, unknown>): StoredMessage[] | null {
  const seqs = r.seqs
  if (!Array.isArray(seqs) || seqs.length === 0) return null
  const n = seqs.length
  for (let i = 0; i < n; i++) if (typeof seqs[i] !== 'number' || (i > 0 && seqs[i] <= seqs[i - 1])) return null
  const ok =
    Array.isArray(r.bodies) &&
    columnOk(r.bodies, n, isBody) &&
    columnOk(r.exchanges, n, (v) => typeof v === 'string') &&
    columnOk(r.routingKeys, n, (v) => typeof v === 'string') &&
    (Array.isArray(r.ccKeys) ? columnOk(r.ccKeys, n, isKeys) : r.ccKeys === null) &&
    columnOk(r.properties, n, isObject) &&
    columnOk(r.expiresAt, n, (v) => typeof v === 'number') &&
    columnOk(r.deliveryCounts, n, (v) => typeof v === 'number') &&
    columnOk(r.delivered, n, (v) => typeof v === 'boolean') &&
    (r.appendedAt === undefined || columnOk(r.appendedAt, n, (v) => typeof v === 'number'))
  if (!ok) return null
  const c = r as unknown as MessageBatchRecord
  const out: StoredMessage[] = new Array(n)
  for (let i = 0; i < n; i++) {
    out[i] = {
      seq: seqs[i],
      exchange: columnAt(c.exchanges, i),
      routingKey: columnAt(c.routingKeys, i),
      routingKeys: c.ccKeys === null ? null : c.ccKeys[i],
      body: c.bodies[i],
      properties: columnAt(c.properties, i),
      expiresAt: columnAt(c.expiresAt, i),
      deliveryCount: columnAt(c.deliveryCounts, i),
      delivered: columnAt(c.delivered, i),
    }
    if (c.appendedAt !== undefined) out[i].appendedAt = columnAt(c.appendedAt, i)
  }
  return out
}

function decodeRows(rows: unknown[]): StoredMessage[] | null {
  if (rows.length === 0) return null
  const out: StoredMessage[] = []
  for (const m of rows) {
    if (!isObject(m)) return null
    if (
      typeof m.seq !== 'number' ||
      typeof m.exchange !== 'string' ||
      typeof m.routingKey !== 'string' ||
      !isBody(m.body) ||
      !isObject(m.properties) ||
      typeof m.expiresAt !== 'number'
    )
      return null
    if (m.routingKeys !== undefined && !isKeys(m.routingKeys)) return null
    out.push({
      seq: m.seq,
      exchange: m.exchange,
      routingKey: m.routingKey,
      routingKeys: (m.routingKeys as string[] | null | undefined) ?? null,
      body: m.body,
      properties: m.properties as MessageProperties,
      expiresAt: m.expiresAt,
      deliveryCount: typeof m.deliveryCount === 'number' ? m.deliveryCount : 0,
      delivered: false,
    })
  }
  out.sort((a, b) => a.seq - b.seq)
  return out
}

export function isMarksRecord(value: unknown): value is MarksRecord {
  return (
    isObject(value) &&
    Array.isArray(value.acked) &&
    Array.isArray(value.delivered) &&
    value.acked.every((s) => typeof s === 'number') &&
    value.delivered.every((s) => typeof s === 'number')
  )
}

export function isExchangeRecord(value: unknown): value is ExchangeDef & { vhost: string } {
  return (
    isObject(value) &&
    typeof value.vhost === 'string' &&
    typeof value.name === 'string' &&
    typeof value.type === 'string' &&
    typeof value.durable === 'boolean' &&
    typeof value.autoDelete === 'boolean' &&
    typeof value.internal === 'boolean' &&
    isObject(value.arguments)
  )
}

/** A durable queue on disk; `placement` only in a cluster (records from before it have none). */
export type QueueRecord = QueueDef & { vhost: string; placement?: QueuePlacement }

const isPlacement = (v: unknown): v is QueuePlacement =>
  isObject(v) &&
  typeof v.leader === 'string' &&
  Array.isArray(v.members) &&
  v.members.length > 0 &&
  v.members.every((m) => typeof m === 'string')

export function isQueueRecord(value: unknown): value is QueueRecord {
  return (
    isObject(value) &&
    typeof value.vhost === 'string' &&
    typeof value.name === 'string' &&
    value.name !== '' &&
    typeof value.autoDelete === 'boolean' &&
    isObject(value.arguments) &&
    (value.placement === undefined || isPlacement(value.placement))
  )
}

export function isBindingRecord(value: unknown): value is BindingDef & { vhost: string } {
  return (
    isObject(value) &&
    typeof value.vhost === 'string' &&
    typeof value.source === 'string' &&
    typeof value.destination === 'string' &&
    (value.destinationType === 'queue' || value.destinationType === 'exchange') &&
    typeof value.routingKey === 'string' &&
    isObject(value.arguments as FieldTable)
  )
}

/** The record for messages waiting to be written (keyed by seq), rows in seq order. */
export function encodeMessageBatch(pending: Map<number, PendingMessage>): MessageBatchRecord {
  let rows: Iterable<PendingMessage> = pending.values()
  let last = -Infinity
  for (const seq of pending.keys()) {
    if (seq < last) {
      // Queues hand out seqs in order, so this never runs today; records must stay sorted regardless.
      rows = [...pending.values()].sort((a, b) => a.entry.seq - b.entry.seq)
      break
    }
    last = seq
  }
  const n = pending.size
  const seqs: number[] = new Array(n)
  const exchanges: string[] = new Array(n)
  const routingKeys: string[] = new Array(n)
  const ccKeys: (string[] | null)[] = new Array(n)
  const bodies: MessageBatchRecord['bodies'] = new Array(n)
  const properties: MessageBatchRecord['properties'][] = new Array(n)
  const expiresAt: number[] = new Array(n)
  const deliveryCounts: number[] = new Array(n)
  const delivered: boolean[] = new Array(n)
  const appendedAt: number[] = new Array(n)
  let anyCc = false
  let anyAppended = false
  let i = 0
  for (const row of rows) {
    const entry = row.entry
    const m = entry.message
    seqs[i] = entry.seq
    exchanges[i] = m.exchange
    routingKeys[i] = m.routingKey
    ccKeys[i] = m.routingKeys
    if (m.routingKeys) anyCc = true
    bodies[i] = m.body
    properties[i] = m.properties
    expiresAt[i] = entry.expiresAt
    deliveryCounts[i] = entry.deliveryCount
    delivered[i] = row.delivered || entry.redelivered
    appendedAt[i] = entry.appendedAt ?? 0
    if (entry.appendedAt !== undefined) anyAppended = true
    i++
  }
  return {
    format: 2,
    seqs,
    exchanges: compactColumn(exchanges),
    routingKeys: compactColumn(routingKeys),
    ccKeys: anyCc ? ccKeys : null,
    bodies,
    properties: compactColumn(properties) as MessageBatchRecord['properties'],
    expiresAt: compactColumn(expiresAt),
    deliveryCounts: compactColumn(deliveryCounts),
    delivered: compactColumn(delivered),
    ...(anyAppended ? { appendedAt: compactColumn(appendedAt) } : {}),
  }
}

/** A policy on disk; records written before operator policies were kept have no `operator` and are policies. */
export type PolicyRecord = PolicyDef & { vhost: string; operator?: true }

export function isPolicyRecord(value: unknown): value is PolicyRecord {
  return (
    isObject(value) &&
    typeof value.vhost === 'string' &&
    typeof value.name === 'string' &&
    typeof value.pattern === 'string' &&
    (value.applyTo === 'queues' || value.applyTo === 'exchanges' || value.applyTo === 'all') &&
    typeof value.priority === 'number' &&
    isObject(value.definition) &&
    (value.operator === undefined || value.operator === true)
  )
}

/** A vhost other than '/', kept even while it holds nothing. */
export interface VhostRecord {
  name: string
}

export function isVhostRecord(value: unknown): value is VhostRecord {
  return isObject(value) && typeof value.name === 'string' && value.name !== ''
}
