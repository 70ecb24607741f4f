// Storage failures in words a user understands, one per way IndexedDB can fail us.

import type { StorageProblem } from '../worker/protocol.ts'

const nameOf = (error: unknown) => (error as { name?: string } | null)?.name ?? ''
const detailOf = (error: unknown) => {
  const message = (error as { message?: string } | null)?.message
  return message ? `${nameOf(error) || 'Error'}: ${message}` : String(error)
}

export interface UnsavedEntity {
  store: 'exchanges' | 'queues' | 'bindings' | 'policies' | 'vhosts'
  vhost: string
  name: string
  deleted: boolean
}

const ENTITY_WORD = { exchanges: 'exchange', queues: 'queue', bindings: 'binding', policies: 'policy', vhosts: 'vhost' }

/** The durable declares and deletes a failed commit left unsaved, in a sentence (empty when there are none). */
function unsavedSentence(unsaved: UnsavedEntity[]): string {
  if (unsaved.length === 0) return ''
  const shown = unsaved.slice(0, 3).map((e) => {
    const what = `${e.deleted ? 'the deletion of ' : ''}the ${e.store === 'exchanges' || e.store === 'queues' ? 'durable ' : ''}${ENTITY_WORD[e.store]} '${e.name}'`
    return e.store === 'vhosts' ? what : `${what} in vhost '${e.vhost}'`
  })
  const more = unsaved.length > 3 ? ` and ${unsaved.length - 3} more change(s)` : ''
  return ` Not saved either: ${shown.join(', ')}${more}. They are in effect now but would be undone by a restart; Warren saves them as soon as the storage takes writes again.`
}

/** A commit (or another write) failed: the publishes it carried were nacked, its declares wait unsaved. */
export function describeWriteError(error: unknown, unsaved: UnsavedEntity[] = []): StorageProblem {
  const name = nameOf(error)
  if (name === 'QuotaExceededError') {
    return {
      kind: 'quota',
      message: `The browser has no more storage for this site, so recent changes were not saved: persistent messages published since were nacked.${unsavedSentence(unsaved)} Free some space (purge or delete queues, or clear other site data).`,
    }
  }
  if (name === 'InvalidStateError') {
    return {
      kind: 'write-failed',
      message: `The browser closed this broker's storage (a newer version of Warren may have opened in another tab). Recent persistent messages were not saved and their publishes were nacked.${unsavedSentence(unsaved)} Reload the page.`,
    }
  }
  return {
    kind: 'write-failed',
    message: `Saving to the browser's storage failed (${detailOf(error)}). Recent persistent messages were not saved and their publishes were nacked; what was saved before is intact.${unsavedSentence(unsaved)}`,
  }
}

/** Opening the database failed: the broker runs in memory only. */
export function describeOpenError(error: unknown): StorageProblem {
  const name = nameOf(error)
  if (name === 'VersionError') {
    return {
      kind: 'upgrade-failed',
      message:
        'The saved broker was written by a newer version of Warren than this page. Reload to get the newer version. Until then the broker runs in memory only and the saved data is left untouched.',
    }
  }
  if (name === 'AbortError' || /migration/i.test(detailOf(error))) {
    return {
      kind: 'upgrade-failed',
      message: `The saved broker could not be upgraded to this version of Warren (${detailOf(error)}). It was left as it was; the broker runs in memory only, so nothing done now survives a reload.`,
    }
  }
  if (name === 'QuotaExceededError') {
    return {
      kind: 'quota',
      message:
        'The browser has no storage left for this site, so the broker runs in memory only: nothing done now survives a reload. Clear some site data and reload.',
    }
  }
  return {
    kind: 'unavailable',
    message: `The browser's storage could not be opened (${detailOf(error)}). The broker runs in memory only: nothing done now survives a reload.`,
  }
}

/** Reading the saved broker failed as a whole: nothing was changed on disk. */
export function describeReadError(error: unknown): StorageProblem {
  return {
    kind: 'corrupt',
    message: `The saved broker could not be read (${detailOf(error)}). It was left untouched; the broker runs empty and in memory only, so nothing done now survives a reload.`,
  }
}

/** Some records were unreadable and skipped; the rest was recovered. */
export function describeSkipped(skipped: string[]): StorageProblem {
  const shown = skipped.slice(0, 5).join('; ')
  const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''
  return {
    kind: 'corrupt',
    message: `Some saved records could not be read and were left out (they stay on disk untouched): ${shown}${more}. Everything else was recovered.`,
  }
}

export const BLOCKED_PROBLEM: StorageProblem = {
  kind: 'blocked',
  message:
    'An older version of Warren is open in another tab and blocks the storage upgrade. Close the other Warren tabs; the broker starts as soon as they are closed.',
}

export const VERSION_CHANGE_PROBLEM: StorageProblem = {
  kind: 'blocked',
  message:
    'A newer version of Warren opened in another tab and needs this storage, so this tab stopped saving. Reload this tab to continue with the newer version.',
}
