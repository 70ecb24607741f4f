// A node's drift against the connected RabbitMQ, after an audit: "missing" there, or "different" (and how).

import { memo, Suspense } from 'react'
import type { Drift } from '../../../engine/definitions/deploy-plan.ts'
import { useT } from '../../i18n/index.ts'
import { useDriftStore } from '../../management/drift-store.ts'
import { useAppStore } from '../../store/index.ts'

export const DriftMark = memo(function DriftMark({ kind, name }: { kind: 'queue' | 'exchange'; name: string }) {
  const vhost = useAppStore((s) => s.vhost)
  const entry = useDriftStore((s) =>
    s.vhost === vhost ? s.drift.find((d) => d.kind === kind && d.name === name && d.status !== 'extra') : undefined,
  )
  if (!entry) return null
  // The management words load with the first audit; a node without drift never asks for them.
  return (
    <Suspense fallback={null}>
      <DriftText entry={entry} />
    </Suspense>
  )
})

function DriftText({ entry }: { entry: Drift }) {
  const t = useT('management')
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
}
