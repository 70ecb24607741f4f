// Durable state in IndexedDB with group commit: changes gather in memory and go to disk in one
// transaction at a time; the next transaction starts when the previous one is done. Persistent
// messages are written many to a record (one record per queue per commit, column by column), and
// their acks and deliveries as small mark records beside them, so a commit costs a few records however
// many messages it carries. A message acked before its commit is never written at all.

import type { DurableLog } from '../durable-log.ts'
import type { BindingDef, ExchangeDef, QueueDef } from '../model.ts'
import type { PolicyDef } from '../policy.ts'
import type { QueuedMessage } from '../queue-store.ts'
import type { QueuePlacement } from '../cluster/replicas.ts'
import { unwrap } from 'idb'
import {
  bindingKey,
  DURABLE_STORES,
  policyKey,
  VHOST_KEYED_STORES,
  vhostKeyRange,
  type WarrenDatabase,
  type WarrenDB,
} from './db.ts'
import { readDurableState, type RawState } from './read.ts'
import {
  decodeMessageRecord,
  encodeMessageBatch,
  isBindingRecord,
  isExchangeRecord,
  isMarksRecord,
  isPolicyRecord,
  isQueueRecord,
  isVhostRecord,
  type MarksRecord,
  type MessageBatchRecord,
  type PendingMessage,
  type PolicyRecord,
  type QueueRecord,
  type StoredMessage,
} from './records.ts'

interface Batch {
  id: number
  min: number // lowest and highest seq still live in the batch: live batches of one queue never overlap
  max: number
  live: number
  marks: number // mark records written so far (the next mark key)
}

interface QueueLog {
  vhost: string
  queue: string
  batches: Batch[] // ascending by seq
  byId: Map<number, Batch>
  nextBatch: number
  pending: Map<number, PendingMessage> // by seq, in seq order: written at the next commit
  acked: Map<number, number[]> // batch id -> seqs
  delivered: Map<number, number[]>
  dropBatches: number[]
}

type EntityOp =
  | { store: 'exchanges'; key: WarrenDB['exchanges']['key']; value: WarrenDB['exchanges']['value'] | null }
  | { store: 'queues'; key: WarrenDB['queues']['key']; value: WarrenDB['queues']['value'] | null }
  | { store: 'bindings'; key: WarrenDB['bindings']['key']; value: WarrenDB['bindings']['value'] | null }
  | { store: 'policies'; key: WarrenDB['policies']['key']; value: WarrenDB['policies']['value'] | null }
  | { store: 'vhosts'; key: WarrenDB['vhosts']['key']; value: WarrenDB['vhosts']['value'] | null }

export interface RecoveredQueueMessages {
  vhost: string
  queue: string
  /** In queue order; `delivered` means it was handed to a consumer and never acked: it comes back redelivered. */
  messages: StoredMessage[]
}

export interface RecoveredState {
  /** The vhosts other than '/', each recreated before anything in it. */
  vhosts: string[]
  exchanges: (ExchangeDef & { vhost: string })[]
  queues: QueueRecord[]
  bindings: (BindingDef & { vhost: string })[]
  policies: PolicyRecord[] // `operator: true` marks an operator policy
  messages: RecoveredQueueMessages[]
  corrupt: string[] // records skipped because they could not be read; left on disk untouched
}

interface Work {
  clearAll: boolean // empties every store first (a reset)
  entityOps: [string, EntityOp][]
  /** Vhosts whose every record goes before this commit's entity changes (one deleted, maybe created again since). */
  purgedVhosts: string[]
  purged: [string, string][]
  batches: { log: QueueLog; batch: Batch; record: MessageBatchRecord }[]
  marks: { log: QueueLog; batchId: number; key: WarrenDB['marks']['key']; value: MarksRecord }[]
  drops: { log: QueueLog; id: number }[]
}

interface Deferred {
  promise: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

const queueKey = (vhost: string, queue: string) => `${vhost}\u0000${queue}`
const describeKey = (key: IDBValidKey) => JSON.stringify(key)

export class IdbDurableLog implements DurableLog {
  private readonly queues = new Map<string, QueueLog>()
  private entityOps = new Map<string, EntityOp>()
  private purgedQueues: [string, string][] = []
  private purgedVhosts: string[] = []
  private dirty = false
  private clearAll = false
  /** The log used last: consecutive calls nearly always concern the same queue, and this skips building its key. */
  private last: QueueLog | null = null
  private inflight: Promise<void> | null = null
  private queued: Deferred | null = null

