// Inflates a share link off the main thread: a link built to inflate to gigabytes cannot freeze the tab, and
// the page can stop this worker when it runs past its time budget.

import { checkDepth, INPUT_LIMITS } from '../../engine/worker/protocol.ts'
import { initI18n, type Language } from '../i18n/index.ts'
import { inflateSharePayload } from './share-link.ts'

export type ShareInflateReply = { ok: true; doc: unknown } | { ok: false; message: string }

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ payload: string; language: Language }>) => void) | null
  postMessage(message: ShareInflateReply): void
}

// Its refusals are read by the user: the worker speaks the page's language.
scope.onmessage = async (event) => {
  await initI18n(event.data.language, ['common'])
  try {
    const doc = inflateSharePayload(event.data.payload)
    // A document nested too deep for the structured clone would fail the reply itself.
    checkDepth(doc, 'The share link', INPUT_LIMITS.documentDepth)
    scope.postMessage({ ok: true, doc })
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
  }
}
