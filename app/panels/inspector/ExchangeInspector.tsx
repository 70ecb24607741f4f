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
import { EffectiveSettingsSection } from './EffectiveSettings.tsx'
import { FormActions } from './FormActions.tsx'

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

const TYPES = [
  ['direct', 'direct'],
  ['fanout', 'fanout'],
  ['topic', 'topic'],
  ['headers', 'headers'],
] as const
const TYPE_HELP: Record<ExchangeType, string> = {
  direct: 'Routes to bindings whose key equals the routing key.',
  fanout: 'Routes a copy to every binding; keys are ignored.',
  topic: "Routes by pattern: '*' matches one word, '#' zero or more (order.* , order.#).",
  headers: "Routes by message headers: x-match all or any of the binding's headers.",
}

export function ExchangeInspector({ def }: { def: ExchangeDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftOf)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const openPublish = useAppStore((s) => s.openPublish)
  const predeclared = isPredeclaredExchange(def.name)

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const name = draft.name.trim()
    if (name === '') return setError('An exchange needs a name: the nameless one is the default exchange.')
    const extra = tableFromRows(draft.extra, 'argument')
    if ('error' in extra) return setError(extra.error)
    if (name !== def.name && name in useAppStore.getState().exchanges) {
      return setError(
        `An exchange named '${name}' already exists in vhost '${useAppStore.getState().vhost}'. Declaring it again would reuse that exchange, not create this one.`,
      )
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
      <div className="inspector-form">
        <p className="note">
          '{def.name}' is predeclared in every vhost: it cannot be changed or deleted. Bind from it or publish to it.
        </p>
        <p className="field-hint">{TYPE_HELP[def.type as ExchangeType]}</p>
      </div>
    )
  }
  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={`Exchange ${def.name}`}
      data-testid="exchange-inspector"
    >
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => openPublish(def.name, '')}
          aria-label={`Publish to ${def.name}`}
        >
          <Send size={14} aria-hidden /> Publish
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            useAppStore.getState().selectNodes([exchangeNodeId(def.name)])
            void deleteSelection()
          }}
          aria-label={`Delete exchange ${def.name}`}
        >
          <Trash2 size={14} aria-hidden /> Delete
        </button>
      </div>
      <TextField label="Name" value={draft.name} onChange={(name) => patch({ name })} testId="field-name" mono />
      <SelectField
        label="Type"
        value={draft.type}
        options={TYPES}
        onChange={(type) => patch({ type })}
        testId="field-exchange-type"
        hint={TYPE_HELP[draft.type]}
      />
      <div className="checks">
        <Check
          label="Durable"
          checked={draft.durable}
          onChange={(durable) => patch({ durable })}
          title="Survives a broker restart"
        />
        <Check
          label="Auto-delete"
          checked={draft.autoDelete}
          onChange={(autoDelete) => patch({ autoDelete })}
          title="Deleted when its last binding goes"
        />
        <Check
          label="Internal"
          checked={draft.internal}
          onChange={(internal) => patch({ internal })}
          title="Only other exchanges can publish to it"
        />
      </div>
      <TextField
        label="Alternate exchange"
        value={draft.alternate}
        onChange={(alternate) => patch({ alternate })}
        list="exchange-names"
        placeholder="none"
        hint="Gets the messages this exchange cannot route."
        testId="field-alternate-exchange"
        mono
      />
      <RowsEditor
        label="Other arguments"
        rows={draft.extra}
        onChange={(extra) => patch({ extra })}
        testId="field-extra-args"
        addLabel="Add argument"
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
  )
}
