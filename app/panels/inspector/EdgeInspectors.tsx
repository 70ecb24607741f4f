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
import { visibleName } from '../../ui/visible-text.ts'

const keyOf = (q: QueueDef) => ({
  key: typeof q.arguments['x-dead-letter-routing-key'] === 'string' ? q.arguments['x-dead-letter-routing-key'] : '',
})

export function DeadLetterInspector({ queue }: { queue: QueueDef }) {
  const [draft, patch, dirty, revert] = useDraft(queue, keyOf)
  const [error, setError] = useState<string | null>(null)
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
      aria-label="Dead-letter route"
      data-testid="dead-letter-inspector"
    >
      <dl className="facts">
        <dt>Queue</dt>
        <dd className="mono">{visibleName(queue.name)}</dd>
        <dt>Dead-letter exchange</dt>
        <dd className="mono">{String(queue.arguments['x-dead-letter-exchange']) || '(default)'}</dd>
      </dl>
      <p className="note">
        Messages rejected without requeue, expired (TTL) or dropped by a length limit are republished to this exchange,
        with an x-death header saying why.
      </p>
      <TextField
        label="Dead-letter routing key"
        value={draft.key}
        onChange={(key) => patch({ key })}
        placeholder="the message's own routing key"
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
          aria-label="Remove the dead-letter exchange"
        >
          <Trash2 size={14} aria-hidden /> Remove
        </button>
      </div>
    </form>
  )
}

export function AlternateInspector({ exchange }: { exchange: ExchangeDef }) {
  const [error, setError] = useState<string | null>(null)
  const remove = async () =>
    setError((await commitExplained((doc) => removeEdges(doc, [alternateEdgeId(exchange.name)]))).error ?? null)
  return (
    <div className="inspector-form" data-testid="alternate-inspector">
      <dl className="facts">
        <dt>Exchange</dt>
        <dd className="mono">{visibleName(exchange.name)}</dd>
        <dt>Alternate exchange</dt>
        <dd className="mono">{String(exchange.arguments['alternate-exchange'])}</dd>
      </dl>
      <p className="note">
        A message that '{exchange.name}' cannot route to any queue goes to its alternate exchange instead of being
        dropped (or returned).
      </p>
      <ErrorText text={error} />
      <button
        type="button"
        className="button danger"
        onClick={() => void remove()}
        aria-label="Remove the alternate exchange"
      >
        <Trash2 size={14} aria-hidden /> Remove
      </button>
    </div>
  )
}
