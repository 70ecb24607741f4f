// The IndexedDB schema: the only file that opens the database.
// Changing DB_NAME or a store's key shape without a migration step wipes every saved broker.

import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import type { BindingDef, ExchangeDef } from '../model.ts'
import type {
  MarksRecord,
  MessageBatchRecord,
  MessageRowsRecord,
  PolicyRecord,
  QueueRecord,
  VhostRecord,
} from './records.ts'

export const DB_NAME = 'warren-broker'
export const DB_VERSION = 3

export interface WarrenDB extends DBSchema {
  exchanges: { key: [string, string]; value: ExchangeDef & { vhost: string } }
  queues: { key: [string, string]; value: QueueRecord }
  bindings: { key: [string, string, string, string, string, string]; value: BindingDef & { vhost: string } }
  /** Persistent messages, many to a record: one record per queue per commit. Key: [vhost, queue, batch]. */
  messages: { key: [string, string, number]; value: MessageBatchRecord | MessageRowsRecord }
  /** Acks and deliveries of the messages of one batch. Key: [vhost, queue, batch, n]. */
  marks: { key: [string, string, number, number]; value: MarksRecord }
  /** Small named records: the design, settings. */
  meta: { key: string; value: unknown }
  /**
   * Policies and operator policies, which may share a name as in RabbitMQ. Key: [vhost, name] for a policy,
   * [vhost, name, 'operator'] for an operator policy (whose record says `operator: true`). Since version 2.
   */
  policies: { key: PolicyKey; value: PolicyRecord }
  /** Every vhost but '/' (which always exists), so an empty one survives a restart. Key: its name. Since version 3. */
  vhosts: { key: string; value: VhostRecord }
}

export type PolicyKey = [string, string] | [string, string, 'operator']

export function policyKey(vhost: string, name: string, operator: boolean): PolicyKey {
  return operator ? [vhost, name, 'operator'] : [vhost, name]
}

export type WarrenDatabase = IDBPDatabase<WarrenDB>
/** The stores of the broker's durable state (the design in 'meta' is saved on its own). */
export const DURABLE_STORES = ['exchanges', 'queues', 'bindings', 'messages', 'marks', 'policies', 'vhosts'] as const
/** The stores whose keys begin with the vhost name: deleting a vhost empties its key range in each. */
export const VHOST_KEYED_STORES = ['exchanges', 'queues', 'bindings', 'messages', 'marks', 'policies'] as const

export type UpgradeTx = IDBPTransaction<WarrenDB, StoreNames<WarrenDB>[], 'versionchange'>
export type Migration = (db: IDBPDatabase<WarrenDB>, tx: UpgradeTx) => void

/**
 * One step per version: opening an old database runs every step after its version, in order, inside
 * the upgrade transaction (a step that throws aborts the upgrade and leaves the old version as it was).
 * Bump DB_VERSION together with a new step here.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (db) => {
    db.createObjectStore('exchanges')
    db.createObjectStore('queues')
    db.createObjectStore('bindings')
    db.createObjectStore('messages')
    db.createObjectStore('marks')
    db.createObjectStore('meta')
  },
  2: (db) => {
    db.createObjectStore('policies')
  },
  // Vhosts were known only from the records in them: every vhost those records name gets a record of its own.
  3: (db, tx) => {
    const vhosts = unwrap(db.createObjectStore('vhosts'))
    for (const store of ['exchanges', 'queues', 'bindings', 'policies'] as const) {
      const request = unwrap(tx.objectStore(store)).getAllKeys()
      request.onsuccess = () => {
        for (const key of request.result) {
          const name = Array.isArray(key) ? key[0] : undefined
          if (typeof name === 'string' && name !== '/') vhosts.put({ name } satisfies VhostRecord, name)
        }
      }
    }
  },
}

export interface OpenOptions {
  name?: string
  version?: number
  /** Another connection holds an older version open and has not closed it. */
  onBlocked?: () => void
  /** A newer version wants this database: close so it can upgrade. */
  onVersionChange?: () => void
  /** Tests pass extra steps to exercise the upgrade path. */
  migrations?: Readonly<Record<number, Migration>>
}

export async function openDatabase(options: OpenOptions = {}): Promise<WarrenDatabase> {
  const version = options.version ?? DB_VERSION
  const migrations = options.migrations ?? MIGRATIONS
  const db = await openDB<WarrenDB>(options.name ?? DB_NAME, version, {
    upgrade(database, oldVersion, _newVersion, tx) {
      tx.done.catch(() => {}) // a failed step rejects the open itself, which the caller reports
      for (let v = oldVersion + 1; v <= version; v++) {
        const step = migrations[v]
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

/** Every key of one vhost in a store keyed by [vhost, ...]: arrays sort after strings and numbers. */
export function vhostKeyRange(vhost: string): IDBKeyRange {
  return IDBKeyRange.bound([vhost], [vhost, []])
}

export function bindingKey(vhost: string, b: BindingDef): WarrenDB['bindings']['key'] {
  return [vhost, b.source, b.destinationType, b.destination, b.routingKey, canonicalJson(b.arguments)]
}

/** JSON with sorted keys, so equal argument tables give equal binding keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  )
}
