// The input limits as they apply to a definitions document: its size and nesting before it is read, and the
// AMQP short-string limit on every name and routing key in it, all before anything is applied.

import { checkDepth, checkShortString, checkSize, checkTable, InputLimitError } from '../worker/input-limits.ts'
import { DefinitionsError } from './definitions-error.ts'

/** Throws a DefinitionsError naming the limit when the raw document (text or parsed) is too large or too deep. */
export function checkDocumentLimits(input: unknown): void {
  guarded(() => {
    if (typeof input === 'string') checkSize(input, 'The definitions file')
    else checkDepth(input, 'The definitions file')
  })
}

interface Named {
  vhost: string
  name?: string
  source?: string
  destination?: string
  routingKey?: string
  arguments?: unknown
}

/** Throws a DefinitionsError naming the first entry whose name, routing key or arguments pass a limit. */
export function checkEntryLimits(sections: Record<string, Named[]>, vhosts: { name: string }[]): void {
  guarded(() => {
    for (const [i, v] of vhosts.entries()) checkShortString(v.name, `vhosts[${i}]: the name`)
    for (const [section, entries] of Object.entries(sections)) {
      for (const [i, e] of entries.entries()) {
        const where = `${section}[${i}]`
        checkShortString(e.vhost, `${where}: the vhost name`)
        for (const field of ['name', 'source', 'destination', 'routingKey'] as const) {
          const value = e[field]
          if (typeof value === 'string')
            checkShortString(value, `${where}: the ${field === 'routingKey' ? 'routing key' : field}`)
        }
        if (e.arguments !== undefined) checkTable(e.arguments, `${where}: the arguments`)
      }
    }
  })
}

function guarded(check: () => void): void {
  try {
    check()
  } catch (error) {
    if (error instanceof InputLimitError) throw new DefinitionsError(error.message)
    throw error
  }
}
