// A consumer node: a simulated client in the broker, with its queue, ack mode, prefetch, processing time
// and how it fails. Design data, undoable like the rest; crash / offline act on the running consumer at once.

import { useState, type FormEvent } from 'react'
import { Power, PowerOff, Skull, Trash2 } from 'lucide-react'
import type { FailureAction } from '../../../engine/simulation/specs.ts'
import type { AckMode, ConsumerDef } from '../../design/types.ts'
import { nodeId } from '../../design/ids.ts'
import { consumerForm, consumerFromForm, type BehaviourKind } from '../../design/sim-form.ts'
import { commit, deleteSelection } from '../../session/actions.ts'
import { consumerAction } from '../../session/sim-actions.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { ErrorText, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useShallow } from 'zustand/react/shallow'
import { useT } from '../../i18n/index.ts'

const NONE = 'warren:none'
const selectQueueNames = (s: AppState) => Object.keys(s.queues)

const BEHAVIOURS: readonly BehaviourKind[] = ['ack', 'fail-first', 'fail-randomly']
const ACTIONS: readonly FailureAction[] = ['requeue', 'dead-letter', 'reject', 'reject-requeue']

/** Where this simulated consumer reads its stream next, and how far behind the tail it is. */
function streamPosition(s: AppState, queue: string | null, id: string): { offset: number; lag: number } | null {
  const stream = queue ? s.streamStats[queue] : undefined
  const reader = stream?.readers.find((r) => r.consumerTag.startsWith(`sim-`) && r.consumerTag.includes(id))
  return stream && reader ? { offset: reader.offset, lag: Math.max(0, stream.tail - reader.offset) } : null
}

export function ConsumerInspector({ def }: { def: ConsumerDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, consumerForm)
  const [error, setError] = useState<string | null>(null)
  const names = useAppStore(useShallow(selectQueueNames))
  const status = useAppStore((s) => s.consumerStatus[def.id])
  const t = useT()
  const options = [[NONE, t('sim.notConnected')], ...names.map((n) => [n, n] as const)] as const
  const behaviours = BEHAVIOURS.map((b) => [b, t(`consumer.behaviours.${b}`)] as const)
  const actions = ACTIONS.map((a) => [a, t(`consumer.actions.${a}`)] as const)
  const isStream = useAppStore((s) =>
    draft.queue ? s.queues[draft.queue]?.arguments['x-queue-type'] === 'stream' : false,
  )
  const position = useAppStore(useShallow((s) => streamPosition(s, def.queue, def.id)))
  const state = status?.state ?? 'stopped'
  const down = state !== 'consuming'

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    const next = consumerFromForm(def, draft)
    if ('error' in next) return setError(next.error)
    const result = await commit((doc) => ({ ...doc, consumers: { ...doc.consumers, [def.id]: next } }))
    setError(result.error ?? null)
  }

  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={t('consumer.formLabel', { name: def.name })}
      data-testid="consumer-inspector"
    >
      <div className="stat-row">
        <div className="stat">
          <b data-testid="consumer-inspector-state">{t(`consumer.states.${state}`)}</b>
          <span>{t('consumer.state')}</span>
        </div>
        <div className="stat">
          <b>{status?.inFlight ?? 0}</b>
          <span>{t('counts.unacked')}</span>
        </div>
        <div className="stat" title={t('consumer.ackedFailedHint')}>
          <b>
            {status?.acked ?? 0}/{status?.failed ?? 0}
          </b>
          <span>{t('consumer.ackedFailed')}</span>
        </div>
      </div>
      <ErrorText text={status?.error ?? null} testId="consumer-inspector-status-error" />
      {def.queue !== null && (
        <div className="button-row">
          <button
            type="button"
            className="button danger"
            disabled={state === 'crashed' || state === 'stopped'}
            onClick={() => void consumerAction(def.id, 'crash')}
            title={t('consumer.crashHint')}
          >
            <Skull size={14} aria-hidden /> {t('consumer.crash')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void consumerAction(def.id, down ? 'online' : 'offline')}
          >
            {down ? <Power size={14} aria-hidden /> : <PowerOff size={14} aria-hidden />}{' '}
            {down ? t('consumer.online') : t('consumer.offline')}
          </button>
        </div>
      )}
      <TextField label={t('common.name')} value={draft.name} onChange={(name) => patch({ name })} testId="field-name" />
      <SelectField
        label={t('consumer.queue')}
        value={draft.queue ?? NONE}
        options={options}
        onChange={(queue) => patch({ queue: queue === NONE ? null : queue })}
        testId="field-consumer-queue"
      />
      <SelectField<AckMode>
        label={t('consumer.ackMode')}
        value={draft.ackMode}
        options={[
          ['manual', t('consumer.ackManual')],
          ['auto', t('consumer.ackAuto')],
        ]}
        onChange={(ackMode) => patch({ ackMode })}
        testId="field-ack-mode"
      />
      {draft.queue !== null && isStream && (
        <>
          <TextField
            label={t('consumer.streamOffset')}
            value={draft.streamOffset}
            onChange={(streamOffset) => patch({ streamOffset })}
            hint={t('consumer.streamOffsetHint')}
            testId="field-stream-offset"
            mono
          />
          {position && (
            <p className="hint" data-testid="consumer-stream-position">
              {t('consumer.streamPosition', position)}
            </p>
          )}
        </>
      )}
      <TextField
        label={t('consumer.prefetch')}
        value={draft.prefetch}
        onChange={(prefetch) => patch({ prefetch })}
        hint={t('consumer.prefetchHint')}
        inputMode="numeric"
        testId="field-prefetch"
        mono
      />
      <div className="grid-2">
        <TextField
          label={t('consumer.processing')}
          value={draft.processingMs}
          onChange={(processingMs) => patch({ processingMs })}
          disabled={draft.ackMode === 'auto'}
          inputMode="numeric"
          testId="field-processing"
          mono
        />
        <TextField
          label={t('consumer.processingMax')}
          value={draft.processingMaxMs}
          onChange={(processingMaxMs) => patch({ processingMaxMs })}
          disabled={draft.ackMode === 'auto'}
          hint={t('consumer.processingMaxHint')}
          inputMode="numeric"
          testId="field-processing-max"
          mono
        />
      </div>
      <SelectField<BehaviourKind>
        label={t('consumer.behaviour')}
        value={draft.behaviour}
        options={behaviours}
        onChange={(behaviour) => patch({ behaviour })}
        testId="field-behaviour"
      />
      {draft.behaviour !== 'ack' && (
        <div className="grid-2">
          {draft.behaviour === 'fail-first' ? (
            <TextField
              label={t('consumer.failures')}
              value={draft.failures}
              onChange={(failures) => patch({ failures })}
              inputMode="numeric"
              testId="field-failures"
              mono
            />
          ) : (
            <TextField
              label={t('consumer.probability')}
              value={draft.probability}
              onChange={(probability) => patch({ probability })}
              testId="field-probability"
              mono
            />
          )}
          <SelectField<FailureAction>
            label={t('consumer.onFailure')}
            value={draft.action}
            options={actions}
            onChange={(action) => patch({ action })}
            testId="field-failure-action"
          />
        </div>
      )}
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
            useAppStore.getState().selectNodes([nodeId('consumer', def.id)])
            void deleteSelection()
          }}
          aria-label={t('consumer.delete', { name: def.name })}
        >
          <Trash2 size={14} aria-hidden /> {t('common.delete')}
        </button>
      </div>
    </form>
  )
}
