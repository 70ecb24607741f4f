// The question asked before a definitions file is applied to a broker that already holds something.

import { t } from '../i18n/index.ts'
import type { ImportPreview } from './import-preview.ts'

/** Same-named entities listed by name; past this many the rest are counted. */
const NAMES_LISTED = 12

export function importQuestion(name: string, preview: ImportPreview) {
  const paragraphs = preview.vhosts.map((v) =>
    t('scale.import.vhost', {
      vhost: v.vhost,
      exchanges: v.exchanges,
      queues: v.queues,
      bindings: v.bindings,
      policies: v.policies,
      parameters: v.parameters,
    }),
  )
  const same = preview.sameNames
  if (same.length === 0) paragraphs.push(t('scale.import.noClash'))
  else {
    paragraphs.push(t('scale.import.clashes', { count: same.length }))
    for (const s of same.slice(0, NAMES_LISTED))
      paragraphs.push(
        t(s.equivalent ? 'scale.import.same' : 'scale.import.inequivalent', {
          kind: s.kind,
          name: s.name,
          vhost: s.vhost,
        }),
      )
    if (same.length > NAMES_LISTED)
      paragraphs.push(t('scale.import.moreClashes', { count: same.length - NAMES_LISTED }))
  }
  return {
    title: t('scale.import.title', { name }),
    paragraphs,
    confirmLabel: t('scale.import.confirm'),
    option: { label: t('scale.import.replace'), checked: false },
  }
}
