// The RabbitMQ version a saved broker runs, kept in the meta store beside it, so a restart brings back the
// same behaviour. A database written before versions existed opens as 3.10, the version it was made against.

import { isBrokerVersion, LEGACY_VERSION, type BrokerVersion } from '../profile.ts'
import type { WarrenDatabase } from './db.ts'

export const BROKER_VERSION_KEY = 'broker-version'

/** The stored version; without one, 3.10 for a database that already holds something, else `requested` (stored). */
export async function loadBrokerVersion(db: WarrenDatabase, requested: BrokerVersion): Promise<BrokerVersion> {
  const stored = await db.get('meta', BROKER_VERSION_KEY)
  if (isBrokerVersion(stored)) return stored
  let held = 0
  for (const store of ['meta', 'exchanges', 'queues', 'vhosts', 'policies'] as const) held += await db.count(store)
  const version = held > 0 ? LEGACY_VERSION : requested
  await db.put('meta', version, BROKER_VERSION_KEY)
  return version
}
