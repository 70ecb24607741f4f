// A binding's key (or header match). Changing it is unbind + bind, one undo step.

import { useState, type FormEvent } from 'react'
import { Trash2 } from 'lucide-react'
import type { BindingDef, ExchangeType, FieldTable } from '../../../engine/model.ts'
import { addBinding, removeEdges } from '../../design/doc-ops.ts'
import { bindingNeeds, checkAnswer } from '../../design/connect-rules.ts'
import { rowsFromTable, tableFromRows, type FieldRow } from '../../design/field-rows.ts'
import { bindingEdgeId } from '../../design/ids.ts'
import { commit } from '../../session/actions.ts'
import { ErrorText, RowsEditor, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useT } from '../../i18n/index.ts'

interface Draft {
  key: string
  match: 'all' | 'any' | 'all-with-x' | 'any-with-x'
  headers: FieldRow[]
}

const draftOf = (b: BindingDef): Draft => ({
  key: b.routingKey,
  match: (typeof b.arguments['x-match'] === 'string' ? b.arguments['x-match'] : 'all') as Draft['match'],
  headers: rowsFromTable(b.arguments, (k) => k === 'x-match'),
})

const MATCH = ['all', 'any', 'all-with-x', 'any-with-x'] as const

export function BindingInspector({ binding, sourceType }: { binding: BindingDef; sourceType: ExchangeType }) {
  const [draft, patch, dirty, revert] = useDraft(binding, draftOf)
  const [error, setError] = useState<string | null>(null)
  const t = useT()
  const matchOptions = MATCH.map((m) => [m, t(`binding.match.${m}`)] as const)
  const [busy, setBusy] = useState(false)
  const needs = bindingNeeds(sourceType)
  const id = bindingEdgeId(binding)

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    let args: FieldTable = {}
    if (needs === 'headerMatch') {
      const parsed = tableFromRows(draft.headers)
      if ('error' in parsed) return setError(parsed.error)
      args = { 'x-match': draft.match, ...parsed.table }
    }
    const problem = checkAnswer(
      {
        kind: 'bind',
        source: binding.source,
        destination: binding.destination,
        destinationType: binding.destinationType,
        exchangeType: sourceType,
        needs,
      },
      { key: draft.key, headers: args },
    )
    if (problem) return setError(problem)
    const next: BindingDef = {
      ...binding,
      routingKey: needs === 'bindingKey' ? draft.key : binding.routingKey,
      arguments: needs === 'headerMatch' ? args : binding.arguments,
    }
    setBusy(true)
    const result = await commit((doc) => addBinding(removeEdges(doc, [id]), next))
    setBusy(false)
    if (result.error) setError(result.error)
  }

  const remove = async () => {
    const result = await commit((doc) => removeEdges(doc, [id]))
    if (result.error) setError(result.error)
  }

  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={t('inspector.kind.binding')}
      data-testid="binding-inspector"
    >
      <dl className="facts">
        <dt>{t('binding.from')}</dt>
        <dd className="mono">{binding.source}</dd>
        <dt>{t('binding.to', { type: binding.destinationType })}</dt>
        <dd className="mono">{binding.destination}</dd>
      </dl>
      {needs === 'bindingKey' && (
        <TextField
          label={t('connect.keyBinding')}
          value={draft.key}
          onChange={(key) => patch({ key })}
          testId="field-binding-key"
          mono
          hint={sourceType === 'topic' ? t('binding.topicHint') : t('binding.directHint')}
        />
      )}
      {needs === 'nothing' && <p className="note">{t('binding.fanoutNote')}</p>}
      {needs === 'headerMatch' && (
        <>
          <SelectField
            label="x-match"
            value={draft.match}
            options={matchOptions}
            onChange={(match) => patch({ match })}
            testId="field-x-match"
          />
          <RowsEditor
            label={t('connect.headers')}
            rows={draft.headers}
            onChange={(headers) => patch({ headers })}
            testId="field-binding-headers"
            addLabel={t('connect.addHeader')}
          />
        </>
      )}
      <ErrorText text={error} />
      <div className="button-row">
        {needs !== 'nothing' && (
          <FormActions
            dirty={dirty}
            busy={busy}
            onRevert={() => {
              revert()
              setError(null)
            }}
          />
        )}
        <button
          type="button"
          className="button danger"
          onClick={() => void remove()}
          aria-label={t('binding.delete')}
          data-testid="binding-delete"
        >
          <Trash2 size={14} aria-hidden /> {t('binding.unbind')}
        </button>
      </div>
    </form>
  )
}
