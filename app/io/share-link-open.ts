// Decoding a share link in a worker of its own, with a time budget: past it the worker is stopped and the
// link refused as too large.

import { currentLanguage } from '../i18n/index.ts'
import { IoError } from './file-kind.ts'
import { shareMessages } from './io-messages.ts'
import { sharePayload } from './share-fragment.ts'
import type { ShareInflateReply } from './share-link-worker.ts'
import { parseWarrenFile, type WarrenFile } from './warren-file.ts'

/** A share link's inflate, JSON parse and checks may take this long; a design that fits the cap takes far less. */
export const SHARE_LINK_BUDGET_MS = 3000

export function decodeShareFragmentOffThread(fragment: string): Promise<WarrenFile> {
  let payload: string
  try {
    payload = sharePayload(fragment)
  } catch (error) {
    return Promise.reject(error)
  }
  const worker = new Worker(new URL('./share-link-worker.ts', import.meta.url), { type: 'module' })
  return new Promise<WarrenFile>((resolve, reject) => {
    const budget = setTimeout(() => finish(() => reject(new IoError(shareMessages.tooSlow))), SHARE_LINK_BUDGET_MS)
    const finish = (settle: () => void) => {
      clearTimeout(budget)
      worker.terminate()
      settle()
    }
    worker.onmessage = (event: MessageEvent<ShareInflateReply>) => {
      const reply = event.data
      finish(() => {
        if (!reply.ok) return reject(new IoError(reply.message))
        try {
          resolve(parseWarrenFile(reply.doc))
        } catch (error) {
          reject(error)
        }
      })
    }
    worker.onerror = (event) => finish(() => reject(new IoError(shareMessages.unreadable(event.message))))
    worker.postMessage({ payload, language: currentLanguage() })
  })
}
