// A producer node: where it publishes, with which routing key. Design data, undoable like the rest.

import { useState, type FormEvent } from 'react'
import { Send, Trash2 } from 'lucide-react'
import type { ProducerDef } from '../../design/types.ts'
import { nodeId } from '../../design/ids.ts'
import { commit, deleteSelection } from '../../session/actions.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { ErrorText, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useShallow } from 'zustand/react/shallow'

const NONE = 'warren:none'
const draftOf = (p: ProducerDef) => ({ name: p.name, exchange: p.exchange ?? NONE, routingKey: p.routingKey })
const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)

export function ProducerInspector({ def }: { def: ProducerDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftOf)
  const [error, setError] = useState<string | null>(null)
  const names = useAppStore(useShallow(selectExchangeNames))
  const openPublish = useAppStore((s) => s.openPublish)
  const options = [[NONE, '(not connected)'], ['', '(AMQP default)'], ...names.map((n) => [n, n] as const)] as const

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    if (draft.name.trim() === '') return setError('A producer needs a name.')
    const next: ProducerDef = { ...def, name: draft.name.trim(), exchange: draft.exchange === NONE ? null : draft.exchange, routingKey: draft.routingKey }
    const result = await commit((doc) => ({ ...doc, producers: { ...doc.producers, [def.id]: next } }))
    setError(result.error ?? null)
  }

  return (
    <form onSubmit={apply} className="inspector-form" aria-label={`Producer ${def.name}`} data-testid="producer-inspector">
      <div className="button-row">
        <button type="button" className="button primary" disabled={def.exchange === null} onClick={() => openPublish(def.exchange ?? '', def.routingKey)} aria-label={`Publish as ${def.name}`}><Send size={14} aria-hidden /> Publish…</button>
        <button type="button" className="button danger" onClick={() => { useAppStore.getState().selectNodes([nodeId('producer', def.id)]); void deleteSelection() }} aria-label={`Delete producer ${def.name}`}><Trash2 size={14} aria-hidden /> Delete</button>
      </div>
      <TextField label="Name" value={draft.name} onChange={(name) => patch({ name })} testId="field-name" />
      <SelectField label="Publishes to exchange" value={draft.exchange} options={options} onChange={(exchange) => patch({ exchange })} testId="field-producer-exchange" />
      <TextField label="Routing key" value={draft.routingKey} onChange={(routingKey) => patch({ routingKey })} testId="field-routing-key" mono />
      <ErrorText text={error} />
      <FormActions dirty={dirty} busy={false} onRevert={() => { revert(); setError(null) }} />
    </form>
  )
}
