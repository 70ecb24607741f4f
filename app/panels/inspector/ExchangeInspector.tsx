// An exchange's type, flags and arguments; changing any of them re-declares it (bindings are re-made).

import { useState, type FormEvent } from 'react'
import { Send, Trash2 } from 'lucide-react'
import type { ExchangeDef, ExchangeType, FieldTable } from '../../../engine/model.ts'
import { putExchange, renameExchange } from '../../design/doc-ops.ts'
import { rowsFromTable, tableFromRows, type FieldRow } from '../../design/field-rows.ts'
import { exchangeNodeId, isPredeclaredExchange } from '../../design/ids.ts'
import { commitExplained, deleteSelection } from '../../session/actions.ts'
import { useAppStore } from '../../store/index.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { AddBindingForm } from './AddBindingForm.tsx'
import { EffectiveSettingsSection } from './EffectiveSettings.tsx'
import { FormActions } from './FormActions.tsx'
import { useT } from '../../i18n/index.ts'

interface Draft {
  name: string
  type: ExchangeType
  durable: boolean
  autoDelete: boolean
  internal: boolean
  alternate: string
  extra: FieldRow[]
}

const draftOf = (x: ExchangeDef): Draft => ({
  name: x.name,
  type: x.type as ExchangeType,
  durable: x.durable,
  autoDelete: x.autoDelete,
  internal: x.internal,
  alternate: typeof x.arguments['alternate-exchange'] === 'string' ? x.arguments['alternate-exchange'] : '',
  extra: rowsFromTable(x.arguments, (k) => k === 'alternate-exchange'),
})

// Exchange types are RabbitMQ's words, the same in every language; their help is exchange.typeHelp.<type>.
const TYPES = [
  ['direct', 'direct'],
  ['fanout', 'fanout'],
  ['topic', 'topic'],
  ['headers', 'headers'],
] as const

export function ExchangeInspector({ def }: { def: ExchangeDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftOf)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const openPublish = useAppStore((s) => s.openPublish)
  const predeclared = isPredeclaredExchange(def.name)
  const t = useT()

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const name = draft.name.trim()
    if (name === '') return setError(t('exchange.needsName'))
    const extra = tableFromRows(draft.extra, 'argument')
    if ('error' in extra) return setError(extra.error)
    if (name !== def.name && name in useAppStore.getState().exchanges) {
      return setError(t('exchange.exists', { name, vhost: useAppStore.getState().vhost }))
    }
    const args: FieldTable = { ...extra.table }
    if (draft.alternate.trim() !== '') args['alternate-exchange'] = draft.alternate.trim()
    const next: ExchangeDef = {
      name,
      type: draft.type,
      durable: draft.durable,
      autoDelete: draft.autoDelete,
      internal: draft.internal,
      arguments: args,
    }
    setBusy(true)
    const renamed = name !== def.name ? { kind: 'exchange' as const, from: def.name, to: name } : undefined
    const result = await commitExplained((doc) => putExchange(renameExchange(doc, def.name, name), next), renamed)
    setBusy(false)
    if (result.error) setError(result.error)
    else if (result.ok && renamed) useAppStore.getState().selectNodes([exchangeNodeId(name)])
  }

  if (predeclared) {
    return (
      <>
        <div className="inspector-form">
          <p className="note">{t('exchange.predeclared', { name: def.name })}</p>
          <p className="field-hint">{t(`exchange.typeHelp.${def.type}`)}</p>
        </div>
        {def.name !== '' && <AddBindingForm def={def} />}
      </>
    )
  }
  return (
    <>
      <form
        onSubmit={apply}
        className="inspector-form"
        aria-label={t('exchange.formLabel', { name: def.name })}
        data-testid="exchange-inspector"
      >
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => openPublish(def.name, '')}
            aria-label={t('exchange.publishTo', { name: def.name })}
          >
            <Send size={14} aria-hidden /> {t('drawer.tabs.publish')}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              useAppStore.getState().selectNodes([exchangeNodeId(def.name)])
              void deleteSelection()
            }}
            aria-label={t('exchange.delete', { name: def.name })}
          >
            <Trash2 size={14} aria-hidden /> {t('common.delete')}
          </button>
        </div>
        <TextField
          label={t('common.name')}
          value={draft.name}
          onChange={(name) => patch({ name })}
          testId="field-name"
          mono
        />
        <SelectField
          label={t('common.type')}
          value={draft.type}
          options={TYPES}
          onChange={(type) => patch({ type })}
          testId="field-exchange-type"
          hint={t(`exchange.typeHelp.${draft.type}`)}
        />
        <div className="checks">
          <Check
            label={t('flags.durable')}
            checked={draft.durable}
            onChange={(durable) => patch({ durable })}
            title={t('flags.durableHint')}
          />
          <Check
            label={t('flags.autoDelete')}
            checked={draft.autoDelete}
            onChange={(autoDelete) => patch({ autoDelete })}
            title={t('flags.autoDeleteExchangeHint')}
          />
          <Check
            label={t('flags.internal')}
            checked={draft.internal}
            onChange={(internal) => patch({ internal })}
            title={t('flags.internalHint')}
          />
        </div>
        <TextField
          label={t('exchange.alternate')}
          value={draft.alternate}
          onChange={(alternate) => patch({ alternate })}
          list="exchange-names"
          placeholder={t('common.none')}
          hint={t('exchange.alternateHint')}
          testId="field-alternate-exchange"
          mono
        />
        <RowsEditor
          label={t('common.otherArguments')}
          rows={draft.extra}
          onChange={(extra) => patch({ extra })}
          testId="field-extra-args"
          addLabel={t('common.addArgument')}
        />
        <EffectiveSettingsSection kind="exchange" name={def.name} revision={def} />
        <ErrorText text={error} />
        <FormActions
          dirty={dirty}
          busy={busy}
          onRevert={() => {
            revert()
            setError(null)
          }}
        />
      </form>
      <AddBindingForm def={def} />
    </>
  )
}
