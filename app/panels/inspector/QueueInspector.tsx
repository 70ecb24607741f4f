// Every property and argument of a queue. Changes are re-declares, explained and confirmed first.

import { useState, type FormEvent } from 'react'
import { Eraser, Inbox, Trash2 } from 'lucide-react'
import type { QueueDef } from '../../../engine/model.ts'
import { putQueue, renameQueue } from '../../design/doc-ops.ts'
import { queueNodeId } from '../../design/ids.ts'
import { NUMBER_ARGS, draftFromQueue, queueFromDraft } from '../../design/queue-form.ts'
import { commitExplained, deleteSelection, getSession } from '../../session/actions.ts'
import { askConfirm } from '../../session/dialogs.ts'
import { useAppStore } from '../../store/index.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { EffectiveSettingsSection } from './EffectiveSettings.tsx'
import { FormActions } from './FormActions.tsx'

const OVERFLOW = [
  ['', 'drop-head (default)'],
  ['drop-head', 'drop-head'],
  ['reject-publish', 'reject-publish'],
  ['reject-publish-dlx', 'reject-publish-dlx'],
] as const

export function QueueInspector({ def }: { def: QueueDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftFromQueue)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const stats = useAppStore((s) => s.queueStats[def.name])
  const browse = useAppStore((s) => s.browseQueue)

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const parsed = queueFromDraft(draft, def)
    if ('error' in parsed) return setError(parsed.error)
    const next = parsed.def
    const state = useAppStore.getState()
    if (next.name !== def.name && next.name in state.queues) {
      return setError(
        `A queue named '${next.name}' already exists in vhost '${useAppStore.getState().vhost}'. Declaring it again would reuse that queue, not create this one.`,
      )
    }
    setBusy(true)
    const renamed = next.name !== def.name ? { kind: 'queue' as const, from: def.name, to: next.name } : undefined
    const result = await commitExplained((doc) => putQueue(renameQueue(doc, def.name, next.name), next), renamed)
    setBusy(false)
    if (result.error) setError(result.error)
    else if (result.ok && renamed) useAppStore.getState().selectNodes([queueNodeId(next.name)])
  }

  const purge = async () => {
    const answer = await askConfirm({
      title: `Purge queue '${def.name}'?`,
      paragraphs: [
        `Its ${stats?.ready ?? 0} ready message(s) are deleted. Unacknowledged ones stay with their consumers.`,
      ],
      confirmLabel: 'Purge',
      danger: true,
    })
    if (!answer) return
    try {
      const n = await getSession().purge(def.name)
      useAppStore.getState().toast('info', `Purged ${n} message(s) from '${def.name}'`)
    } catch (err) {
      setError((err as Error).message)
    }
  }

  const quorum = draft.type === 'quorum'
  return (
    <form onSubmit={apply} className="inspector-form" aria-label={`Queue ${def.name}`} data-testid="queue-inspector">
      <div className="stat-row" aria-label="Live counts">
        <div className="stat">
          <b>{stats?.ready ?? 0}</b>
          <span>ready</span>
        </div>
        <div className="stat">
          <b>{stats?.unacked ?? 0}</b>
          <span>unacked</span>
        </div>
        <div className="stat">
          <b>{stats?.consumers ?? 0}</b>
          <span>consumers</span>
        </div>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => browse(def.name)}
          aria-label={`Browse messages of ${def.name}`}
        >
          <Inbox size={14} aria-hidden /> Messages
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void purge()}
          aria-label={`Purge ${def.name}`}
          data-testid="inspector-purge"
        >
          <Eraser size={14} aria-hidden /> Purge
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            useAppStore.getState().selectNodes([queueNodeId(def.name)])
            void deleteSelection()
          }}
          aria-label={`Delete queue ${def.name}`}
        >
          <Trash2 size={14} aria-hidden /> Delete
        </button>
      </div>

      <TextField label="Name" value={draft.name} onChange={(name) => patch({ name })} testId="field-name" mono />
      <SelectField
        label="Type"
        value={draft.type}
        options={
          [
            ['classic', 'classic'],
            ['quorum', 'quorum'],
          ] as const
        }
        onChange={(type) => patch({ type })}
        testId="field-queue-type"
      />
      <div className="checks">
        <Check
          label="Durable"
          checked={draft.durable}
          onChange={(durable) => patch({ durable })}
          title="Survives a broker restart"
          testId="field-durable"
        />
        <Check
          label="Exclusive"
          checked={draft.exclusive}
          onChange={(exclusive) => patch({ exclusive })}
          title="Owned by the designer's connection; deleted when it closes"
        />
        <Check
          label="Auto-delete"
          checked={draft.autoDelete}
          onChange={(autoDelete) => patch({ autoDelete })}
          title="Deleted when its last consumer goes"
        />
      </div>

      <h3 className="form-section">Arguments</h3>
      <div className="grid-2">
        {NUMBER_ARGS.filter(([key]) => quorum || key !== 'x-delivery-limit').map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            value={draft.numbers[key]}
            onChange={(v) => patch({ numbers: { ...draft.numbers, [key]: v } })}
            placeholder="none"
            testId={`field-${key}`}
            inputMode="numeric"
            mono
          />
        ))}
      </div>
      <SelectField
        label="Overflow (x-overflow)"
        value={draft.overflow}
        options={OVERFLOW}
        onChange={(overflow) => patch({ overflow })}
        testId="field-x-overflow"
      />
      <Check
        label="Dead-letter exchange (x-dead-letter-exchange)"
        checked={draft.useDeadLetter}
        onChange={(useDeadLetter) => patch({ useDeadLetter })}
        testId="field-use-dlx"
      />
      {draft.useDeadLetter && (
        <div className="grid-2">
          <TextField
            label="Exchange"
            value={draft.deadLetterExchange}
            onChange={(deadLetterExchange) => patch({ deadLetterExchange })}
            list="exchange-names"
            placeholder="(default exchange)"
            testId="field-x-dead-letter-exchange"
            mono
          />
          <TextField
            label="Routing key"
            value={draft.deadLetterRoutingKey}
            onChange={(deadLetterRoutingKey) => patch({ deadLetterRoutingKey })}
            placeholder="message's own"
            testId="field-x-dead-letter-routing-key"
            mono
          />
        </div>
      )}
      <Check
        label="Single active consumer"
        checked={draft.singleActiveConsumer}
        onChange={(singleActiveConsumer) => patch({ singleActiveConsumer })}
        title="x-single-active-consumer"
      />
      <RowsEditor
        label="Other arguments"
        rows={draft.extra}
        onChange={(extra) => patch({ extra })}
        testId="field-extra-args"
        addLabel="Add argument"
      />
      <EffectiveSettingsSection kind="queue" name={def.name} revision={def} />
      <p className="note">
        RabbitMQ fixes these when the queue is declared: applying re-creates the queue (you will be asked first).
      </p>
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
