// Durable state in IndexedDB with group commit: changes gather in memory and go to disk in one
// transaction at a time; the next transaction starts when the previous one is done. Persistent
// messages are written many to a record (one record per queue per commit), and their acks and
// deliveries as small mark records beside them, so a commit costs a few records however many messages.

import type { DurableLog } from '../broker.ts'
import type { BindingDef, ExchangeDef, QueueDef } from '../model.ts'
import type { QueuedMessage } from '../queue-store.ts'
import { bindingKey, type WarrenDatabase, type WarrenDB } from './db.ts'
import { isStoredMessage, type StoredMessage } from './records.ts'

interface Batch {
  id: number
  min: number // lowest and highest seq in the batch: batches of one queue never overlap
  max: number
  live: number
  marks: number // mark records written so far
}

interface QueueLog {
  vhost: string
  queue: string
  batches: Batch[] // ascending by seq
  nextBatch: number
  pending: Map<number, StoredMessage> // written at the next commit
  acked: Map<number, number[]> // batch id -> seqs
  delivered: Map<number, number[]>
  dropBatches: number[]
}

type EntityOp =
  | { store: 'exchanges'; key: WarrenDB['exchanges']['key']; value: WarrenDB['exchanges']['value'] | null }
  | { store: 'queues'; key: WarrenDB['queues']['key']; value: WarrenDB['queues']['value'] | null }
  | { store: 'bindings'; key: WarrenDB['bindings']['key']; value: WarrenDB['bindings']['value'] | null }

export interface RecoveredQueueMessages {
  vhost: string
  queue: string
  messages: (StoredMessage & { redelivered: boolean })[]
}

export interface RecoveredState {
  exchanges: (ExchangeDef & { vhost: string })[]
  queues: (QueueDef & { vhost: string })[]
  bindings: (BindingDef & { vhost: string })[]
  messages: RecoveredQueueMessages[]
  corrupt: string[] // records skipped because they could not be read; left on disk untouched
}

const queueKey = (vhost: string, queue: string) => `${vhost}\u0000${queue}`

export class IdbDurableLog implements DurableLog {
  private readonly queues = new Map<string, QueueLog>()
  private entityOps = new Map<string, EntityOp>()
  private purgedQueues: [string, string][] = []
  private dirty = false
  private committing: Promise<void> | null = null
  private epoch = 1 // the commit that changes made now will go out in

  constructor(private readonly db: WarrenDatabase) {}

  /** The commit that will carry the changes made from now on; `whenCommitted(epoch)` waits for it. */
  get currentEpoch(): number {
    return this.epoch
  }

  get hasPending(): boolean {
    return this.dirty
  }

  // ---- DurableLog ---------------------------------------------------------

  exchangeSaved(vhost: string, def: ExchangeDef): void {
    this.entity({ store: 'exchanges', key: [vhost, def.name], value: { ...def, vhost } })
  }

  exchangeDeleted(vhost: string, name: string): void {
    this.entity({ store: 'exchanges', key: [vhost, name], value: null })
  }

  queueSaved(vhost: string, def: QueueDef): void {
    this.entity({ store: 'queues', key: [vhost, def.name], value: { ...def, vhost } })
  }

  queueDeleted(vhost: string, name: string): void {
    this.entity({ store: 'queues', key: [vhost, name], value: null })
    this.queues.delete(queueKey(vhost, name))
    this.purgedQueues.push([vhost, name])
  }

  bindingSaved(vhost: string, def: BindingDef): void {
    this.entity({ store: 'bindings', key: bindingKey(vhost, def), value: { ...def, vhost } })
  }

  bindingDeleted(vhost: string, def: BindingDef): void {
    this.entity({ store: 'bindings', key: bindingKey(vhost, def), value: null })
  }

  messageStored(vhost: string, queue: string, entry: QueuedMessage): void {
    const m = entry.message
    this.log(vhost, queue).pending.set(entry.seq, {
      seq: entry.seq,
      exchange: m.exchange,
      routingKey: m.routingKey,
      routingKeys: m.routingKeys,
      body: m.body,
      properties: m.properties,
      expiresAt: entry.expiresAt,
      deliveryCount: entry.deliveryCount,
    })
    this.dirty = true
  }

  messageDelivered(vhost: string, queue: string, entry: QueuedMessage): void {
    const log = this.queues.get(queueKey(vhost, queue))
    if (!log || log.pending.has(entry.seq)) return
    const batch = findBatch(log.batches, entry.seq)
    if (!batch) return
    push(log.delivered, batch.id, entry.seq)
    this.dirty = true
  }

