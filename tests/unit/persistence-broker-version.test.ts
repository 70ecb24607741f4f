// The broker's version is stored with it: a new database takes the version asked for, a database from before
// versions existed opens as 3.10, and a stored version wins over what the page asks for.
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../engine/persistence/db.ts'
import { BROKER_VERSION_KEY, loadBrokerVersion } from '../../engine/persistence/broker-version.ts'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('loadBrokerVersion', () => {
  it('gives a new database the version asked for, and keeps it', async () => {
    const db = await openDatabase({ name: 'new' })
    expect(await loadBrokerVersion(db, '4.0')).toBe('4.0')
    expect(await db.get('meta', BROKER_VERSION_KEY)).toBe('4.0')
    expect(await loadBrokerVersion(db, '4.3')).toBe('4.0')
  })

  it('opens a database that predates versions as 3.10', async () => {
    const db = await openDatabase({ name: 'old' })
    await db.put(
      'queues',
      { vhost: '/', name: 'q', durable: true, exclusive: false, autoDelete: false, arguments: {} },
      ['/', 'q'],
    )
    expect(await loadBrokerVersion(db, '4.3')).toBe('3.10')
  })

  it('keeps a stored version, and replaces an unreadable one', async () => {
    const db = await openDatabase({ name: 'stored' })
    await db.put('meta', '4.3', BROKER_VERSION_KEY)
    expect(await loadBrokerVersion(db, '3.10')).toBe('4.3')
    await db.put('meta', 'seven', BROKER_VERSION_KEY)
    expect(await loadBrokerVersion(db, '4.0')).toBe('3.10') // the meta store holds the bad record itself
  })
})
