// Share links: the Warren file, minified and deflated, base64url in the URL fragment (#share=...).
// The fragment never reaches a server, so the design stays on the machines it is shared with.

import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import { IoError, parseJsonText } from './file-kind.ts'
import { parseWarrenFile, type WarrenFile } from './warren-file.ts'
import { t } from '../i18n/index.ts'

export const SHARE_PREFIX = '#share='

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
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

/** The Warren file in a fragment ('#share=...' or just the payload); a damaged one throws IoError. */
export function decodeShareFragment(fragment: string): WarrenFile {
  const payload = fragment.startsWith(SHARE_PREFIX) ? fragment.slice(SHARE_PREFIX.length) : fragment
  if (payload === '') throw new IoError(t('io.share.empty'))
  let text: string
  try {
    text = strFromU8(inflateSync(fromBase64Url(payload)))
  } catch (error) {
    if (error instanceof IoError) throw error
    throw new IoError(t('io.share.damaged'))
  }
  return parseWarrenFile(parseJsonText(text, t('io.share.theLink')))
}

export const isShareFragment = (hash: string) => hash.startsWith(SHARE_PREFIX)
