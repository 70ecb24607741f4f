// Binding an exchange from its inspector: the same rules as drawing an edge, reachable with the keyboard alone.

import { useState, type FormEvent } from 'react'
import { Link2 } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { ExchangeDef, ExchangeType, FieldTable } from '../../../engine/model.ts'
import { applyConnection, bindingNeeds, checkAnswer, judgeConnection } from '../../design/connect-rules.ts'
import { tableFromRows, type FieldRow } from '../../design/field-rows.ts'
import { exchangeNodeId, queueNodeId } from '../../design/ids.ts'
import { useT } from '../../i18n/index.ts'
import { commit } from '../../session/actions.ts'
import { docOf } from '../../store/doc-of.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { ErrorText, RowsEditor, SelectField, TextField } from '../../ui/controls.tsx'

const MATCH = ['all', 'any', 'all-with-x', 'any-with-x'] as const
type Match = (typeof MATCH)[number]

const queueNames = (s: AppState) => Object.keys(s.queues).sort()
const exchangeNames = (s: AppState) => Object.keys(s.exchanges).sort()

/** The amq.* exchanges' types, which judgeConnection needs to accept them as destinations. */
function predeclaredTypes(s: AppState): Record<string, ExchangeType> {
  const out: Record<string, ExchangeType> = {}
  for (const [name, x] of Object.entries(s.exchanges)) if (name.startsWith('amq.')) out[name] = x.type as ExchangeType
  return out
}

export function AddBindingForm({ def }: { def: ExchangeDef }) {
  const t = useT()
  const queues = useAppStore(useShallow(queueNames))
  const exchanges = useAppStore(useShallow(exchangeNames)).filter((name) => name !== '' && name !== def.name)
  const options = [
    ...queues.map((name) => [queueNodeId(name), t('binding.add.toQueue', { name })] as const),
    ...exchanges.map((name) => [exchangeNodeId(name), t('binding.add.toExchange', { name })] as const),
  ]
  const [target, setTarget] = useState('')
  const [key, setKey] = useState('')
  const [match, setMatch] = useState<Match>('all')
  const [headers, setHeaders] = useState<FieldRow[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const needs = bindingNeeds(def.type as ExchangeType)
  const chosen = options.some(([id]) => id === target) ? target : (options[0]?.[0] ?? '')

  const add = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const state = useAppStore.getState()
    const verdict = judgeConnection(
      docOf(state),
      exchangeNodeId(def.name),
      'out',
      chosen,
      predeclaredTypes(state),
      state.vhost,
    )
    if (!verdict.ok) return setError(verdict.reason)
    let table: FieldTable | undefined
    if (needs === 'headerMatch') {
      const parsed = tableFromRows(headers)
      if ('error' in parsed) return setError(parsed.error)
      table = { 'x-match': match, ...parsed.table }
    }
    const answer = { key, headers: table }
    const problem = checkAnswer(verdict.intent, answer)
    if (problem) return setError(problem)
    setBusy(true)
    const result = await commit((doc) => applyConnection(doc, verdict.intent, answer))
    setBusy(false)
    if (result.error) return setError(result.error)
    setKey('')
    setHeaders([])
  }

  if (options.length === 0) return <p className="field-hint">{t('binding.add.nothingToBind')}</p>
  return (
    <form
      onSubmit={add}
      className="inspector-form add-binding"
      aria-label={t('binding.add.formLabel', { name: def.name })}
      data-testid="add-binding"
    >
      <h3 className="section-title">{t('binding.add.title')}</h3>
      <SelectField
        label={t('binding.add.destination')}
        value={chosen}
        options={options}
        onChange={setTarget}
        testId="add-binding-destination"
      />
      {needs === 'bindingKey' && (
        <TextField
          label={t('connect.keyBinding')}
          value={key}
          onChange={setKey}
          testId="add-binding-key"
          mono
          hint={def.type === 'topic' ? t('binding.topicHint') : t('binding.directHint')}
        />
      )}
      {needs === 'nothing' && <p className="field-hint">{t('binding.fanoutNote')}</p>}
      {needs === 'headerMatch' && (
        <>
          <SelectField<Match>
            label="x-match"
            value={match}
            options={MATCH.map((m): readonly [Match, string] => [m, t(`binding.match.${m}`)])}
            onChange={setMatch}
            testId="add-binding-x-match"
          />
          <RowsEditor
            label={t('connect.headers')}
            rows={headers}
            onChange={setHeaders}
            testId="add-binding-headers"
            addLabel={t('connect.addHeader')}
          />
        </>
      )}
      <ErrorText text={error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy} data-testid="add-binding-submit">
          <Link2 size={14} aria-hidden /> {t('binding.add.submit')}
        </button>
      </div>
    </form>
  )
}
