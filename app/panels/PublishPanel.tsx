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

interface Result {
  id: number
  tone: 'ok' | 'warn' | 'error'
  text: string
}

const selectExchangeNames = (s: AppState) => Object.keys(s.exchanges)
let resultIds = 0

export function PublishPanel() {
  const names = useAppStore(useShallow(selectExchangeNames))
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
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return setError('Publish between 1 and 10000 messages at a time.')
    const properties: MessageProperties = {}
    if (Object.keys(parsed.table).length > 0) properties.headers = parsed.table
    if (props.persistent) properties.deliveryMode = 2
    if (props.expiration !== '') properties.expiration = props.expiration
    if (props.priority !== '') {
      const p = Number(props.priority)
      if (!Number.isInteger(p) || p < 0 || p > 255) return setError('Priority must be a whole number from 0 to 255.')
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
    const to = exchange === '' ? '(AMQP default)' : exchange
    if (n === 1) {
      const r = ok[0]
      const queues = await session.routedTo(r.messageId)
      unwatch()
      const route = r.returned
        ? 'returned: 312 NO_ROUTE (no queue matched and mandatory was set)'
        : queues && queues.length > 0
          ? `routed to ${queues.join(', ')}`
          : 'routed to no queue (dropped: not mandatory)'
      add({
        tone: r.confirm === 'nack' ? 'error' : r.returned || !queues?.length ? 'warn' : 'ok',
        text: `${to} · '${routingKey}' · confirm ${r.confirm ?? 'none'} · ${route}`,
      })
    } else {
      add({
        tone: nacks > 0 ? 'error' : returned > 0 ? 'warn' : 'ok',
        text: `${to} · '${routingKey}' · ${n} published: ${acks} ack, ${nacks} nack, ${returned} returned`,
      })
    }
  }

  const exchangeOptions = [['', '(AMQP default)'] as const, ...names.map((x) => [x, x] as const)]
  return (
    <div className="publish">
      <form className="publish-form" onSubmit={publish} aria-label="Publish a message" data-testid="publish-panel">
        <div className="publish-grid">
          <div className="col">
            <div className="grid-2">
              <SelectField
                label="Exchange"
                value={exchange}
                options={exchangeOptions}
                onChange={setExchange}
                testId="publish-exchange"
              />
              <TextField
                label="Routing key"
                value={routingKey}
                onChange={setRoutingKey}
                testId="publish-routing-key"
                mono
                placeholder={exchange === '' ? 'queue name' : 'e.g. order.paid'}
              />
            </div>
            <div className="field">
              <label htmlFor="publish-body">Body</label>
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
                label="Persistent"
                checked={props.persistent}
                onChange={prop('persistent')}
                title="delivery_mode 2: written to disk in a durable queue"
              />
              <Check
                label="Mandatory"
                checked={props.mandatory}
                onChange={prop('mandatory')}
                title="Return the message if no queue takes it"
              />
            </div>
            <div className="publish-submit">
              <TextField label="Times" value={count} onChange={setCount} inputMode="numeric" testId="publish-count" />
              <button
                type="submit"
                className="button primary"
                disabled={busy}
                data-testid="publish-submit"
                aria-label="Publish"
              >
                <Send size={14} aria-hidden /> Publish
              </button>
            </div>
            <ErrorText text={error} testId="publish-error" />
          </div>
          <div className="col">
            <h3 className="section-title">Properties</h3>
            <div className="grid-2 tight">
              <TextField label="Content type" value={props.contentType} onChange={prop('contentType')} />
              <TextField
                label="Expiration (ms)"
                value={props.expiration}
                onChange={prop('expiration')}
                inputMode="numeric"
                testId="publish-expiration"
              />
              <TextField label="Priority" value={props.priority} onChange={prop('priority')} inputMode="numeric" />
              <TextField label="Message id" value={props.messageId} onChange={prop('messageId')} />
              <TextField label="Correlation id" value={props.correlationId} onChange={prop('correlationId')} />
              <TextField label="Reply to" value={props.replyTo} onChange={prop('replyTo')} />
              <TextField label="Type" value={props.type} onChange={prop('type')} />
              <TextField label="App id" value={props.appId} onChange={prop('appId')} />
            </div>
            <RowsEditor
              label="Headers"
              rows={headers}
              onChange={setHeaders}
              testId="publish-headers"
              addLabel="Add header"
            />
          </div>
        </div>
      </form>
      <section className="publish-results" aria-label="Publish results" aria-live="polite">
        <h3 className="section-title">Results</h3>
        {results.length === 0 ? (
          <p className="muted">Confirms, routes and returns show here.</p>
        ) : (
          <ul>
            {results.map((r) => (
              <li key={r.id} className={`result result-${r.tone}`} data-testid="publish-result">
                {r.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
