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
import { useT } from '../i18n/index.ts'

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
  const t = useT()

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
      if (!got) setError(t('browser.empty', { queue }))
      setHeld(got ? { ...got, queue } : null)
    } catch (err) {
      setError(errorText(err))
    }
  }

  const settle = (how: 'ack' | 'nack' | 'reject') => {
    if (!held) return
    if (held.channel.closed) {
      setError(t('browser.channelClosed'))
    } else if (how === 'ack') held.channel.ack(held.message)
    else if (how === 'nack') held.channel.nack(held.message, false, requeue)
    else held.channel.reject(held.message, requeue)
    setHeld(null)
  }

  const purge = async () => {
    if (!queue) return
    const answer = await askConfirm({
      title: t('queue.purgeTitle', { name: queue }),
      paragraphs: [t('browser.purgeText', { count: stats?.ready ?? 0 })],
      confirmLabel: t('queue.purge'),
      danger: true,
    })
    if (!answer) return
    try {
      await getSession().purge(queue)
    } catch (err) {
      setError(errorText(err))
    }
  }

  if (!queue) return <p className="muted pad">{t('browser.noQueues')}</p>
  return (
    <div className="browser" data-testid="queue-browser">
      <div className="browser-bar">
        <SelectField
          label={t('inspector.kind.queue')}
          value={queue}
          options={names.map((n) => [n, n] as const)}
          onChange={(q) => useAppStore.getState().browseQueue(q)}
          testId="browser-queue"
        />
        <span className="muted">{t('browser.counts', { ready: stats?.ready ?? 0, unacked: stats?.unacked ?? 0 })}</span>
        <div className="spacer" />
        <button type="button" className="button" onClick={() => void load()} aria-label={t('browser.refreshLabel')}>
          <RefreshCw size={14} aria-hidden /> {t('browser.refresh')}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => void get()}
          disabled={held !== null}
          data-testid="browser-get"
          aria-label={t('browser.getLabel')}
        >
          <Download size={14} aria-hidden /> {t('browser.get')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => void purge()}
          aria-label={t('queue.purgeName', { name: queue })}
        >
          <Eraser size={14} aria-hidden /> {t('queue.purge')}
        </button>
      </div>
      <ErrorText text={error} testId="browser-error" />
      {held && (
        <div className="held" data-testid="browser-held" aria-label={t('browser.heldLabel')}>
          <div className="held-head">
            <span className="eyebrow">basic.get</span>
            <span className="mono">
              {t('browser.held', { queue: held.queue, tag: held.message.fields.deliveryTag })}
              {held.message.fields.redelivered ? ` · ${t('amqp.redelivered')}` : ''}
            </span>
            <div className="spacer" />
            <Check
              label={t('browser.requeue')}
              checked={requeue}
              onChange={setRequeue}
              title={t('browser.requeueHint')}
            />
            <button
              type="button"
              className="button primary"
              onClick={() => settle('ack')}
              data-testid="browser-ack"
              aria-label={t('browser.ackLabel')}
            >
              {t('amqp.ack')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => settle('nack')}
              data-testid="browser-nack"
              aria-label={t('browser.nackLabel')}
            >
              {t('amqp.nack')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => settle('reject')}
              data-testid="browser-reject"
              aria-label={t('browser.rejectLabel')}
            >
              {t('amqp.reject')}
            </button>
          </div>
          <MessageDetails body={held.message.content} properties={held.message.properties} />
        </div>
      )}
      <table className="table" aria-label={t('browser.tableLabel', { queue })}>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('common.routingKey')}</th>
            <th>{t('inspector.kind.exchange')}</th>
            <th>{t('producer.body')}</th>
            <th>{t('browser.flags')}</th>
            <th aria-label={t('browser.explain')} />
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('browser.noMessages')}
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
                <td className="mono">{m.exchange || t('common.defaultExchange')}</td>
                <td className="mono ellipsis">{bodyText(m.body).slice(0, 120)}</td>
                <td>
                  {[
                    m.redelivered && t('amqp.redelivered'),
                    m.properties.deliveryMode === 2 && t('browser.persistent'),
                    m.properties.headers?.['x-death'] && t('browser.deadLettered'),
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
                    aria-label={t('browser.explainLabel', { n: i + 1 })}
                    data-testid="browser-explain"
                  >
                    <Route size={13} aria-hidden /> {t('browser.explain')}
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