  messageRemoved(vhost: string, queue: string, entry: QueuedMessage): void {
    const log = this.queues.get(queueKey(vhost, queue))
    if (!log) return
    if (log.pending.delete(entry.seq)) return
    const batch = findBatch(log.batches, entry.seq)
    if (!batch) return
    batch.live--
    if (batch.live === 0) {
      log.batches.splice(log.batches.indexOf(batch), 1)
      log.dropBatches.push(batch.id)
      log.acked.delete(batch.id)
      log.delivered.delete(batch.id)
    } else {
      push(log.acked, batch.id, entry.seq)
    }
    this.dirty = true
  }

  // ---- commits --------------------------------------------------------------

  private entity(op: EntityOp): void {
    this.entityOps.set(`${op.store}\u0000${JSON.stringify(op.key)}`, op)
    this.dirty = true
  }

  private log(vhost: string, queue: string): QueueLog {
    const key = queueKey(vhost, queue)
    let log = this.queues.get(key)
    if (!log) {
      log = { vhost, queue, batches: [], nextBatch: 1, pending: new Map(), acked: new Map(), delivered: new Map(), dropBatches: [] }
      this.queues.set(key, log)
    }
    return log
  }

  /**
   * Writes everything gathered so far in one transaction. Calls made while a commit runs queue up
   * behind it. Resolves when the changes made before the call are on disk; rejects if that write failed.
   */
  commit(): Promise<void> {
    if (this.committing) return this.committing.then(() => (this.dirty ? this.commit() : undefined))
    if (!this.dirty) return Promise.resolve()
    const work = this.takePending()
    this.epoch++
    this.committing = this.write(work).finally(() => {
      this.committing = null
    })
    return this.committing
  }

  private takePending() {
    const entityOps = [...this.entityOps.values()]
    const purged = this.purgedQueues
    const batches: { key: WarrenDB['messages']['key']; messages: StoredMessage[] }[] = []
    const marks: { key: WarrenDB['marks']['key']; value: WarrenDB['marks']['value'] }[] = []
    const drops: [string, string, number][] = []
    for (const log of this.queues.values()) {
      for (const [batchId, acked] of log.acked) {
        const batch = log.batches.find((b) => b.id === batchId)!
        marks.push({ key: [log.vhost, log.queue, batchId, batch.marks++], value: { acked, delivered: log.delivered.get(batchId) ?? [] } })
        log.delivered.delete(batchId)
      }
      for (const [batchId, delivered] of log.delivered) {
        const batch = log.batches.find((b) => b.id === batchId)!
        marks.push({ key: [log.vhost, log.queue, batchId, batch.marks++], value: { acked: [], delivered } })
      }
      log.acked = new Map()
      log.delivered = new Map()
      for (const id of log.dropBatches) drops.push([log.vhost, log.queue, id])
      log.dropBatches = []
      if (log.pending.size > 0) {
        const messages = [...log.pending.values()].sort((a, b) => a.seq - b.seq)
        const id = log.nextBatch++
        log.batches.push({ id, min: messages[0].seq, max: messages[messages.length - 1].seq, live: messages.length, marks: 0 })
        log.batches.sort((a, b) => a.min - b.min)
        batches.push({ key: [log.vhost, log.queue, id], messages })
        log.pending = new Map()
      }
    }
    this.entityOps = new Map()
    this.purgedQueues = []
    this.dirty = false
    return { entityOps, purged, batches, marks, drops }
  }

  private async write(work: ReturnType<IdbDurableLog['takePending']>): Promise<void> {
    const tx = this.db.transaction(['exchanges', 'queues', 'bindings', 'messages', 'marks'], 'readwrite')
    const requests: Promise<unknown>[] = []
    for (const [vhost, queue] of work.purged) {
      requests.push(tx.objectStore('messages').delete(IDBKeyRange.bound([vhost, queue], [vhost, queue, []])))
      requests.push(tx.objectStore('marks').delete(IDBKeyRange.bound([vhost, queue], [vhost, queue, []])))
    }
    for (const op of work.entityOps) {
      const store = tx.objectStore(op.store)
      requests.push(op.value ? store.put(op.value as never, op.key as never) : store.delete(op.key as never))
    }
    for (const [vhost, queue, id] of work.drops) {
      requests.push(tx.objectStore('messages').delete([vhost, queue, id]))
      requests.push(tx.objectStore('marks').delete(IDBKeyRange.bound([vhost, queue, id], [vhost, queue, id, Infinity])))
    }
    for (const batch of work.batches) requests.push(tx.objectStore('messages').put({ messages: batch.messages }, batch.key))
    for (const mark of work.marks) requests.push(tx.objectStore('marks').put(mark.value, mark.key))
    // Every request is awaited through tx.done; their own promises must not reject unobserved.
    for (const request of requests) request.catch(() => {})
    await tx.done
  }

