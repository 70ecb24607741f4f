// The bindings one group edge draws: searchable, each one opened in the binding editor or unbound on its own.

import { useMemo, useState } from 'react'
import { Trash2 } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { BindingDef, ExchangeType } from '../../../engine/model.ts'
import { bindingsOfGroup } from '../../design/binding-groups.ts'
import { bindingLabel } from '../../design/binding-label.ts'
import { removeEdges } from '../../design/doc-ops.ts'
import { bindingEdgeId } from '../../design/ids.ts'
import { useT } from '../../i18n/index.ts'
import { commit } from '../../session/actions.ts'
import { useAppStore } from '../../store/index.ts'
import { ErrorText, TextField } from '../../ui/controls.tsx'
import { BindingInspector } from './BindingInspector.tsx'

/** Rows rendered at once: a filter narrows the rest, so a 3,000-binding pair stays quick to open. */
const ROWS_SHOWN = 200

export function BindingGroupInspector({ groupId, sourceType }: { groupId: string; sourceType: ExchangeType }) {
  const t = useT()
  const bindings = useAppStore(useShallow((s) => bindingsOfGroup(s.bindings, groupId)))
  const [filter, setFilter] = useState('')
  const [open, setOpen] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const labelled = bindings.map((b) => ({ b, id: bindingEdgeId(b), label: bindingLabel(b, sourceType) }))
    return needle ? labelled.filter((r) => r.label.toLowerCase().includes(needle)) : labelled
  }, [bindings, filter, sourceType])
  const opened = bindings.find((b) => bindingEdgeId(b) === open) ?? null
  const first = bindings[0] as BindingDef | undefined
  if (!first) return null

  const unbind = async (id: string) => {
    setError(null)
    const result = await commit((doc) => removeEdges(doc, [id]))
    if (result.error) setError(result.error)
  }

  return (
    <div className="inspector-form" data-testid="binding-group-inspector">
      <dl className="facts">
        <dt>{t('scale.group.from')}</dt>
        <dd className="mono">{first.source}</dd>
        <dt>{t('scale.group.to', { type: first.destinationType })}</dt>
        <dd className="mono">{first.destination}</dd>
      </dl>
      <p className="note" data-testid="binding-group-count">
        {t('scale.edge.bindings', { count: bindings.length })}
      </p>
      <TextField
        label={t('scale.group.search')}
        value={filter}
        onChange={setFilter}
        placeholder={t('scale.group.searchPlaceholder')}
        testId="binding-group-search"
        mono
      />
      <ul className="binding-group-list" aria-label={t('scale.group.list')} data-testid="binding-group-list">
        {rows.slice(0, ROWS_SHOWN).map((r) => (
          <li key={r.id} className={r.id === open ? 'is-open' : undefined}>
            <button
              type="button"
              className="binding-group-key mono"
              onClick={() => setOpen(r.id === open ? null : r.id)}
              aria-expanded={r.id === open}
              data-testid="binding-group-key"
            >
              {r.label || t('scale.group.emptyKey')}
            </button>
            <button
              type="button"
              className="icon-button"
              onClick={() => void unbind(r.id)}
              aria-label={t('scale.group.unbind', { key: r.label })}
              data-testid="binding-group-unbind"
            >
              <Trash2 size={14} aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      {rows.length > ROWS_SHOWN && <p className="note">{t('scale.group.more', { count: rows.length - ROWS_SHOWN })}</p>}
      <ErrorText text={error} />
      {opened && <BindingInspector key={open} binding={opened} sourceType={sourceType} />}
    </div>
  )
}
