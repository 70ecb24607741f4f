// The IndexedDB schema's upgrade path: every step after the stored version runs, in order, and keeps
// the data; a failed, blocked or impossible upgrade leaves the saved broker as it was.

import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBroker, ManualClock } from '../../engine/index.ts'
import {
  DB_VERSION,
  MIGRATIONS,
  openDatabase,
  type Migration,
  type WarrenDatabase,
} from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { decodeMessageRecord } from '../../engine/persistence/records.ts'
import { describeOpenError } from '../../engine/persistence/storage-errors.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const sink = { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} }

/** Saves a durable queue with two persistent messages into `db`. */
async function saveSomething(db: WarrenDatabase): Promise<void> {
  const log = new IdbDurableLog(db)
  const broker = createBroker({ clock: new ManualClock(), durable: log })
  recoverInto(broker, await log.load())
  const ch = broker.connect(sink).openChannel()
  ch.queueDeclare({ queue: 'kept', durable: true })
  ch.publish('', 'kept', 'one', { deliveryMode: 2 }, false)
  ch.publish('', 'kept', 'two', { deliveryMode: 2 }, false)
  await log.commit()
}

/** What Warren's version 1 wrote: a durable queue and a record of two messages in the first record format. */
async function saveAsVersion1(db: WarrenDatabase): Promise<void> {
  await db.put(
    'queues',
    { vhost: '/', name: 'kept', durable: true, exclusive: false, autoDelete: false, arguments: {} },
    ['/', 'kept'],
  )
  const row = (seq: number, body: string) => ({
    seq,
    exchange: '',
    routingKey: 'kept',
    routingKeys: null,
    body,
    properties: { deliveryMode: 2 },
    expiresAt: Infinity,
    deliveryCount: 0,
  })
  await db.put('messages', { messages: [row(1, 'one'), row(2, 'two')] }, ['/', 'kept', 1])
}

async function loadBodies(db: WarrenDatabase): Promise<string[]> {
  const state = await new IdbDurableLog(db).load()
  return state.messages.flatMap((q) => q.messages.map((m) => `${q.queue}:${m.body}`))
}

/** The messages as stored, read without the current version's loader (which needs the current stores). */
async function storedBodies(db: WarrenDatabase): Promise<string[]> {
  const keys = await db.getAllKeys('messages')
  const values = await db.getAll('messages')
  return keys.flatMap((key, i) => (decodeMessageRecord(values[i]) ?? []).map((m) => `${key[1]}:${m.body}`))
}

