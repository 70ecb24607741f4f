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
import { useT } from '../../i18n/index.ts'

const NONE = 'warren:none'
const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)

const KEY_MODES: readonly RoutingKeyMode[] = ['fixed', 'cycle', 'pattern']

export function ProducerInspector({ def }: { def: ProducerDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, producerForm)
  const [error, setError] = useState<string | null>(null)
  const names = useAppStore(useShallow(selectExchangeNames))
  const status = useAppStore((s) => s.producerStatus[def.id])
  const openPublish = useAppStore((s) => s.openPublish)
  const t = useT()
  const options = [
    [NONE, t('sim.notConnected')],
    ['', t('producer.amqpDefault')],
    ...names.map((n) => [n, n] as const),
  ] as const
  const keyModes = KEY_MODES.map((mode) => [mode, t(`producer.keyModes.${mode}`)] as const)

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
      aria-label={t('producer.formLabel', { name: def.name })}
      data-testid="producer-inspector"
    >
      <div className="stat-row">
        <div className="stat">
          <b data-testid="producer-inspector-published">{status?.published ?? 0}</b>
          <span>{t('counts.published')}</span>
        </div>
        <div className="stat">
          <b>{status?.returned ?? 0}</b>
          <span>{t('counts.returned')}</span>
        </div>
        <div className="stat">
          <b>{status?.nacked ?? 0}</b>
          <span>{t('counts.nacked')}</span>
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
          {def.running ? t('producer.stop') : t('producer.start')}
        </button>
        <button
          type="button"
          className="button"
          disabled={def.exchange === null || def.burst <= 0}
          onClick={() => void burstProducer(def.id)}
          aria-label={t('producer.burstLabel', { count: def.burst, name: def.name })}
        >
          <Zap size={14} aria-hidden /> {t('producer.burst', { count: def.burst })}
        </button>
        <button
          type="button"
          className="button"
          disabled={def.exchange === null}
          onClick={() => openPublish(def.exchange ?? '', def.routingKey)}
          aria-label={t('producer.publishAs', { name: def.name })}
        >
          <Send size={14} aria-hidden /> {t('producer.publish')}
        </button>
      </div>
      <TextField label={t('common.name')} value={draft.name} onChange={(name) => patch({ name })} testId="field-name" />
      <SelectField
        label={t('producer.exchange')}
        value={draft.exchange ?? NONE}
        options={options}
        onChange={(exchange) => patch({ exchange: exchange === NONE ? null : exchange })}
        testId="field-producer-exchange"
      />
      <SelectField<RoutingKeyMode>
        label={t('producer.routingKeys')}
        value={draft.routingKeyMode}
        options={keyModes}
        onChange={(routingKeyMode) => patch({ routingKeyMode })}
        testId="field-routing-key-mode"
      />
      <TextField
        label={t('common.routingKey')}
        value={draft.routingKey}
        onChange={(routingKey) => patch({ routingKey })}
        hint={t(`producer.keyHints.${draft.routingKeyMode}`)}
        testId="field-routing-key"
        mono
      />
      <div className="grid-2">
        <TextField
          label={t('producer.rate')}
          value={draft.rate}
          onChange={(rate) => patch({ rate })}
          hint={t('producer.rateHint')}
          inputMode="numeric"
          testId="field-rate"
          mono
        />
        <TextField
          label={t('producer.burstSize')}
          value={draft.burst}
          onChange={(burst) => patch({ burst })}
          hint={t('producer.burstHint')}
          inputMode="numeric"
          testId="field-burst"
          mono
        />
      </div>
      <TextField
        label={t('producer.body')}
        value={draft.body}
        onChange={(body) => patch({ body })}
        hint={t('producer.bodyHint', { n: '{n}', key: '{key}' })}
        testId="field-body"
        mono
      />
      <RowsEditor
        label={t('connect.headers')}
        rows={draft.headers}
        onChange={(headers) => patch({ headers })}
        testId="field-producer-headers"
        addLabel={t('connect.addHeader')}
      />
      <div className="grid-2">
        <TextField
          label={t('producer.expiration')}
          value={draft.expiration}
          onChange={(expiration) => patch({ expiration })}
          hint={t('producer.expirationHint')}
          inputMode="numeric"
          testId="field-expiration"
          mono
        />
        <TextField
          label={t('producer.priority')}
          value={draft.priority}
          onChange={(priority) => patch({ priority })}
          hint={t('producer.priorityHint')}
          inputMode="numeric"
          testId="field-priority"
          mono
        />
      </div>
      <div className="button-row">
        <Check
          label={t('producer.persistent')}
          checked={draft.persistent}
          onChange={(persistent) => patch({ persistent })}
          title={t('producer.persistentHint')}
          testId="field-persistent"
        />
        <Check
          label={t('producer.mandatory')}
          checked={draft.mandatory}
          onChange={(mandatory) => patch({ mandatory })}
          title={t('producer.mandatoryHint')}
          testId="field-mandatory"
        />
        <Check
          label={t('producer.confirms')}
          checked={draft.confirms}
          onChange={(confirms) => patch({ confirms })}
          title={t('producer.confirmsHint')}
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
          aria-label={t('producer.delete', { name: def.name })}
        >
          <Trash2 size={14} aria-hidden /> {t('common.delete')}
        </button>
      </div>
    </form>
  )
}
