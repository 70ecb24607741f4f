// Share links: the Warren file, minified and deflated, base64url in the URL fragment (#share=...).
// The fragment never reaches a server, so the design stays on the machines it is shared with.

import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate'
import { INPUT_LIMITS } from '../../engine/worker/protocol.ts'
import { IoError, parseJsonText } from './file-kind.ts'
import { shareMessages } from './io-messages.ts'
import { parseWarrenFile, type WarrenFile } from './warren-file.ts'
import { t } from '../i18n/index.ts'
import { SHARE_PREFIX, sharePayload } from './share-fragment.ts'

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new IoError(t('io.share.badCharacters'))
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  let binary: string
  try {
    binary = atob(padded)
  } catch {
    throw new IoError(t('io.share.damaged'))
  }
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** The fragment for a Warren file, '#share=' included. */
export function encodeShareFragment(file: WarrenFile): string {
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(file)), { level: 9 }))
}

// Small input steps bound what one step can inflate to (deflate expands at most ~1,032 times: about 1 MiB a step).
const INFLATE_STEP = 1024

/** Inflates, refusing as soon as the output passes `cap` bytes: a small link cannot become a huge document. */
export function inflateCapped(bytes: Uint8Array, cap: number = INPUT_LIMITS.shareLinkBytes): Uint8Array {
  const chunks: Uint8Array[] = []
  let size = 0
  const inflate = new Inflate((chunk) => {
    size += chunk.length
    if (size > cap) throw new IoError(shareMessages.tooLarge(cap))
    chunks.push(chunk)
  })
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_STEP)
      inflate.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length)
    if (bytes.length === 0) inflate.push(bytes, true)
  } catch (error) {
    if (error instanceof IoError) throw error
    throw new IoError(t('io.share.damaged'))
  }
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** The document a payload holds, inflated under the cap; what a share link worker runs off the main thread. */
export function inflateSharePayload(payload: string): unknown {
  const text = strFromU8(inflateCapped(fromBase64Url(payload)))
  return parseJsonText(text, t('io.share.theLink'))
}

/** The Warren file in a fragment ('#share=...' or just the payload); a damaged one throws IoError. */
export function decodeShareFragment(fragment: string): WarrenFile {
  return parseWarrenFile(inflateSharePayload(sharePayload(fragment)))
}
