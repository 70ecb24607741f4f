// The IndexedDB schema: the only file that opens the database.
// Changing DB_NAME or a store's key shape without a migration step wipes every saved broker.

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import type { BindingDef, ExchangeDef, QueueDef } from '../model.ts'
import type { StoredMessage } from './records.ts'

export const DB_NAME = 'warren-broker'
export const DB_VERSION = 1

export interface WarrenDB extends DBSchema {
  exchanges: { key: [string, string]; value: ExchangeDef & { vhost: string } }
  queues: { key: [string, string]; value: QueueDef & { vhost: string } }
  bindings: { key: [string, string, string, string, string, string]; value: BindingDef & { vhost: string } }
  /** Persistent messages, many to a record: one record per queue per commit. Key: [vhost, queue, batch]. */
  messages: { key: [string, string, number]; value: { messages: StoredMessage[] } }
  /** Acks and deliveries of the messages of one batch. Key: [vhost, queue, batch, n]. */
  marks: { key: [string, string, number, number]; value: { acked: number[]; delivered: number[] } }
  /** Small named records: the design, settings. */
  meta: { key: string; value: unknown }
}

export type WarrenDatabase = IDBPDatabase<WarrenDB>
export const ALL_STORES: StoreNames<WarrenDB>[] = ['exchanges', 'queues', 'bindings', 'messages', 'marks', 'meta']

type UpgradeTx = IDBPTransaction<WarrenDB, StoreNames<WarrenDB>[], 'versionchange'>

/** One step per version: opening an old database runs every step after its version, in order. */
const MIGRATIONS: Record<number, (db: IDBPDatabase<WarrenDB>, tx: UpgradeTx) => void> = {
  1: (db) => {
    db.createObjectStore('exchanges')
    db.createObjectStore('queues')
    db.createObjectStore('bindings')
    db.createObjectStore('messages')
    db.createObjectStore('marks')
    db.createObjectStore('meta')
  },
}

export interface OpenOptions {
  name?: string
  version?: number
  /** Another connection holds an older version open and has not closed it. */
  onBlocked?: () => void
  /** A newer version wants this database: close so it can upgrade. */
  onVersionChange?: () => void
}

export async function openDatabase(options: OpenOptions = {}): Promise<WarrenDatabase> {
  const version = options.version ?? DB_VERSION
  const db = await openDB<WarrenDB>(options.name ?? DB_NAME, version, {
    upgrade(database, oldVersion, _newVersion, tx) {
      for (let v = oldVersion + 1; v <= version; v++) {
        const step = MIGRATIONS[v]
        if (!step) throw new Error(`no migration to schema version ${v}`)
        step(database, tx)
      }
    },
    blocked: () => options.onBlocked?.(),
  })
  db.addEventListener('versionchange', () => {
    options.onVersionChange?.()
    db.close()
  })
  return db
}

export function bindingKey(vhost: string, b: BindingDef): WarrenDB['bindings']['key'] {
  return [vhost, b.source, b.destinationType, b.destination, b.routingKey, canonicalJson(b.arguments)]
}

/** JSON with sorted keys, so equal argument tables give equal binding keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  )
}
