// Definitions are tried first in a scratch broker inside the engine (a dry-run import), so a file the
// broker would refuse is refused before the current work is reset; the broker itself is not touched.

import type { ImportResult } from '../../engine/definitions/import.ts'
import { getSession } from '../session/actions.ts'

export function tryImportInScratchBroker(definitions: unknown): Promise<ImportResult> {
  return getSession().client.send({ type: 'importDefinitions', definitions, vhost: null, dryRun: true })
}
