// One message explained: its journey event by event with virtual times, and at each routing step
// every binding the broker tested, and why it matched or not (explainRoute, against today's bindings).

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Check as CheckIcon, RefreshCw, X } from 'lucide-react'
import type { BrokerEvent } from '../../engine/events.ts'
import type { RouteExplanation } from '../../engine/explain.ts'
import type { FieldTable } from '../../engine/model.ts'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { eventLog, messageJourney } from '../sim/event-ring.ts'
import { exchangeLabel } from '../sim/describe.ts'
import { useExplain, type ExplainTarget } from '../sim/explain-store.ts'
import { journeys } from '../sim/journey-buffer.ts'
import { journeySteps, queuesHolding, type JourneyStep, type RouteTarget } from '../sim/journey.ts'
import { formatClock, formatOffset } from '../sim/time-format.ts'

const REFRESH_MS = 250

/** The message's events: the always-on journey buffer, else whatever the event log still holds. */
function eventsOf(messageId: number): BrokerEvent[] {
  const kept = journeys.journey(messageId)
  if (kept.length > 0) return kept
  return messageJourney(eventLog.toArray(), journeys.rootId(messageId))
}

/** Headers that dead-lettering added: the routing of the message before it died did not see them. */
function withoutDeathHeaders(headers: FieldTable): FieldTable {
  const out: FieldTable = {}
  for (const [k, v] of Object.entries(headers)) if (k !== 'x-death' && !k.startsWith('x-first-death-')) out[k] = v
  return out
}

function useJourney(messageId: number): BrokerEvent[] {
  const [events, setEvents] = useState(() => eventsOf(messageId))
  useEffect(() => {
    setEvents(eventsOf(messageId))
    let dirty = false
    const off = journeys.watch(messageId, () => (dirty = true))
    const timer = setInterval(() => {
      if (!dirty) return
      dirty = false
      setEvents(eventsOf(messageId))
    }, REFRESH_MS)
    return () => {
      off()
      clearInterval(timer)
    }
  }, [messageId])
  return events
}

type Headers = { headers: FieldTable; ofMessage: number } | null | 'unknown'

/**
 * The message's headers: given by the opener, else read from the queue holding its latest copy.
 * Once read they are kept: the message may be acked a moment later.
 */
function useHeaders(target: ExplainTarget, events: BrokerEvent[]): Headers {
  const [found, setFound] = useState<Headers>(null)
  const holding = useMemo(() => {
    const held = queuesHolding(events)
    const latest = held[held.length - 1]
    return latest ? `${latest.messageId}\u0000${latest.queue}` : ''
  }, [events])
  useEffect(() => {
    if (target.known) return setFound({ headers: target.known.headers, ofMessage: target.messageId })
    const keep = (f: Headers): Headers => (f !== null && f !== 'unknown' ? f : 'unknown')
    if (!holding) return setFound(keep)
    const cut = holding.indexOf('\u0000')
    const messageId = Number(holding.slice(0, cut))
    let live = true
    getSession()
      .peek(holding.slice(cut + 1), 1000)
      .then(
        (messages) => {
          const copy = messages.find((m) => m.messageId === messageId)
          if (live) setFound(copy ? { headers: copy.properties.headers ?? {}, ofMessage: copy.messageId } : keep)
        },
        () => live && setFound(keep),
      )
    return () => {
      live = false
    }
  }, [target, holding])
  return found
}

const routeKey = (r: RouteTarget) => `${r.vhost}\u0000${r.exchange}\u0000${r.routingKey}\u0000${r.messageId}`

export function ExplainPanel() {
  const target = useExplain((s) => s.target)
  const close = useExplain((s) => s.close)
  if (!target) return null
  return <Explanation key={`${target.messageId}`} target={target} onClose={close} />
}

