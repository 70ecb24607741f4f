// Dead-letter and alternate-exchange edges are arguments of a queue or an exchange: editing them re-declares it.

import { useState, type FormEvent } from 'react'
import { Trash2 } from 'lucide-react'
import type { ExchangeDef, QueueDef } from '../../../engine/model.ts'
import { putQueue, removeEdges } from '../../design/doc-ops.ts'
import { alternateEdgeId, deadLetterEdgeId } from '../../design/ids.ts'
import { commitExplained } from '../../session/actions.ts'
import { ErrorText, TextField } from '../../ui/controls.tsx'
import { useDraft } from '../../ui/useDraft.ts'
import { FormActions } from './FormActions.tsx'
import { useT } from '../../i18n/index.ts'
import { visibleName } from '../../ui/visible-text.ts'

const keyOf = (q: QueueDef) => ({
  key: typeof q.arguments['x-dead-letter-routing-key'] === 'string' ? q.arguments['x-dead-letter-routing-key'] : '',
})

export function DeadLetterInspector({ queue }: { queue: QueueDef }) {
  const [draft, patch, dirty, revert] = useDraft(queue, keyOf)
  const [error, setError] = useState<string | null>(null)
  const t = useT()
  const apply = async (e: FormEvent) => {
    e.preventDefault()
    const args = { ...queue.arguments }
    delete args['x-dead-letter-routing-key']
    if (draft.key !== '') args['x-dead-letter-routing-key'] = draft.key
    const result = await commitExplained((doc) => putQueue(doc, { ...queue, arguments: args }))
    setError(result.error ?? null)
  }
  const remove = async () =>
    setError((await commitExplained((doc) => removeEdges(doc, [deadLetterEdgeId(queue.name)]))).error ?? null)
  return (
    <form
      onSubmit={apply}
      className="inspector-form"
      aria-label={t('inspector.kind.deadLetter')}
      data-testid="dead-letter-inspector"
    >
      <dl className="facts">
        <dt>{t('inspector.kind.queue')}</dt>
        <dd className="mono">{visibleName(queue.name)}</dd>
        <dt>{t('deadLetter.exchange')}</dt>
        <dd className="mono">{String(queue.arguments['x-dead-letter-exchange']) || t('common.defaultExchange')}</dd>
      </dl>
      <p className="note">{t('deadLetter.note')}</p>
      <TextField
        label={t('deadLetter.routingKey')}
        value={draft.key}
        onChange={(key) => patch({ key })}
        placeholder={t('deadLetter.ownKey')}
        testId="field-dl-routing-key"
        mono
      />
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
          onClick={() => void remove()}
          aria-label={t('deadLetter.remove')}
        >
          <Trash2 size={14} aria-hidden /> {t('common.remove')}
        </button>
      </div>
    </form>
  )
}

export function AlternateInspector({ exchange }: { exchange: ExchangeDef }) {
  const [error, setError] = useState<string | null>(null)
  const t = useT()
  const remove = async () =>
    setError((await commitExplained((doc) => removeEdges(doc, [alternateEdgeId(exchange.name)]))).error ?? null)
  return (
    <div className="inspector-form" data-testid="alternate-inspector">
      <dl className="facts">
        <dt>{t('inspector.kind.exchange')}</dt>
        <dd className="mono">{visibleName(exchange.name)}</dd>
        <dt>{t('exchange.alternate')}</dt>
        <dd className="mono">{String(exchange.arguments['alternate-exchange'])}</dd>
      </dl>
      <p className="note">{t('alternate.note', { name: exchange.name })}</p>
      <ErrorText text={error} />
      <button type="button" className="button danger" onClick={() => void remove()} aria-label={t('alternate.remove')}>
        <Trash2 size={14} aria-hidden /> {t('common.remove')}
      </button>
    </div>
  )
}
