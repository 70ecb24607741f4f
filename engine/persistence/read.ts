// Reads every durable record with its key. One unreadable value makes a whole getAll fail, so a
// failed bulk read is retried record by record, and only the records that cannot be read are lost.

import { DURABLE_STORES, type WarrenDatabase } from './db.ts'

type Row = { key: IDBValidKey; value: unknown }

export interface RawState {
  exchanges: Row[]
  queues: Row[]
  bindings: Row[]
  messages: Row[]
  marks: Row[]
  policies: Row[]
  vhosts: Row[]
  unreadable: string[] // records that could not be read at all, described for the user
}

export async function readDurableState(db: WarrenDatabase): Promise<RawState> {
  try {
    return await readAll(db)
  } catch {
    return await readOneByOne(db)
  }
}

async function readAll(db: WarrenDatabase): Promise<RawState> {
  const tx = db.transaction([...DURABLE_STORES], 'readonly')
  tx.done.catch(() => {}) // a failed read is reported by the reads themselves
  const read = async <S extends (typeof DURABLE_STORES)[number]>(store: S) => {
    const [keys, values] = await Promise.all([tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()])
    return keys.map((key, i) => ({ key: key as IDBValidKey, value: values[i] as unknown }))
  }
  const [exchanges, queues, bindings, messages, marks, policies, vhosts] = await Promise.all(
    DURABLE_STORES.map((s) => read(s)),
  )
  await tx.done
  return { exchanges, queues, bindings, messages, marks, policies, vhosts, unreadable: [] }
}

async function readOneByOne(db: WarrenDatabase): Promise<RawState> {
  const out: RawState = {
    exchanges: [],
    queues: [],
    bindings: [],
    messages: [],
    marks: [],
    policies: [],
    vhosts: [],
    unreadable: [],
  }
  for (const store of DURABLE_STORES) {
    const keys = (await db.getAllKeys(store)) as IDBValidKey[]
    for (const key of keys) {
      try {
        out[store].push({ key, value: await db.get(store, key as never) })
      } catch (error) {
        out.unreadable.push(`${store} ${JSON.stringify(key)} (${(error as Error)?.name ?? 'unreadable'})`)
      }
    }
  }
  return out
}