function Explanation({ target, onClose }: { target: ExplainTarget; onClose(): void }) {
  const events = useJourney(target.messageId)
  const steps = useMemo(() => journeySteps(events), [events])
  const headers = useHeaders(target, events)
  const [routes, setRoutes] = useState<Record<string, RouteExplanation | string>>({})
  const [checkedAt, setCheckedAt] = useState(0)

  // Routing steps to explain: those in the journey, or the opener's copy when no event is remembered.
  const targets = useMemo(() => {
    const list = steps.flatMap((s) => (s.route ? [s.route] : []))
    if (list.length === 0 && target.known)
      list.push({
        vhost: target.known.vhost,
        exchange: target.known.exchange,
        routingKey: target.known.routingKey,
        messageId: target.messageId,
      })
    return list
  }, [steps, target])

  const run = useRef(0)
  const explain = useCallback(async (list: RouteTarget[], h: typeof headers) => {
    if (h === null) return
    // Only the latest run's answers are shown: an earlier one may finish after it.
    const mine = ++run.current
    const out: Record<string, RouteExplanation | string> = {}
    for (const r of list) {
      const table = h === 'unknown' ? {} : h.ofMessage === r.messageId ? h.headers : withoutDeathHeaders(h.headers)
      try {
        out[routeKey(r)] = await getSession().client.send({
          type: 'explainRoute',
          vhost: r.vhost,
          exchange: r.exchange,
          routingKey: r.routingKey,
          headers: table,
        })
      } catch (error) {
        out[routeKey(r)] = errorText(error)
      }
    }
    if (mine === run.current) setRoutes(out)
  }, [])

  // Asked again only when the routing steps, the headers or the user's re-check change, not on every new event.
  const targetsRef = useRef(targets)
  targetsRef.current = targets
  const signature = targets.map(routeKey).join('|')
  useEffect(() => {
    void explain(targetsRef.current, headers)
  }, [signature, headers, checkedAt, explain])

  const first = steps[0]?.at ?? 0
  const known = target.known
  return (
    <aside className="explain" aria-label={`Explanation of message #${target.messageId}`} data-testid="explain-panel">
      <header className="explain-head">
        <div>
          <span className="eyebrow">Explain</span>
          <h3 className="explain-title" data-testid="explain-title">
            Message #{target.messageId}
          </h3>
          {known && (
            <p className="muted">
              In queue "{known.queue}" · routing key "{known.routingKey}" · from {exchangeLabel(known.exchange)}
            </p>
          )}
        </div>
        <div className="spacer" />
        <button
          type="button"
          className="button"
          onClick={() => setCheckedAt(Date.now())}
          aria-label="Explain the routing again against the current bindings"
          title="Explain the routing again against the current bindings"
        >
          <RefreshCw size={14} aria-hidden /> Re-check
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label="Close the explanation"
          data-testid="explain-close"
        >
          <X size={16} aria-hidden />
        </button>
      </header>
      {steps.length === 0 && (
        <p className="muted pad" data-testid="explain-no-events">
          No events are remembered for this message: it moved before this page listened, or so long ago that newer
          messages pushed it out.
        </p>
      )}
      <ol className="journey" data-testid="journey">
        {steps.map((s, i) => (
          <li key={i} className={`journey-step tone-${s.tone}`} data-testid="journey-step" data-type={s.type}>
            <span className="journey-time mono">
              {formatClock(s.at)} <span className="muted">{formatOffset(s.at - first)}</span>
            </span>
            <span className="journey-title">
              {s.title}
              {s.messageId !== steps[0].messageId ? <span className="muted"> · copy #{s.messageId}</span> : null}
            </span>
            <span className="journey-detail">{s.detail}</span>
            {s.xDeath && (
              <XDeath step={s} headers={headers !== null && headers !== 'unknown' ? headers.headers : null} />
            )}
            {s.route && <Route result={routes[routeKey(s.route)]} headersUnknown={headers === 'unknown'} />}
          </li>
        ))}
      </ol>
      {steps.length === 0 &&
        targets.map((r) => (
          <div key={routeKey(r)} className="journey-step pad">
            <span className="journey-title">Routing of this copy</span>
            <Route result={routes[routeKey(r)]} headersUnknown={false} />
          </div>
        ))}
    </aside>
  )
}

/** The copy's own x-death entry for this queue and reason when its headers are known, else the one rebuilt from the events. */
function XDeath({ step, headers }: { step: JourneyStep; headers: FieldTable | null }) {
  const rebuilt = step.xDeath!
  const deaths = headers?.['x-death']
  const actual = Array.isArray(deaths)
    ? deaths.find(
        (d): d is FieldTable =>
          typeof d === 'object' &&
          d !== null &&
          !Array.isArray(d) &&
          d.queue === rebuilt.queue &&
          d.reason === rebuilt.reason,
      )
    : undefined
  const entry: object = actual ?? rebuilt
  const text = Object.entries(entry)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')
  return (
    <div className="xdeath" data-testid="journey-xdeath">
      <span className="eyebrow">
        {actual ? "x-death entry, from the copy's headers" : 'x-death entry, rebuilt from the events'}
      </span>
      <code className="mono">{`{ ${text} }`}</code>
    </div>
  )
}

function Route({ result, headersUnknown }: { result: RouteExplanation | string | undefined; headersUnknown: boolean }) {
  if (result === undefined) return <p className="muted route-note">Asking the broker…</p>
  if (typeof result === 'string') return <p className="error-text route-note">{result}</p>
  const headersHop = result.hops.some((h) => h.type === 'headers')
  return (
    <div className="route" data-testid="route-explanation">
      <p className="route-note muted">
        Bindings as they are now, tested against routing key{result.routingKeys.length > 1 ? 's' : ''}{' '}
        {result.routingKeys.map((k) => `"${k}"`).join(', ')}: if bindings changed since, this may differ from what
        happened.
        {headersUnknown &&
          headersHop &&
          ' The message has left the broker, so its headers are unknown: headers bindings are tested against no headers.'}
      </p>
      {result.hops.map((hop, i) => (
        <div key={i} className="route-hop" data-testid="route-hop" data-exchange={hop.exchange}>
          <div className="route-hop-head">
            <strong>{exchangeLabel(hop.exchange)}</strong> <span className="badge">{hop.type}</span>{' '}
            <span className="muted">
              {hop.via === 'publish'
                ? 'where the message entered'
                : hop.via === 'binding'
                  ? `through an exchange-to-exchange binding from ${exchangeLabel(hop.from ?? '')}`
                  : `as alternate exchange of ${exchangeLabel(hop.from ?? '')}`}
            </span>
          </div>
          {hop.bindings.length === 0 && <p className="muted route-note">No bindings.</p>}
          <ul className="verdicts">
            {hop.bindings.map((v, j) => (
              <li
                key={j}
                className={v.matched ? 'is-match' : 'is-miss'}
                data-testid="binding-verdict"
                data-matched={v.matched}
                data-destination={v.binding.destination}
              >
                {v.matched ? <CheckIcon size={13} aria-label="matched" /> : <X size={13} aria-label="did not match" />}
                <span className="mono">
                  {v.binding.destinationType === 'exchange' ? 'exchange ' : ''}
                  {v.binding.destination}
                </span>
                <span className="mono muted">key "{v.binding.routingKey}"</span>
                <span className="verdict-reason">{v.reason}</span>
              </li>
            ))}
          </ul>
          {hop.alternate && (
            <p className="route-note">
              Nothing matched: alternate exchange {exchangeLabel(hop.alternate.name)}{' '}
              {hop.alternate.outcome === 'used'
                ? 'takes the message.'
                : hop.alternate.outcome === 'missing'
                  ? 'does not exist, so the message is unroutable.'
                  : 'was already visited, so it is not used again.'}
            </p>
          )}
        </div>
      ))}
      <p className="route-note">
        <strong>
          {result.unroutable
            ? 'Unroutable: no queue gets it.'
            : `Queues: ${result.queues.map((q) => `"${q}"`).join(', ')}`}
        </strong>
      </p>
    </div>
  )
}