  /** Set once open: a commit then opens its transaction within the call, as the group commit's order needs. */
  private db: WarrenDatabase | null = null
  private readonly opening: Promise<WarrenDatabase>

  /** A database still opening is fine: changes gather in memory and the first commit waits for it. */
  constructor(db: WarrenDatabase | Promise<WarrenDatabase>) {
    if (db instanceof Promise) {
      this.opening = db.then((open) => {
        this.db = open
        return open
      })
      this.opening.catch(() => {}) // an open that fails rejects the commits and loads that wait for it
    } else {
      this.db = db
      this.opening = Promise.resolve(db)
    }
  }

  private database(): WarrenDatabase | Promise<WarrenDatabase> {
    return this.db ?? this.opening
  }

  /** Changes wait to be committed. */
  get hasPending(): boolean {
    return this.dirty
  }

  /**
   * Durable exchanges, queues, bindings, policies and vhosts changed but not yet on disk (after a failed commit,
   * they wait for the next one): in effect now, gone after a restart unless a commit succeeds.
   */
  unsavedEntities(): { store: EntityOp['store']; vhost: string; name: string; deleted: boolean }[] {
    return [...this.entityOps.values()].map((op) => ({
      store: op.store,
      vhost: op.store === 'vhosts' ? op.key : op.key[0],
      name: op.store === 'vhosts' ? op.key : op.store === 'bindings' ? `${op.key[1]} -> ${op.key[3]}` : op.key[1],
      deleted: op.value === null,
    }))
  }

  // ---- DurableLog ---------------------------------------------------------

  exchangeSaved(vhost: string, def: ExchangeDef): void {
    if (!def.durable) return // the engine reports every declare; only durable exchanges survive a restart
    this.entity({ store: 'exchanges', key: [vhost, def.name], value: { ...def, vhost } })
  }

  exchangeDeleted(vhost: string, name: string): void {
    this.entity({ store: 'exchanges', key: [vhost, name], value: null })
  }

  /** A new durable queue starts empty on disk too: anything left under its name (from an unreadable queue record) goes. */
  queueSaved(vhost: string, def: QueueDef, placement?: QueuePlacement): void {
    const value = placement ? { ...def, vhost, placement } : { ...def, vhost }
    this.entity({ store: 'queues', key: [vhost, def.name], value })
    this.forgetQueue(vhost, def.name)
  }

  queueDeleted(vhost: string, name: string): void {
    this.entity({ store: 'queues', key: [vhost, name], value: null })
    this.forgetQueue(vhost, name)
  }

  private forgetQueue(vhost: string, name: string): void {
    this.queues.delete(queueKey(vhost, name))
    this.last = null
    this.purgedQueues.push([vhost, name])
  }

  bindingSaved(vhost: string, def: BindingDef): void {
    this.entity({ store: 'bindings', key: bindingKey(vhost, def), value: { ...def, vhost } })
  }

  bindingDeleted(vhost: string, def: BindingDef): void {
    this.entity({ store: 'bindings', key: bindingKey(vhost, def), value: null })
  }

  policySaved(vhost: string, def: PolicyDef, operator = false): void {
    const { name, pattern, applyTo, priority, definition } = def
    const value: PolicyRecord = operator
      ? { vhost, name, pattern, applyTo, priority, definition, operator: true }
      : { vhost, name, pattern, applyTo, priority, definition }
    this.entity({ store: 'policies', key: policyKey(vhost, name, operator), value })
  }

  policyDeleted(vhost: string, name: string, operator = false): void {
    this.entity({ store: 'policies', key: policyKey(vhost, name, operator), value: null })
  }

  vhostSaved(name: string): void {
    this.entity({ store: 'vhosts', key: name, value: { name } })
  }

  /**
   * The vhost's record goes, and with the next commit every record keyed under it too, so nothing of it
   * (not even a record recovery could not read) brings it back. Changes made after this call are kept.
   */
  vhostDeleted(name: string): void {
    for (const [key, log] of this.queues) {
      if (log.vhost === name) this.queues.delete(key)
    }
    this.last = null
    for (const [key, op] of this.entityOps) {
      if (op.store !== 'vhosts' && op.key[0] === name) this.entityOps.delete(key) // the purge below covers them
    }
    this.purgedQueues = this.purgedQueues.filter(([vhost]) => vhost !== name)
    this.purgedVhosts.push(name)
    this.entity({ store: 'vhosts', key: name, value: null })
  }

  messageStored(vhost: string, queue: string, entry: QueuedMessage): void {
    this.log(vhost, queue).pending.set(entry.seq, { entry, delivered: false })
    this.dirty = true
  }

