// Lists a queue's ready messages (peek), takes one with basic.get and settles it: ack, nack or reject.

import { Fragment, useCallback, useEffect, useState } from 'react'
import { Download, Eraser, RefreshCw, Route } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { PeekedMessage } from '../../engine/worker/protocol.ts'
import type { Message, WarrenChannel } from '../broker/amqp.ts'
import { getSession } from '../session/actions.ts'
import { askConfirm } from '../session/dialogs.ts'
import { errorText } from '../session/session.ts'
import { explainMessage } from '../sim/explain-store.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { Check, ErrorText, SelectField } from '../ui/controls.tsx'
import { bodyText, MessageDetails } from './message-view.tsx'

const selectQueueNames = (s: AppState) => Object.keys(s.queues)

export function QueueBrowser() {
  const names = useAppStore(useShallow(selectQueueNames))
  const chosen = useAppStore((s) => s.browserQueue)
  const queue = chosen && names.includes(chosen) ? chosen : (names[0] ?? null)
  const stats = useAppStore((s) => (queue ? s.queueStats[queue] : undefined))
  const [messages, setMessages] = useState<PeekedMessage[]>([])
  const [open, setOpen] = useState<number | null>(null)
  const [held, setHeld] = useState<{ message: Message; channel: WarrenChannel; queue: string } | null>(null)
  const [requeue, setRequeue] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!queue) return setMessages([])
    try {
      setMessages(await getSession().peek(queue))
    } catch (err) {
      setError(errorText(err))
    }
  }, [queue])

  useEffect(() => {
    void load()
  }, [load, stats])

  const get = async () => {
    if (!queue) return
    setError(null)
    try {
      const got = await getSession().get(queue)
      if (!got) setError(`Queue '${queue}' is empty: basic.get returned nothing.`)
      setHeld(got ? { ...got, queue } : null)
    } catch (err) {
      setError(errorText(err))
    }
  }

  const settle = (how: 'ack' | 'nack' | 'reject') => {
    if (!held) return
    if (held.channel.closed) {
      setError('The channel holding this message closed (broker restart?): it went back to the queue.')
    } else if (how === 'ack') held.channel.ack(held.message)
    else if (how === 'nack') held.channel.nack(held.message, false, requeue)
    else held.channel.reject(held.message, requeue)
    setHeld(null)
  }

  const purge = async () => {
    if (!queue) return
    const answer = await askConfirm({
      title: `Purge queue '${queue}'?`,
      paragraphs: [`Its ${stats?.ready ?? 0} ready message(s) are deleted.`],
      confirmLabel: 'Purge',
      danger: true,
    })
    if (!answer) return
    try {
      await getSession().purge(queue)
    } catch (err) {
      setError(errorText(err))
    }
  }

  if (!queue) return <p className="muted pad">No queues yet. Add one from the palette.</p>
  return (
    <div className="browser" data-testid="queue-browser">
      <div className="browser-bar">
        <SelectField
          label="Queue"
          value={queue}
          options={names.map((n) => [n, n] as const)}
          onChange={(q) => useAppStore.getState().browseQueue(q)}
          testId="browser-queue"
        />
        <span className="muted">
          {stats?.ready ?? 0} ready · {stats?.unacked ?? 0} unacked
        </span>
        <div className="spacer" />
        <button type="button" className="button" onClick={() => void load()} aria-label="Refresh the message list">
          <RefreshCw size={14} aria-hidden /> Refresh
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => void get()}
          disabled={held !== null}
          data-testid="browser-get"
          aria-label="Get the next message (basic.get, manual ack)"
        >
          <Download size={14} aria-hidden /> Get
        </button>
        <button type="button" className="button danger" onClick={() => void purge()} aria-label={`Purge ${queue}`}>
          <Eraser size={14} aria-hidden /> Purge
        </button>
      </div>
      <ErrorText text={error} testId="browser-error" />
      {held && (
        <div className="held" data-testid="browser-held" aria-label="Message taken with basic.get">
          <div className="held-head">
            <span className="eyebrow">basic.get</span>
            <span className="mono">
              {held.queue} · delivery tag {held.message.fields.deliveryTag}
              {held.message.fields.redelivered ? ' · redelivered' : ''}
            </span>
            <div className="spacer" />
            <Check
              label="Requeue"
              checked={requeue}
              onChange={setRequeue}
              title="For nack and reject: put it back (else dead-letter or drop)"
            />
            <button
              type="button"
              className="button primary"
              onClick={() => settle('ack')}
              data-testid="browser-ack"
              aria-label="Acknowledge"
            >
              Ack
            </button>
            <button
              type="button"
              className="button"
              onClick={() => settle('nack')}
              data-testid="browser-nack"
              aria-label="Negatively acknowledge"
            >
              Nack
            </button>
            <button
              type="button"
              className="button"
              onClick={() => settle('reject')}
              data-testid="browser-reject"
              aria-label="Reject"
            >
              Reject
            </button>
          </div>
          <MessageDetails body={held.message.content} properties={held.message.properties} />
        </div>
      )}
      <table className="table" aria-label={`Ready messages in ${queue}`}>
        <thead>
          <tr>
            <th>#</th>
            <th>Routing key</th>
            <th>Exchange</th>
            <th>Body</th>
            <th>Flags</th>
            <th aria-label="Explain" />
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No ready messages.
              </td>
            </tr>
          )}
          {messages.map((m, i) => (
            <Fragment key={m.messageId}>
              <tr
                className="clickable"
                onClick={() => setOpen(open === m.messageId ? null : m.messageId)}
                data-testid="browser-row"
                aria-expanded={open === m.messageId}
              >
                <td>{i + 1}</td>
                <td className="mono">{m.routingKey}</td>
                <td className="mono">{m.exchange || '(default)'}</td>
                <td className="mono ellipsis">{bodyText(m.body).slice(0, 120)}</td>
                <td>
                  {[
                    m.redelivered && 'redelivered',
                    m.properties.deliveryMode === 2 && 'persistent',
                    m.properties.headers?.['x-death'] && 'dead-lettered',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td className="num">
                  <button
                    type="button"
                    className="link-button"
                    onClick={(e) => {
                      e.stopPropagation()
                      explainMessage(m.messageId, {
                        vhost: currentVhost(),
                        queue,
                        exchange: m.exchange,
                        routingKey: m.routingKey,
                        headers: m.properties.headers ?? {},
                      })
                    }}
                    aria-label={`Explain message ${i + 1}: its journey and routing`}
                    data-testid="browser-explain"
                  >
                    <Route size={13} aria-hidden /> Explain
                  </button>
                </td>
              </tr>
              {open === m.messageId && (
                <tr className="details-row">
                  <td colSpan={6}>
                    <MessageDetails body={m.body} properties={m.properties} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  )
}
