// Words of the import, open and share-link guards (io.guard.* in the catalogue).

import { formatNumber, t } from '../i18n/index.ts'

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024))

export const replaceMessages = {
  lost: (w: {
    vhosts: number
    exchanges: number
    queues: number
    bindings: number
    messages: number
    producers: number
    consumers: number
  }) => {
    const parts = (['vhosts', 'exchanges', 'queues', 'messages', 'bindings', 'producers', 'consumers'] as const)
      .filter((kind) => w[kind] > 0)
      .map((kind) => t(`io.guard.count.${kind}`, { count: w[kind] }))
    return t('io.guard.lost', { parts: parts.join(', ') })
  },
  get cannotUndo() {
    return t('io.guard.cannotUndo')
  },
}

export const shareMessages = {
  tooLarge: (cap: number) => t('io.guard.shareTooLarge', { mib: mib(cap) }),
  get tooSlow() {
    return t('io.guard.shareTooSlow')
  },
  unreadable: (why: string) => t('io.guard.shareUnreadable', { why }),
}

export const fileMessages = {
  tooLarge: (name: string, bytes: number, cap: number) =>
    t('io.guard.fileTooLarge', {
      name,
      size: formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 }),
      mib: mib(cap),
    }),
}