  messageDelivered(vhost: string, queue: string, entry: QueuedMessage): void {
    const log = this.find(vhost, queue)
    if (!log) return
    const row = log.pending.get(entry.seq)
    if (row) {
      row.delivered = true
      return
    }
    const batch = findBatch(log.batches, entry.seq)
    if (!batch) return
    push(log.delivered, batch.id, entry.seq)
    this.dirty = true
  }

  messageRemoved(vhost: string, queue: string, entry: QueuedMessage): void {
    const log = this.find(vhost, queue)
    if (!log) return
    if (log.pending.delete(entry.seq)) return
    const batch = findBatch(log.batches, entry.seq)
    if (!batch) return
    batch.live--
    if (batch.live === 0) {
      log.batches.splice(log.batches.indexOf(batch), 1)
      log.byId.delete(batch.id)
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

  private find(vhost: string, queue: string): QueueLog | undefined {
    const last = this.last
    if (last && last.queue === queue && last.vhost === vhost) return last
    const log = this.queues.get(queueKey(vhost, queue))
    if (log) this.last = log
    return log
  }

  private log(vhost: string, queue: string): QueueLog {
    let log = this.find(vhost, queue)
    if (!log) {
      log = {
        vhost,
        queue,
        batches: [],
        byId: new Map(),
        nextBatch: 1,
        pending: new Map(),
        acked: new Map(),
        delivered: new Map(),
        dropBatches: [],
      }
      this.queues.set(queueKey(vhost, queue), log)
      this.last = log
    }
    return log
  }

  /**
   * Writes what has gathered, one transaction at a time. Resolves once every change made before the
   * call is on disk; rejects if the commit carrying them failed (nothing of that commit is then on disk).
   */
  commit(): Promise<void> {
    if (this.inflight) {
      if (!this.dirty && !this.queued) return this.inflight
      this.queued ??= deferred()
      return this.queued.promise
    }
    if (!this.dirty) return Promise.resolve()
    return this.start()
  }

  private start(): Promise<void> {
    const work = this.takePending()
    // Everything gathered was undone before the commit (a message acked at once): no transaction needed.
    if (
      !work.clearAll &&
      work.entityOps.length === 0 &&
      work.purgedVhosts.length === 0 &&
      work.purged.length === 0 &&
      work.batches.length === 0 &&
      work.marks.length === 0 &&
      work.drops.length === 0
    )
      return Promise.resolve()
    const run = this.write(work).catch((error: unknown) => {
      this.putBack(work)
      throw error
    })
    this.inflight = run
    const next = () => {
      this.inflight = null
      const queued = this.queued
      this.queued = null
      if (!queued) return
      if (this.dirty) this.start().then(queued.resolve, queued.reject)
      else queued.resolve()
    }
    run.then(next, next)
    return run
  }

  private takePending(): Work {
    const work: Work = {
      clearAll: this.clearAll,
      entityOps: [...this.entityOps],
      purgedVhosts: this.purgedVhosts,
      purged: this.purgedQueues,
      batches: [],
      marks: [],
      drops: [],
    }
    this.clearAll = false
    for (const log of this.queues.values()) {
      for (const [batchId, acked] of log.acked) {
        const batch = log.byId.get(batchId)!
        let delivered = log.delivered.get(batchId) ?? []
        // A message delivered and acked since the last commit needs only its ack.
        if (delivered.length > 0) {
          const gone = new Set(acked)
          delivered = delivered.filter((seq) => !gone.has(seq))
        }
        work.marks.push({
          log,
          batchId,
          key: [log.vhost, log.queue, batchId, batch.marks++],
          value: { acked, delivered },
        })
        log.delivered.delete(batchId)
      }
      for (const [batchId, delivered] of log.delivered) {
        const batch = log.byId.get(batchId)!
        work.marks.push({
          log,
          batchId,
          key: [log.vhost, log.queue, batchId, batch.marks++],
          value: { acked: [], delivered },
        })
      }
      log.acked = new Map()
      log.delivered = new Map()
      for (const id of log.dropBatches) work.drops.push({ log, id })
      log.dropBatches = []
      if (log.pending.size > 0) {
        const record = encodeMessageBatch(log.pending)
        const batch: Batch = {
          id: log.nextBatch++,
          min: record.seqs[0],
          max: record.seqs[record.seqs.length - 1],
          live: record.seqs.length,
          marks: 0,
        }
        // New messages carry higher seqs than everything written before, so the batch goes at the end.
        log.batches.push(batch)
        log.byId.set(batch.id, batch)
        work.batches.push({ log, batch, record })
        log.pending = new Map()
      }
    }
    this.entityOps = new Map()
    this.purgedQueues = []
    this.purgedVhosts = []
    this.dirty = false
    return work
  }

  /** After a failed commit: its messages are forgotten (their publishes were nacked); the rest is retried with the next commit. */
  private putBack(work: Work): void {
    if (work.clearAll) this.clearAll = true
    // A vhost deleted since the failed commit took everything of it: its changes from that commit stay forgotten.
    const deletedSince = new Set(this.purgedVhosts)
    const vhostOf = (op: EntityOp) => (op.store === 'vhosts' ? op.key : op.key[0])
    for (const [key, op] of work.entityOps)
      if (!this.entityOps.has(key) && !deletedSince.has(vhostOf(op))) this.entityOps.set(key, op)
    this.purgedQueues = [...work.purged.filter(([vhost]) => !deletedSince.has(vhost)), ...this.purgedQueues]
    this.purgedVhosts = [...work.purgedVhosts, ...this.purgedVhosts]
    for (const { log, batch } of work.batches) {
      const at = log.batches.indexOf(batch)
      if (at >= 0) log.batches.splice(at, 1)
      log.byId.delete(batch.id)
    }
    for (const { log, batchId, value } of work.marks) {
      if (this.queues.get(queueKey(log.vhost, log.queue)) !== log || !log.byId.has(batchId)) continue
      for (const seq of value.acked) push(log.acked, batchId, seq)
      for (const seq of value.delivered) push(log.delivered, batchId, seq)
    }
    for (const { log, id } of work.drops)
      if (this.queues.get(queueKey(log.vhost, log.queue)) === log) log.dropBatches.push(id)
    this.dirty =
      this.clearAll ||
      this.entityOps.size > 0 ||
      this.purgedVhosts.length > 0 ||
      this.purgedQueues.length > 0 ||
      work.marks.length > 0 ||
      work.drops.length > 0 ||
      this.dirty
  }

  private async write(work: Work): Promise<void> {
    const db = this.db ?? (await this.opening)
    const tx = db.transaction([...DURABLE_STORES], 'readwrite')
    // Plain requests on the unwrapped transaction: no promise per request; any failure aborts the
    // transaction, and tx.done reports it.
    const raw = rawTransaction(tx)
    const messages = raw.objectStore('messages')
    const marks = raw.objectStore('marks')
    if (work.clearAll) for (const store of DURABLE_STORES) raw.objectStore(store).clear()
    for (const vhost of work.purgedVhosts) {
      for (const store of VHOST_KEYED_STORES) raw.objectStore(store).delete(vhostKeyRange(vhost))
    }
    for (const [vhost, queue] of work.purged) {
      messages.delete(IDBKeyRange.bound([vhost, queue], [vhost, queue, []]))
      marks.delete(IDBKeyRange.bound([vhost, queue], [vhost, queue, []]))
    }
    for (const [, op] of work.entityOps) {
      const store = raw.objectStore(op.store)
      if (op.value) store.put(op.value, op.key)
      else store.delete(op.key)
    }
    for (const { log, id } of work.drops) {
      messages.delete([log.vhost, log.queue, id])
      marks.delete(IDBKeyRange.bound([log.vhost, log.queue, id], [log.vhost, log.queue, id, Infinity]))
    }
    for (const { log, batch, record } of work.batches) messages.put(record, [log.vhost, log.queue, batch.id])
    for (const mark of work.marks) marks.put(mark.value, mark.key)
    await tx.done
  }

  // ---- recovery -------------------------------------------------------------

  /**
   * Reads the whole durable state and prepares the bookkeeping for the messages that come back.
   * Unsound records are skipped, reported in `corrupt` and left on disk untouched.
   */
  async load(): Promise<RecoveredState> {
    return this.recover(await readDurableState(await this.database()))
  }

  private recover(raw: RawState): RecoveredState {
    const corrupt = [...raw.unreadable]
    const exchanges: RecoveredState['exchanges'] = []
    const queues: RecoveredState['queues'] = []
    const bindings: RecoveredState['bindings'] = []
    const policies: RecoveredState['policies'] = []
    const vhosts: string[] = []
    for (const { key, value } of raw.vhosts)
      isVhostRecord(value) && value.name === key ? vhosts.push(value.name) : corrupt.push(`vhosts ${describeKey(key)}`)
    for (const { key, value } of raw.exchanges)
      isExchangeRecord(value) ? exchanges.push(value) : corrupt.push(`exchanges ${describeKey(key)}`)
    for (const { key, value } of raw.queues)
      isQueueRecord(value) ? queues.push(value) : corrupt.push(`queues ${describeKey(key)}`)
    for (const { key, value } of raw.bindings)
      isBindingRecord(value) ? bindings.push(value) : corrupt.push(`bindings ${describeKey(key)}`)
    for (const { key, value } of raw.policies)
      isPolicyRecord(value) ? policies.push(value) : corrupt.push(`policies ${describeKey(key)}`)
    const known = new Set(queues.map((q) => queueKey(q.vhost, q.name)))

    const marksByBatch = new Map<string, { acked: Set<number>; delivered: Set<number>; count: number }>()
    for (const { key, value } of raw.marks) {
      const k = key as WarrenDB['marks']['key']
      const id = `${k[0]}\u0000${k[1]}\u0000${k[2]}`
      let m = marksByBatch.get(id)
      if (!m) marksByBatch.set(id, (m = { acked: new Set(), delivered: new Set(), count: 0 }))
      m.count = Math.max(m.count, k[3] + 1) // a new mark never overwrites an old one, sound or not
      if (!isMarksRecord(value)) {
        corrupt.push(`marks ${describeKey(key)}`)
        continue
      }
      for (const seq of value.acked) m.acked.add(seq)
      for (const seq of value.delivered) m.delivered.add(seq)
    }

    const byQueue = new Map<string, RecoveredQueueMessages>()
    const orphans = new Map<string, number>()
    for (const { key, value } of raw.messages) {
      const [vhost, queue, batchId] = key as WarrenDB['messages']['key']
      const qk = queueKey(vhost, queue)
      if (!known.has(qk)) {
        orphans.set(qk, (orphans.get(qk) ?? 0) + 1)
        continue
      }
      const log = this.log(vhost, queue)
      log.nextBatch = Math.max(log.nextBatch, batchId + 1) // never reuse the id of a record left on disk
      const decoded = decodeMessageRecord(value)
      if (!decoded) {
        corrupt.push(`messages ${describeKey(key)}`)
        continue
      }
      const marks = marksByBatch.get(`${vhost}\u0000${queue}\u0000${batchId}`)
      const alive = marks ? decoded.filter((m) => !marks.acked.has(m.seq)) : decoded
      if (alive.length === 0) {
        log.dropBatches.push(batchId)
        this.dirty = true
        continue
      }
      const batch: Batch = {
        id: batchId,
        min: alive[0].seq,
        max: alive[alive.length - 1].seq,
        live: alive.length,
        marks: marks?.count ?? 0,
      }
      log.batches.push(batch)
      log.byId.set(batchId, batch)
      let recovered = byQueue.get(qk)
      if (!recovered) byQueue.set(qk, (recovered = { vhost, queue, messages: [] }))
      for (const m of alive) {
        if (marks?.delivered.has(m.seq)) m.delivered = true
        recovered.messages.push(m)
      }
    }
    for (const [qk, count] of orphans) {
      const [vhost, queue] = qk.split('\u0000')
      corrupt.push(
        `${count} message record(s) of queue '${queue}' in vhost '${vhost}', whose queue record is missing or unreadable`,
      )
    }
    for (const log of this.queues.values()) log.batches.sort((a, b) => a.min - b.min)
    for (const r of byQueue.values()) r.messages.sort((a, b) => a.seq - b.seq)
    return { vhosts, exchanges, queues, bindings, policies, messages: [...byQueue.values()], corrupt }
  }

  async getMeta(key: string): Promise<unknown> {
    return (await this.database()).get('meta', key)
  }

  /** Small named records (the design) are written on their own, outside the group commit. */
  async putMeta(key: string, value: unknown): Promise<void> {
    await (await this.database()).put('meta', value, key)
  }

  /**
   * Deletes every entity and message, in memory at once and on disk with the next commit (before
   * whatever is changed from now on, which that commit also carries).
   */
  clear(): Promise<void> {
    this.queues.clear()
    this.last = null
    this.entityOps = new Map()
    this.purgedQueues = []
    this.purgedVhosts = []
    this.clearAll = true
    this.dirty = true
    return this.commit()
  }
}

/** The native transaction under idb's wrapper (wrapped twice when a test replaces db.transaction). */
function rawTransaction(tx: object): IDBTransaction {
  const inner = unwrap as unknown as (value: object) => object | undefined
  let raw = tx
  for (let next = inner(raw); next; next = inner(raw)) raw = next
  return raw as IDBTransaction
}

function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (error: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => {}) // a failure is reported to whoever awaits it; none may be listening
  return { promise, resolve, reject }
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
