// Publish a message (or N) through the designer's confirm channel and show the confirm, the route and any return.

import { useEffect, useState, type FormEvent } from 'react'
import { Send } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { MessageProperties } from '../../engine/model.ts'
import { tableFromRows, type FieldRow } from '../design/field-rows.ts'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../ui/controls.tsx'
import { useT } from '../i18n/index.ts'
import { explainMessage } from '../sim/explain-store.ts'

interface Result {
  id: number
  tone: 'ok' | 'warn' | 'error'
  text: string
  /** A single publish's message, which Explain can trace. */
  messageId?: number
}

const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)
let resultIds = 0

export function PublishPanel() {
  const names = useAppStore(useShallow(selectExchangeNames))
  const t = useT()
  const target = useAppStore((s) => s.publishTarget)
  const [exchange, setExchange] = useState(target?.exchange ?? names.find((n) => !n.startsWith('amq.')) ?? '')
  const [routingKey, setRoutingKey] = useState(target?.routingKey ?? '')
  const [headers, setHeaders] = useState<FieldRow[]>([])
  const [body, setBody] = useState('{"orderId": 42, "amount": 19.99}')
  const [props, setProps] = useState({
    persistent: true,
    mandatory: true,
    expiration: '',
    priority: '',
    contentType: 'application/json',
    messageId: '',
    correlationId: '',
    replyTo: '',
    type: '',
    appId: '',
  })
  const [count, setCount] = useState('1')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [results, setResults] = useState<Result[]>([])

  useEffect(() => {
    if (!target) return
    setExchange(target.exchange)
    setRoutingKey(target.routingKey)
  }, [target])

  const prop = (key: keyof typeof props) => (value: string | boolean) => setProps((p) => ({ ...p, [key]: value }))
  const add = (r: Omit<Result, 'id'>) => setResults((list) => [{ ...r, id: ++resultIds }, ...list].slice(0, 20))

  const publish = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const parsed = tableFromRows(headers)
    if ('error' in parsed) return setError(parsed.error)
    const n = Number(count)
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return setError(t('publish.countRange', { max: 10_000 }))
    const properties: MessageProperties = {}
    if (Object.keys(parsed.table).length > 0) properties.headers = parsed.table
    if (props.persistent) properties.deliveryMode = 2
    if (props.expiration !== '') properties.expiration = props.expiration
    if (props.priority !== '') {
      const p = Number(props.priority)
      if (!Number.isInteger(p) || p < 0 || p > 255) return setError(t('publish.priorityRange'))
      properties.priority = p
    }
    for (const key of ['contentType', 'messageId', 'correlationId', 'replyTo', 'type', 'appId'] as const)
      if (props[key] !== '') properties[key] = props[key]
    setBusy(true)
    const session = getSession()
    const unwatch = n === 1 ? session.watchRoutes() : () => {}
    const replies = await Promise.allSettled(
      Array.from({ length: n }, () => session.publish(exchange, routingKey, body, properties, props.mandatory)),
    )
    setBusy(false)
    const failed = replies.find((r) => r.status === 'rejected')
    if (failed || n !== 1) unwatch()
    if (failed) {
      add({ tone: 'error', text: errorText(failed.reason) })
      return
    }
    const ok = replies.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof session.publish>>>).value)
    const acks = ok.filter((r) => r.confirm === 'ack').length
    const nacks = ok.filter((r) => r.confirm === 'nack').length
    const returned = ok.filter((r) => r.returned).length
    const to = exchange === '' ? t('producer.amqpDefault') : exchange
    if (n === 1) {
      const r = ok[0]
      const queues = await session.routedTo(r.messageId)
      unwatch()
      const route = r.returned
        ? t('publish.returned')
        : queues && queues.length > 0
          ? t('publish.routedTo', { queues: queues.join(', ') })
          : t('publish.routedNowhere')
      add({
        tone: r.confirm === 'nack' ? 'error' : r.returned || !queues?.length ? 'warn' : 'ok',
        text: t('publish.resultOne', { to, routingKey, confirm: r.confirm ?? 'none', route }),
        messageId: r.messageId,
      })
    } else {
      add({
        tone: nacks > 0 ? 'error' : returned > 0 ? 'warn' : 'ok',
        text: t('publish.resultMany', { to, routingKey, count: n, acks, nacks, returned }),
      })
    }
  }

  const exchangeOptions = [['', t('producer.amqpDefault')] as const, ...names.map((x) => [x, x] as const)]
  return (
    <div className="publish">
      <form className="publish-form" onSubmit={publish} aria-label={t('publish.title')} data-testid="publish-panel">
        <div className="publish-grid">
          <div className="col">
            <div className="grid-2">
              <SelectField
                label={t('inspector.kind.exchange')}
                value={exchange}
                options={exchangeOptions}
                onChange={setExchange}
                testId="publish-exchange"
              />
              <TextField
                label={t('common.routingKey')}
                value={routingKey}
                onChange={setRoutingKey}
                testId="publish-routing-key"
                mono
                placeholder={exchange === '' ? t('publish.queueName') : t('publish.keyExample')}
              />
            </div>
            <div className="field">
              <label htmlFor="publish-body">{t('producer.body')}</label>
              <textarea
                id="publish-body"
                value={body}
                onChange={(e) => setBody(e.target.value)}
                rows={4}
                className="mono"
                spellCheck={false}
                data-testid="publish-body"
              />
            </div>
            <div className="checks">
              <Check
                label={t('producer.persistent')}
                checked={props.persistent}
                onChange={prop('persistent')}
                title={t('publish.persistentHint')}
              />
              <Check
                label={t('producer.mandatory')}
                checked={props.mandatory}
                onChange={prop('mandatory')}
                title={t('publish.mandatoryHint')}
              />
            </div>
            <div className="publish-submit">
              <TextField
                label={t('publish.times')}
                value={count}
                onChange={setCount}
                inputMode="numeric"
                testId="publish-count"
              />
              <button
                type="submit"
                className="button primary"
                disabled={busy}
                data-testid="publish-submit"
                aria-label={t('drawer.tabs.publish')}
              >
                <Send size={14} aria-hidden /> {t('drawer.tabs.publish')}
              </button>
            </div>
            <ErrorText text={error} testId="publish-error" />
          </div>
          <div className="col">
            <h3 className="section-title">{t('publish.properties')}</h3>
            <div className="grid-2 tight">
              <TextField label={t('publish.contentType')} value={props.contentType} onChange={prop('contentType')} />
              <TextField
                label={t('producer.expiration')}
                value={props.expiration}
                onChange={prop('expiration')}
                inputMode="numeric"
                testId="publish-expiration"
              />
              <TextField
                label={t('producer.priority')}
                value={props.priority}
                onChange={prop('priority')}
                inputMode="numeric"
              />
              <TextField label={t('publish.messageId')} value={props.messageId} onChange={prop('messageId')} />
              <TextField
                label={t('publish.correlationId')}
                value={props.correlationId}
                onChange={prop('correlationId')}
              />
              <TextField label={t('publish.replyTo')} value={props.replyTo} onChange={prop('replyTo')} />
              <TextField label={t('common.type')} value={props.type} onChange={prop('type')} />
              <TextField label={t('publish.appId')} value={props.appId} onChange={prop('appId')} />
            </div>
            <RowsEditor
              label={t('connect.headers')}
              rows={headers}
              onChange={setHeaders}
              testId="publish-headers"
              allTypes
              addLabel={t('connect.addHeader')}
            />
          </div>
        </div>
      </form>
      <section className="publish-results" aria-label={t('publish.results')} aria-live="polite">
        <h3 className="section-title">{t('publish.resultsHeading')}</h3>
        {results.length === 0 ? (
          <p className="muted">{t('publish.resultsEmpty')}</p>
        ) : (
          <ul>
            {results.map((r) => (
              <li key={r.id} className={`result result-${r.tone}`} data-testid="publish-result">
                {r.text}
                {r.messageId !== undefined && <ExplainButton messageId={r.messageId} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

/** A published message's path, in the Events tab's Explain. */
function ExplainButton({ messageId }: { messageId: number }) {
  const t = useT()
  return (
    <>
      {' '}
      <button
        type="button"
        className="link-button"
        onClick={() => explainMessage(messageId)}
        aria-label={t('events.explainMessage', { id: messageId })}
        data-testid="publish-result-explain"
      >
        {t('browser.explain')}
      </button>
    </>
  )
}