  // ---- recovery -------------------------------------------------------------

  /** Reads the whole durable state and prepares the bookkeeping for the messages that come back. */
  async load(): Promise<RecoveredState> {
    const tx = this.db.transaction(['exchanges', 'queues', 'bindings', 'messages', 'marks'], 'readonly')
    const [exchanges, queues, bindings, messageKeys, messageRecords, markKeys, markRecords] = await Promise.all([
      tx.objectStore('exchanges').getAll(),
      tx.objectStore('queues').getAll(),
      tx.objectStore('bindings').getAll(),
      tx.objectStore('messages').getAllKeys(),
      tx.objectStore('messages').getAll(),
      tx.objectStore('marks').getAllKeys(),
      tx.objectStore('marks').getAll(),
    ])
    await tx.done
    const corrupt: string[] = []
    const marksByBatch = new Map<string, { acked: Set<number>; delivered: Set<number>; count: number }>()
    markKeys.forEach((key, i) => {
      const record = markRecords[i]
      if (!record || !Array.isArray(record.acked) || !Array.isArray(record.delivered)) {
        corrupt.push(`marks ${JSON.stringify(key)}`)
        return
      }
      const id = `${key[0]}\u0000${key[1]}\u0000${key[2]}`
      let m = marksByBatch.get(id)
      if (!m) marksByBatch.set(id, (m = { acked: new Set(), delivered: new Set(), count: 0 }))
      for (const seq of record.acked) m.acked.add(seq)
      for (const seq of record.delivered) m.delivered.add(seq)
      m.count = Math.max(m.count, key[3] + 1)
    })
    const byQueue = new Map<string, RecoveredQueueMessages>()
    messageKeys.forEach((key, i) => {
      const [vhost, queue, batchId] = key
      const record = messageRecords[i]
      if (!record || !Array.isArray(record.messages) || !record.messages.every(isStoredMessage)) {
        corrupt.push(`messages ${JSON.stringify(key)}`)
        return
      }
      const marks = marksByBatch.get(`${vhost}\u0000${queue}\u0000${batchId}`)
      const log = this.log(vhost, queue)
      const alive = record.messages.filter((m) => !marks?.acked.has(m.seq))
      log.nextBatch = Math.max(log.nextBatch, batchId + 1)
      if (alive.length === 0) {
        log.dropBatches.push(batchId)
        this.dirty = true
        return
      }
      log.batches.push({ id: batchId, min: record.messages[0].seq, max: record.messages[record.messages.length - 1].seq, live: alive.length, marks: marks?.count ?? 0 })
      let recovered = byQueue.get(queueKey(vhost, queue))
      if (!recovered) byQueue.set(queueKey(vhost, queue), (recovered = { vhost, queue, messages: [] }))
      for (const m of alive) recovered.messages.push({ ...m, redelivered: marks?.delivered.has(m.seq) ?? false })
    })
    for (const log of this.queues.values()) log.batches.sort((a, b) => a.min - b.min)
    for (const r of byQueue.values()) r.messages.sort((a, b) => a.seq - b.seq)
    return { exchanges, queues, bindings, messages: [...byQueue.values()], corrupt }
  }

  async getMeta(key: string): Promise<unknown> {
    return this.db.get('meta', key)
  }

  /** Small named records (the design) are written on their own, outside the group commit. */
  async putMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', value, key)
  }

  /** Deletes every entity and message on disk. */
  async clear(): Promise<void> {
    await this.committing?.catch(() => {})
    const tx = this.db.transaction(['exchanges', 'queues', 'bindings', 'messages', 'marks'], 'readwrite')
    await Promise.all([
      tx.objectStore('exchanges').clear(), tx.objectStore('queues').clear(), tx.objectStore('bindings').clear(),
      tx.objectStore('messages').clear(), tx.objectStore('marks').clear(), tx.done,
    ])
    this.queues.clear()
    this.entityOps = new Map()
    this.purgedQueues = []
    this.dirty = false
  }
}

function findBatch(batches: Batch[], seq: number): Batch | undefined {
  let lo = 0
  let hi = batches.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = batches[mid]
    if (seq < b.min) hi = mid - 1
    else if (seq > b.max) lo = mid + 1
    else return b
  }
  return undefined
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
