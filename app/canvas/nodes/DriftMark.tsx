// A node's drift against the connected RabbitMQ, after an audit: "missing" there, or "different" (and how).

import { memo } from 'react'
import { useT } from '../../i18n/index.ts'
import { useDriftStore } from '../../management/drift-store.ts'
import { useAppStore } from '../../store/index.ts'

export const DriftMark = memo(function DriftMark({ kind, name }: { kind: 'queue' | 'exchange'; name: string }) {
  const t = useT('management')
  const vhost = useAppStore((s) => s.vhost)
  const entry = useDriftStore((s) =>
    s.vhost === vhost ? s.drift.find((d) => d.kind === kind && d.name === name && d.status !== 'extra') : undefined,
  )
  if (!entry) return null
  const text = entry.status === 'missing' ? t('drift.markMissing') : t('drift.markDifferent')
  return (
    <span
      className={`drift-mark drift-mark-${entry.status}`}
      title={[text, ...entry.differences].join('\n')}
      data-testid="drift-badge"
      data-status={entry.status}
    >
      {text}
    </span>
  )
})
