// A producer node: a simulated publisher in the broker. Where it publishes, how often, which routing keys
// and message properties. Design data, undoable like the rest; start / stop and bursts act at once.

import { useState, type FormEvent } from 'react'
import { Pause, Play, Send, Trash2, Zap } from 'lucide-react'
import type { ProducerDef, RoutingKeyMode } from '../../design/types.ts'
import { nodeId } from '../../design/ids.ts'
import { producerForm, producerFromForm } from '../../design/sim-form.ts'
import { commit, deleteSelection } from '../../session/actions.ts'
import { burstProducer, setProducerRunning } from '../../session/sim-actions.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useShallow } from 'zustand/react/shallow'

const NONE = 'warren:none'
const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)

const KEY_MODES: readonly (readonly [RoutingKeyMode, string])[] = [
  ['fixed', 'one key'],
  ['cycle', 'keys in turn'],
  ['pattern', 'pattern with choices'],
]
const KEY_HINTS: Record<RoutingKeyMode, string> = {
  fixed: 'Every message gets this key.',
  cycle: 'Comma-separated, used one after the other: order.created, order.paid',
  pattern: 'Each {a|b|c} picks one choice at random: order.{created|paid|cancelled}',
}

export function ProducerInspector({ def }: { def: ProducerDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, producerForm)
  const [error, setError] = useState<string | null>(null)
  const names = useAppStore(useShallow(selectExchangeNames))
  const status = useAppStore((s) => s.producerStatus[def.id])
  const openPublish = useAppStore((s) => s.openPublish)
  const options = [[NONE, '(not connected)'], ['', '(AMQP default)'], ...names.map((n) => [n, n] as const)] as const

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    const next = producerFromForm(def, draft)
    if ('error' in next) return setError(next.error)
    const result = await commit((doc) => ({ ...doc, producers: { ...doc.producers, [def.id]: next } }))
    setError(result.error ?? null)
  }

  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={`Producer ${def.name}`}
      data-testid="producer-inspector"
    >
      <div className="stat-row">
        <div className="stat">
          <b data-testid="producer-inspector-published">{status?.published ?? 0}</b>
          <span>published</span>
        </div>
        <div className="stat">
          <b>{status?.returned ?? 0}</b>
          <span>returned</span>
        </div>
        <div className="stat">
          <b>{status?.nacked ?? 0}</b>
          <span>nacked</span>
        </div>
      </div>
      <ErrorText text={status?.error ?? null} testId="producer-inspector-status-error" />
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          disabled={def.exchange === null || (def.rate <= 0 && !def.running)}
          onClick={() => void setProducerRunning(def.id, !def.running)}
          data-testid="producer-inspector-toggle"
        >
          {def.running ? <Pause size={14} aria-hidden /> : <Play size={14} aria-hidden />}{' '}
          {def.running ? 'Stop' : 'Start'}
        </button>
        <button
          type="button"
          className="button"
          disabled={def.exchange === null || def.burst <= 0}
          onClick={() => void burstProducer(def.id)}
          aria-label={`Publish a burst of ${def.burst} as ${def.name}`}
        >
          <Zap size={14} aria-hidden /> Burst {def.burst}
        </button>
        <button
          type="button"
          className="button"
          disabled={def.exchange === null}
          onClick={() => openPublish(def.exchange ?? '', def.routingKey)}
          aria-label={`Publish as ${def.name}`}
        >
          <Send size={14} aria-hidden /> Publish…
        </button>
      </div>
      <TextField label="Name" value={draft.name} onChange={(name) => patch({ name })} testId="field-name" />
      <SelectField
        label="Publishes to exchange"
        value={draft.exchange ?? NONE}
        options={options}
        onChange={(exchange) => patch({ exchange: exchange === NONE ? null : exchange })}
        testId="field-producer-exchange"
      />
      <SelectField<RoutingKeyMode>
        label="Routing keys"
        value={draft.routingKeyMode}
        options={KEY_MODES}
        onChange={(routingKeyMode) => patch({ routingKeyMode })}
        testId="field-routing-key-mode"
      />
      <TextField
        label="Routing key"
        value={draft.routingKey}
        onChange={(routingKey) => patch({ routingKey })}
        hint={KEY_HINTS[draft.routingKeyMode]}
        testId="field-routing-key"
        mono
      />
      <div className="grid-2">
        <TextField
          label="Rate (msg/s)"
          value={draft.rate}
          onChange={(rate) => patch({ rate })}
          hint="while started; 0 = bursts only"
          inputMode="numeric"
          testId="field-rate"
          mono
        />
        <TextField
          label="Burst (messages)"
          value={draft.burst}
          onChange={(burst) => patch({ burst })}
          hint="sent at once by the burst button"
          inputMode="numeric"
          testId="field-burst"
          mono
        />
      </div>
      <TextField
        label="Body"
        value={draft.body}
        onChange={(body) => patch({ body })}
        hint="{n}: the message number, {key}: its routing key"
        testId="field-body"
        mono
      />
      <RowsEditor
        label="Headers"
        rows={draft.headers}
        onChange={(headers) => patch({ headers })}
        testId="field-producer-headers"
        addLabel="Add header"
      />
      <div className="grid-2">
        <TextField
          label="Expiration (ms)"
          value={draft.expiration}
          onChange={(expiration) => patch({ expiration })}
          hint="per-message TTL; blank = none"
          inputMode="numeric"
          testId="field-expiration"
          mono
        />
        <TextField
          label="Priority"
          value={draft.priority}
          onChange={(priority) => patch({ priority })}
          hint="0–255; blank = none"
          inputMode="numeric"
          testId="field-priority"
          mono
        />
      </div>
      <div className="button-row">
        <Check
          label="Persistent"
          checked={draft.persistent}
          onChange={(persistent) => patch({ persistent })}
          title="delivery-mode 2: survives a restart in a durable queue"
          testId="field-persistent"
        />
        <Check
          label="Mandatory"
          checked={draft.mandatory}
          onChange={(mandatory) => patch({ mandatory })}
          title="return unroutable messages to the producer"
          testId="field-mandatory"
        />
        <Check
          label="Confirms"
          checked={draft.confirms}
          onChange={(confirms) => patch({ confirms })}
          title="publisher confirms: the broker acks or nacks each message"
          testId="field-confirms"
        />
      </div>
      <ErrorText text={error} />
      <div className="button-row">
        <FormActions
          dirty={dirty}
          busy={false}
          onRevert={() => {
            revert()
            setError(null)
          }}
        />
        <button
          type="button"
          className="button danger"
          onClick={() => {
            useAppStore.getState().selectNodes([nodeId('producer', def.id)])
            void deleteSelection()
          }}
          aria-label={`Delete producer ${def.name}`}
        >
          <Trash2 size={14} aria-hidden /> Delete
        </button>
      </div>
    </form>
  )
}