describe('schema upgrades', () => {
  it('a database created at version 1 opens at the current version with its data', async () => {
    const v1 = await openDatabase({ name: 'old', version: 1 })
    expect([...v1.objectStoreNames].sort()).toEqual(['bindings', 'exchanges', 'marks', 'messages', 'meta', 'queues'])
    await saveAsVersion1(v1)
    await v1.put('meta', { layout: 'saved design' }, 'design')
    v1.close()

    const current = await openDatabase({ name: 'old' })
    expect(current.version).toBe(DB_VERSION)
    expect([...current.objectStoreNames].sort()).toEqual([
      'bindings',
      'exchanges',
      'marks',
      'messages',
      'meta',
      'policies',
      'queues',
      'vhosts',
    ])
    expect(await loadBodies(current)).toEqual(['kept:one', 'kept:two'])
    expect(await current.get('meta', 'design')).toEqual({ layout: 'saved design' })
    expect((await new IdbDurableLog(current).load()).queues.map((q) => q.name)).toEqual(['kept'])
  })

  it('runs every step after the stored version, in order, inside one upgrade that keeps the data', async () => {
    const v1 = await openDatabase({ name: 'db', version: 1 })
    await saveAsVersion1(v1)
    v1.close()
    const ran: number[] = []
    const step =
      (v: number): Migration =>
      (db, tx) => {
        ran.push(v)
        expect(tx.mode).toBe('versionchange')
        if (MIGRATIONS[v]) MIGRATIONS[v](db, tx)
        else db.createObjectStore(`future-${v}` as never)
      }
    const steps: Record<number, Migration> = {}
    for (let v = 1; v <= DB_VERSION + 2; v++) steps[v] = step(v)
    const later = await openDatabase({ name: 'db', version: DB_VERSION + 2, migrations: steps })
    expect(ran).toEqual(Array.from({ length: DB_VERSION + 1 }, (_, i) => i + 2)) // 2 .. DB_VERSION + 2, not 1 again
    expect(later.objectStoreNames.contains(`future-${DB_VERSION + 2}` as never)).toBe(true)
    expect(await loadBodies(later)).toEqual(['kept:one', 'kept:two'])
  })

  it('runs all steps from the first on a new database', async () => {
    const ran: number[] = []
    const migrations: Record<number, Migration> = {}
    for (const [v, step] of Object.entries(MIGRATIONS))
      migrations[Number(v)] = (d, tx) => (ran.push(Number(v)), step(d, tx))
    const db = await openDatabase({ name: 'new', migrations })
    expect(ran).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1))
    await saveSomething(db)
    expect(await loadBodies(db)).toEqual(['kept:one', 'kept:two'])
  })

  it('version 3 gives every vhost named by an old record a record of its own, so it outlives its entities', async () => {
    const v2 = await openDatabase({ name: 'db', version: 2 })
    await v2.put(
      'exchanges',
      {
        vhost: 'shop',
        name: 'orders',
        type: 'direct',
        durable: true,
        autoDelete: false,
        internal: false,
        arguments: {},
      },
      ['shop', 'orders'],
    )
    await v2.put(
      'queues',
      { vhost: 'billing', name: 'invoices', durable: true, exclusive: false, autoDelete: false, arguments: {} },
      ['billing', 'invoices'],
    )
    await v2.put(
      'queues',
      { vhost: '/', name: 'home', durable: true, exclusive: false, autoDelete: false, arguments: {} },
      ['/', 'home'],
    )
    await v2.put(
      'policies',
      {
        vhost: 'audit',
        name: 'ttl',
        pattern: '.*',
        applyTo: 'queues',
        priority: 0,
        definition: { 'message-ttl': 1000 },
      },
      ['audit', 'ttl'],
    )
    await v2.put(
      'policies',
      {
        vhost: 'ops',
        name: 'cap',
        pattern: '.*',
        applyTo: 'queues',
        priority: 0,
        definition: { 'max-length': 5 },
        operator: true,
      },
      ['ops', 'cap', 'operator'],
    )
    v2.close()
    const v3 = await openDatabase({ name: 'db', version: 3 })
    expect((await v3.getAllKeys('vhosts')).sort()).toEqual(['audit', 'billing', 'ops', 'shop'])
    expect(await v3.get('vhosts', 'shop')).toEqual({ name: 'shop' })
    const log = new IdbDurableLog(v3)
    const broker = createBroker({ clock: new ManualClock(), durable: log })
    recoverInto(broker, await log.load())
    expect([...broker.vhosts.keys()].sort()).toEqual(['/', 'audit', 'billing', 'ops', 'shop'])
    broker.vhosts.get('audit')!.clearPolicy('ttl')
    await log.commit()
    v3.close()
    const again = await openDatabase({ name: 'db' })
    const after = createBroker({ clock: new ManualClock() })
    recoverInto(after, await new IdbDurableLog(again).load())
    expect(after.vhosts.get('audit')!.policies.size).toBe(0)
  })

  it('a step that throws aborts the upgrade: the old version and its data stay as they were', async () => {
    const v1 = await openDatabase({ name: 'db', version: 1 })
    await saveAsVersion1(v1)
    v1.close()
    const failing: Migration = (db, tx) => {
      MIGRATIONS[2](db, tx)
      db.deleteObjectStore('messages')
      throw new Error('migration to version 2 failed halfway')
    }
    const error = await openDatabase({ name: 'db', version: 2, migrations: { ...MIGRATIONS, 2: failing } }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).not.toBeNull()
    const problem = describeOpenError(error)
    expect(problem.kind).toBe('upgrade-failed')
    expect(problem.message).toMatch(/could not be upgraded.*left as it was/)
    const again = await openDatabase({ name: 'db', version: 1 })
    expect(again.objectStoreNames.contains('policies')).toBe(false)
    expect(await storedBodies(again)).toEqual(['kept:one', 'kept:two'])
  })

  it('a missing step is an upgrade failure, not an empty database', async () => {
    const error = await openDatabase({ name: 'db', version: DB_VERSION + 1 }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(describeOpenError(error).kind).toBe('upgrade-failed')
  })

  it('a database from a newer Warren is refused with a clear message and left alone', async () => {
    const newer = await openDatabase({
      name: 'db',
      version: DB_VERSION + 1,
      migrations: { ...MIGRATIONS, [DB_VERSION + 1]: () => {} },
    })
    await saveSomething(newer)
    newer.close()
    const error = await openDatabase({ name: 'db' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect((error as DOMException).name).toBe('VersionError')
    expect(describeOpenError(error)).toMatchObject({
      kind: 'upgrade-failed',
      message: expect.stringMatching(/newer version of Warren/),
    })
    const again = await openDatabase({
      name: 'db',
      version: DB_VERSION + 1,
      migrations: { ...MIGRATIONS, [DB_VERSION + 1]: () => {} },
    })
    expect(await loadBodies(again)).toEqual(['kept:one', 'kept:two'])
  })

  it('reports a blocked upgrade while an old connection stays open, then upgrades once it closes', async () => {
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('db', 1)
      request.onupgradeneeded = () => {
        for (const name of ['exchanges', 'queues', 'bindings', 'messages', 'marks', 'meta'])
          request.result.createObjectStore(name)
      }
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    // This old tab ignores versionchange, so the upgrade waits for it.
    let blocked = 0
    const opening = openDatabase({
      name: 'db',
      version: 2,
      migrations: { ...MIGRATIONS, 2: () => {} },
      onBlocked: () => blocked++,
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(blocked).toBe(1)
    old.close()
    const db = await opening
    expect(db.version).toBe(2)
  })

  it('closes its own connection when a newer version asks for the database, and says so', async () => {
    let told = 0
    const ours = await openDatabase({ name: 'db', onVersionChange: () => told++ })
    const newer = await openDatabase({
      name: 'db',
      version: DB_VERSION + 1,
      migrations: { ...MIGRATIONS, [DB_VERSION + 1]: () => {} },
    })
    expect(told).toBe(1)
    expect(newer.version).toBe(DB_VERSION + 1)
    expect(() => ours.transaction('queues')).toThrow()
  })
})
