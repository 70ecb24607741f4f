// A node's lint findings as one badge: the count, coloured by the worst severity, the messages as tooltip.

import { memo } from 'react'
import { AlertTriangle, Info } from 'lucide-react'
import { useAppStore, type AppState } from '../../store/index.ts'
import { useT } from '../../i18n/index.ts'
import { lintMessage } from '../../ui/lint-text.ts'

/** "warning|message\nmessage" as one string, so the selector's result compares by value. */
function summary(s: AppState, kind: 'queue' | 'exchange', name: string): string {
  const mine = s.lintFindings.filter((f) => f.entity.kind === kind && f.entity.name === name)
  if (mine.length === 0) return ''
  const worst = mine.some((f) => f.severity !== 'info') ? 'warning' : 'info'
  return `${worst}|${mine.map(lintMessage).join('\n')}`
}

export const LintMark = memo(function LintMark({ kind, name }: { kind: 'queue' | 'exchange'; name: string }) {
  const t = useT()
  const text = useAppStore((s) => summary(s, kind, name))
  if (!text) return null
  const bar = text.indexOf('|')
  const worst = text.slice(0, bar)
  const messages = text.slice(bar + 1)
  const count = messages.split('\n').length
  return (
    <span
      className={`lint-mark lint-mark-${worst}`}
      title={messages}
      data-testid="lint-badge"
      aria-label={t('lint.markLabel', { count, messages })}
    >
      {worst === 'warning' ? <AlertTriangle size={11} aria-hidden /> : <Info size={11} aria-hidden />}
      {count}
    </span>
  )
})
