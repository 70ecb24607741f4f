// A scratch broker in its own worker and database: definitions are tried there first, so a file the
// broker would refuse is refused before the current work is reset (the engine has no dry-run command).

import type { ImportResult } from '../../engine/definitions/import.ts'
import { BrokerClient } from '../broker/client.ts'

let scratches = 0

export async function tryImportInScratchBroker(definitions: unknown): Promise<ImportResult> {
  const db = `scratch-import-${Date.now().toString(36)}-${++scratches}`
  const client = new BrokerClient({ dbName: `warren-${db}`, clock: 'paused' })
  try {
    await client.whenReady()
    return await client.send<ImportResult>({ type: 'importDefinitions', definitions, vhost: null })
  } finally {
    client.terminate()
    indexedDB.deleteDatabase(`warren-${db}`)
  }
}
