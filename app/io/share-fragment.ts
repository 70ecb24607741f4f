// What a share link's fragment looks like, without the compression: the first view tests the address with it,
// and fflate loads only when a link is made or opened.

import { IoError } from './file-kind.ts'
import { t } from '../i18n/index.ts'

export const SHARE_PREFIX = '#share='

export const isShareFragment = (hash: string) => hash.startsWith(SHARE_PREFIX)

/** The payload of a fragment ('#share=...' or just the payload); an empty one throws IoError. */
export function sharePayload(fragment: string): string {
  const payload = fragment.startsWith(SHARE_PREFIX) ? fragment.slice(SHARE_PREFIX.length) : fragment
  if (payload === '') throw new IoError(t('io.share.empty'))
  return payload
}
