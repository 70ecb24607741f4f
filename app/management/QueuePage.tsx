// One queue's page, as in RabbitMQ's management UI: its details, consumers and bindings; get messages (with
// RabbitMQ's ack modes), publish a message, purge, delete.

import { useState } from 'react'
import { formatNumber, useT } from '../i18n/index.ts'
import { askConfirm } from '../session/dialogs.ts'
import type { ManagementSource } from './connection.ts'
import type { BindingRow, QueueRow } from './rows.ts'
import { Table } from './Table.tsx'
import { usePoll } from './use-poll.ts'

const ACK_MODES = ['ack_requeue_true', 'ack_requeue_false', 'reject_requeue_true', 'reject_requeue_false'] as const

interface GotMessage {
  payload: string
  payload_encoding: string
  routing_key: string
  exchange: string
  redelivered: boolean
  message_count: number
  properties: Record<string, unknown>
}

const reasonOf = (body: unknown) => String((body as { reason?: unknown } | null)?.reason ?? '')

export function QueuePage({
  source,
  vhost,
  name,
  onBack,
}: {
  source: ManagementSource
  vhost: string
  name: string
  onBack: () => void
}) {
  const t = useT('management')
  const base = `/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(name)}`
  const queue = usePoll<QueueRow>(source, base)
  const bindings = usePoll<BindingRow[]>(source, `${base}/bindings`)
  const [ackmode, setAckmode] = useState<(typeof ACK_MODES)[number]>('ack_requeue_true')
  const [count, setCount] = useState(1)
  const [got, setGot] = useState<GotMessage[] | null>(null)
  const [routingKey, setRoutingKey] = useState(name)
  const [payload, setPayload] = useState('')
  const [persistent, setPersistent] = useState(true)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  const act = async (run: () => Promise<{ status: number; body: unknown }>, done: (body: unknown) => string) => {
    const answer = await run()
    setNote(
      answer.status < 300
        ? { ok: true, text: done(answer.body) }
        : { ok: false, text: reasonOf(answer.body) || `HTTP ${answer.status}` },
    )
    queue.refresh()
  }

  if (queue.status === 404)
    return (
      <div>
        <button type="button" className="button" onClick={onBack}>
          {t('queue.back')}
        </button>
        <p className="form-error">{t('queue.gone', { name })}</p>
      </div>
    )
  const q = queue.data
  return (
    <div className="mgmt-queue" data-testid="mgmt-queue">
      <div className="mgmt-queue-head">
        <button type="button" className="button" onClick={onBack}>
          {t('queue.back')}
        </button>
        <h3>
          {t('queue.title', { name })} <span className="muted">({vhost})</span>
        </h3>
      </div>
      {q && (
        <dl className="mgmt-figures">
          <dt>{t('columns.type')}</dt>
          <dd>{q.type}</dd>
          <dt>{t('columns.state')}</dt>
          <dd>{q.state}</dd>
          <dt>{t('columns.ready')}</dt>
          <dd data-testid="mgmt-queue-ready">{formatNumber(q.messages_ready ?? 0)}</dd>
          <dt>{t('columns.unacked')}</dt>
          <dd>{formatNumber(q.messages_unacknowledged ?? 0)}</dd>
          <dt>{t('columns.consumers')}</dt>
          <dd>{formatNumber(q.consumers ?? 0)}</dd>
          <dt>{t('queue.policy')}</dt>
          <dd>{q.policy ?? '—'}</dd>
          {q.leader && (
            <>
              <dt>{t('queue.leader')}</dt>
              <dd>{q.leader}</dd>
            </>
          )}
        </dl>
      )}
      {note && (
        <p className={note.ok ? 'muted' : 'form-error'} role="status">
          {note.text}
        </p>
      )}
      <section>
        <h4>{t('queue.consumers')}</h4>
        {q?.consumer_details && q.consumer_details.length > 0 ? (
          <Table
            name={t('queue.consumers')}
            testId="mgmt-queue-consumers"
            rows={q.consumer_details}
            rowKey={(c) => c.consumer_tag}
            columns={[
              { key: 'tag', label: t('columns.consumerTag'), value: (c) => c.consumer_tag },
              { key: 'channel', label: t('columns.channel'), value: (c) => c.channel_details.name },
              { key: 'ack', label: t('columns.ackRequired'), value: (c) => (c.ack_required ? '●' : '○') },
              { key: 'prefetch', label: t('columns.prefetch'), value: (c) => c.prefetch_count, numeric: true },
              { key: 'active', label: t('columns.activity'), value: (c) => c.activity_status },
            ]}
          />
        ) : (
          <p className="muted">{t('queue.noConsumers')}</p>
        )}
      </section>
      <section>
        <h4>{t('queue.bindings')}</h4>
        {bindings.data && (
          <Table
            name={t('queue.bindings')}
            testId="mgmt-queue-bindings"
            rows={bindings.data}
            rowKey={(b) => JSON.stringify([b.source, b.properties_key])}
            columns={[
              {
                key: 'from',
                label: t('columns.from'),
                value: (b) => b.source,
                render: (b) => b.source || t('exchanges.default'),
              },
              { key: 'key', label: t('columns.routingKey'), value: (b) => b.routing_key },
              { key: 'args', label: t('columns.arguments'), value: (b) => JSON.stringify(b.arguments) },
            ]}
          />
        )}
      </section>
      <section className="mgmt-forms">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void source.api
              .post(`${base}/get`, { count, ackmode, encoding: 'auto', truncate: 50000 })
              .then((answer) => {
                if (answer.status === 200) setGot(answer.body as GotMessage[])
                else setNote({ ok: false, text: reasonOf(answer.body) })
                queue.refresh()
              })
          }}
        >
          <h4>{t('queue.getMessages')}</h4>
          <label>
            {t('queue.ackMode')}
            <select value={ackmode} onChange={(e) => setAckmode(e.target.value as (typeof ACK_MODES)[number])}>
              {ACK_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`ackModes.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('queue.messages')}
            <input
              type="number"
              min={1}
              value={count}
              onChange={(e) => setCount(Math.max(1, Number(e.target.value)))}
            />
          </label>
          <button type="submit" className="button primary">
            {t('queue.get')}
          </button>
          {got && (
            <ol className="mgmt-got" data-testid="mgmt-got">
              {got.length === 0 && <li className="muted">{t('queue.empty')}</li>}
              {got.map((m, i) => (
                <li key={i}>
                  <span className="mono">{m.payload}</span>{' '}
                  <span className="muted">
                    {t('queue.gotMeta', {
                      exchange: m.exchange || t('exchanges.default'),
                      key: m.routing_key,
                      left: m.message_count,
                    })}
                    {m.redelivered ? ` · ${t('queue.redelivered')}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void act(
              () =>
                source.api.post(`/api/exchanges/${encodeURIComponent(vhost)}/amq.default/publish`, {
                  properties: persistent ? { delivery_mode: 2 } : {},
                  routing_key: routingKey,
                  payload,
                  payload_encoding: 'string',
                }),
              (body) => ((body as { routed?: boolean }).routed ? t('queue.published') : t('queue.notRouted')),
            )
          }}
        >
          <h4>{t('queue.publish')}</h4>
          <label>
            {t('columns.routingKey')}
            <input value={routingKey} onChange={(e) => setRoutingKey(e.target.value)} />
          </label>
          <label>
            {t('queue.payload')}
            <textarea value={payload} onChange={(e) => setPayload(e.target.value)} rows={2} />
          </label>
          <label className="inline">
            <input type="checkbox" checked={persistent} onChange={(e) => setPersistent(e.target.checked)} />
            {t('queue.persistent')}
          </label>
          <button type="submit" className="button primary">
            {t('queue.publishButton')}
          </button>
        </form>
        <div className="mgmt-danger">
          <button
            type="button"
            className="button"
            onClick={() =>
              void act(
                () => source.api.delete(`${base}/contents`),
                () => t('queue.purged'),
              )
            }
          >
            {t('queue.purge')}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={async () => {
              const sure = await askConfirm({
                title: t('queue.deleteTitle', { name }),
                paragraphs: [t('queue.deleteLoses', { count: q?.messages ?? 0 })],
                confirmLabel: t('queue.delete'),
                danger: true,
              })
              if (!sure) return
              const answer = await source.api.delete(base)
              if (answer.status < 300) onBack()
              else setNote({ ok: false, text: reasonOf(answer.body) })
            }}
          >
            {t('queue.delete')}
          </button>
        </div>
      </section>
    </div>
  )
}
