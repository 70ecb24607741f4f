// A consumer node: a real consumer with its queue, ack mode, prefetch and processing time.

import { useState, type FormEvent } from 'react'
import { Trash2 } from 'lucide-react'
import type { AckMode, ConsumerDef } from '../../design/types.ts'
import { nodeId } from '../../design/ids.ts'
import { commit, deleteSelection } from '../../session/actions.ts'
import { consumerTag } from '../../session/consumer-runner.ts'
import { useAppStore, type AppState } from '../../store/index.ts'
import { ErrorText, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useShallow } from 'zustand/react/shallow'

const NONE = 'warren:none'
const draftOf = (c: ConsumerDef) => ({ name: c.name, queue: c.queue ?? NONE, ackMode: c.ackMode, prefetch: String(c.prefetch), processingMs: String(c.processingMs) })
const selectQueueNames = (s: AppState) => Object.keys(s.queues)

function wholeNumber(text: string, what: string, max: number): number | string {
  const n = Number(text)
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > max) return `${what} must be a whole number from 0 to ${max}.`
  return n
}

export function ConsumerInspector({ def }: { def: ConsumerDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftOf)
  const [error, setError] = useState<string | null>(null)
  const names = useAppStore(useShallow(selectQueueNames))
  const stats = useAppStore((s) => s.consumerStats[consumerTag(def.id)])
  const options = [[NONE, '(not connected)'], ...names.map((n) => [n, n] as const)] as const

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    if (draft.name.trim() === '') return setError('A consumer needs a name.')
    const prefetch = wholeNumber(draft.prefetch, 'Prefetch', 65535)
    if (typeof prefetch === 'string') return setError(prefetch)
    const processingMs = wholeNumber(draft.processingMs, 'Processing time', 3_600_000)
    if (typeof processingMs === 'string') return setError(processingMs)
    const next: ConsumerDef = { ...def, name: draft.name.trim(), queue: draft.queue === NONE ? null : draft.queue, ackMode: draft.ackMode, prefetch, processingMs }
    const result = await commit((doc) => ({ ...doc, consumers: { ...doc.consumers, [def.id]: next } }))
    setError(result.error ?? null)
  }

  return (
    <form onSubmit={apply} className="inspector-form" aria-label={`Consumer ${def.name}`} data-testid="consumer-inspector">
      <div className="stat-row">
        <div className="stat"><b>{stats?.unacked ?? 0}</b><span>unacked</span></div>
        <div className="stat"><b>{stats ? 'on' : 'off'}</b><span>subscribed</span></div>
      </div>
      <TextField label="Name" value={draft.name} onChange={(name) => patch({ name })} testId="field-name" />
      <SelectField label="Consumes from queue" value={draft.queue} options={options} onChange={(queue) => patch({ queue })} testId="field-consumer-queue" />
      <SelectField<AckMode> label="Acknowledgement" value={draft.ackMode} options={[['manual', 'manual: ack after processing'], ['auto', 'automatic (no-ack)']]} onChange={(ackMode) => patch({ ackMode })} testId="field-ack-mode" />
      <div className="grid-2">
        <TextField label="Prefetch" value={draft.prefetch} onChange={(prefetch) => patch({ prefetch })} hint="0 = unlimited" inputMode="numeric" testId="field-prefetch" mono />
        <TextField label="Processing (ms)" value={draft.processingMs} onChange={(processingMs) => patch({ processingMs })} disabled={draft.ackMode === 'auto'} inputMode="numeric" testId="field-processing" mono />
      </div>
      <ErrorText text={error} />
      <div className="button-row">
        <FormActions dirty={dirty} busy={false} onRevert={() => { revert(); setError(null) }} />
        <button type="button" className="button danger" onClick={() => { useAppStore.getState().selectNodes([nodeId('consumer', def.id)]); void deleteSelection() }} aria-label={`Delete consumer ${def.name}`}><Trash2 size={14} aria-hidden /> Delete</button>
      </div>
    </form>
  )
}
