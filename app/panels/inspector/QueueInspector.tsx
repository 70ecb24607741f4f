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
import { useT } from '../../i18n/index.ts'

export function QueueInspector({ def }: { def: QueueDef }) {
  const [draft, patch, dirty, revert] = useDraft(def, draftFromQueue)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const stats = useAppStore((s) => s.queueStats[def.name])
  const browse = useAppStore((s) => s.browseQueue)
  const t = useT()
  const overflowOptions = [
    ['', t('queue.overflowDefault')],
    ['drop-head', 'drop-head'],
    ['reject-publish', 'reject-publish'],
    ['reject-publish-dlx', 'reject-publish-dlx'],
  ] as const

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const parsed = queueFromDraft(draft, def)
    if ('error' in parsed) return setError(parsed.error)
    const next = parsed.def
    const state = useAppStore.getState()
    if (next.name !== def.name && next.name in state.queues) {
      return setError(t('queue.exists', { name: next.name, vhost: useAppStore.getState().vhost }))
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
      title: t('queue.purgeTitle', { name: def.name }),
      paragraphs: [t('queue.purgeText', { count: stats?.ready ?? 0 })],
      confirmLabel: t('queue.purge'),
      danger: true,
    })
    if (!answer) return
    try {
      const n = await getSession().purge(def.name)
      useAppStore.getState().toast('info', t('queue.purged', { count: n, name: def.name }))
    } catch (err) {
      setError((err as Error).message)
    }
  }

  const quorum = draft.type === 'quorum'
  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={t('queue.formLabel', { name: def.name })}
      data-testid="queue-inspector"
    >
      <div className="stat-row" aria-label={t('queue.liveCounts')}>
        <div className="stat">
          <b>{stats?.ready ?? 0}</b>
          <span>{t('counts.ready')}</span>
        </div>
        <div className="stat">
          <b>{stats?.unacked ?? 0}</b>
          <span>{t('counts.unacked')}</span>
        </div>
        <div className="stat">
          <b>{stats?.consumers ?? 0}</b>
          <span>{t('counts.consumers')}</span>
        </div>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => browse(def.name)}
          aria-label={t('queue.browse', { name: def.name })}
        >
          <Inbox size={14} aria-hidden /> {t('drawer.tabs.messages')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void purge()}
          aria-label={t('queue.purgeName', { name: def.name })}
          data-testid="inspector-purge"
        >
          <Eraser size={14} aria-hidden /> {t('queue.purge')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            useAppStore.getState().selectNodes([queueNodeId(def.name)])
            void deleteSelection()
          }}
          aria-label={t('queue.delete', { name: def.name })}
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
          label={t('flags.durable')}
          checked={draft.durable}
          onChange={(durable) => patch({ durable })}
          title={t('flags.durableHint')}
          testId="field-durable"
        />
        <Check
          label={t('flags.exclusive')}
          checked={draft.exclusive}
          onChange={(exclusive) => patch({ exclusive })}
          title={t('flags.exclusiveHint')}
        />
        <Check
          label={t('flags.autoDelete')}
          checked={draft.autoDelete}
          onChange={(autoDelete) => patch({ autoDelete })}
          title={t('flags.autoDeleteQueueHint')}
        />
      </div>

      <h3 className="form-section">{t('queue.arguments')}</h3>
      <div className="grid-2">
        {NUMBER_ARGS.filter((key) => quorum || key !== 'x-delivery-limit').map((key) => (
          <TextField
            key={key}
            label={t(`queue.args.${key}`)}
            value={draft.numbers[key]}
            onChange={(v) => patch({ numbers: { ...draft.numbers, [key]: v } })}
            placeholder={t('common.none')}
            testId={`field-${key}`}
            inputMode="numeric"
            mono
          />
        ))}
      </div>
      <SelectField
        label={t('queue.overflow')}
        value={draft.overflow}
        options={overflowOptions}
        onChange={(overflow) => patch({ overflow })}
        testId="field-x-overflow"
      />
      <Check
        label={t('queue.deadLetterExchange')}
        checked={draft.useDeadLetter}
        onChange={(useDeadLetter) => patch({ useDeadLetter })}
        testId="field-use-dlx"
      />
      {draft.useDeadLetter && (
        <div className="grid-2">
          <TextField
            label={t('inspector.kind.exchange')}
            value={draft.deadLetterExchange}
            onChange={(deadLetterExchange) => patch({ deadLetterExchange })}
            list="exchange-names"
            placeholder={t('queue.defaultExchange')}
            testId="field-x-dead-letter-exchange"
            mono
          />
          <TextField
            label={t('common.routingKey')}
            value={draft.deadLetterRoutingKey}
            onChange={(deadLetterRoutingKey) => patch({ deadLetterRoutingKey })}
            placeholder={t('queue.messagesOwnKey')}
            testId="field-x-dead-letter-routing-key"
            mono
          />
        </div>
      )}
      <Check
        label={t('queue.singleActiveConsumer')}
        checked={draft.singleActiveConsumer}
        onChange={(singleActiveConsumer) => patch({ singleActiveConsumer })}
        title="x-single-active-consumer"
      />
      <RowsEditor
        label={t('common.otherArguments')}
        rows={draft.extra}
        onChange={(extra) => patch({ extra })}
        testId="field-extra-args"
        addLabel={t('common.addArgument')}
      />
      <EffectiveSettingsSection kind="queue" name={def.name} revision={def} />
      <p className="note">{t('queue.fixedAtDeclare')}</p>
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
