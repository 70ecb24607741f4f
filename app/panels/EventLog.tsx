// The Events tab: a bounded log of broker events, filtered by entity and type, newest first, beside
// the explanation of the message picked. The canvas's event feed records them (app/canvas/overlay/FlightOverlay.tsx)
// whether the tab is open or not; Pause holds the log still.

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Download, Pause, Play, Trash2 } from 'lucide-react'
import type { BrokerEvent, BrokerEventType } from '../../engine/events.ts'
import { brokerOfEvent } from '../broker/client.ts'
import { getSession } from '../session/actions.ts'
import { describeEvent, eventTitle } from '../sim/describe.ts'
import { eventLog, shownEvents, type EventFilter } from '../sim/event-ring.ts'
import { explainMessage, useExplain } from '../sim/explain-store.ts'
import { formatClock } from '../sim/time-format.ts'
import { useAppStore } from '../store/index.ts'
import { SelectField, TextField } from '../ui/controls.tsx'
import { ExplainPanel } from './ExplainPanel.tsx'
import './events.css'
import { t, useT } from '../i18n/index.ts'

/** Rows have one height, so only those in view are drawn: 10,000 events a second cost a few rows a refresh. */
const ROW_HEIGHT = 28
const OVERSCAN = 6
const REFRESH_MS = 250

const MESSAGE_TYPES: BrokerEventType[] = [
  'published',
  'routed',
  'unroutable',
  'returned',
  'confirmed',
  'enqueued',
  'rejectedByQueue',
  'delivered',
  'acked',
  'nacked',
  'rejected',
  'requeued',
  'expired',
  'deadLettered',
  'dropped',
]
const TOPOLOGY_TYPES: BrokerEventType[] = [
  'exchangeDeclared',
  'exchangeDeleted',
  'queueDeclared',
  'queueDeleted',
  'bound',
  'unbound',
  'purged',
]
const CLIENT_TYPES: BrokerEventType[] = [
  'consumerAdded',
  'consumerRemoved',
  'channelOpened',
  'channelClosed',
  'connectionClosed',
]

const TYPE_GROUPS: Record<string, readonly BrokerEventType[]> = {
  messages: MESSAGE_TYPES,
  topology: TOPOLOGY_TYPES,
  clients: CLIENT_TYPES,
}
// The groups' names are events.groups.<group> in the catalogue.
const typeOptions = (): (readonly [string, string])[] => [
  ...['all', 'messages', 'topology', 'clients'].map((g) => [g, t(`events.groups.${g}`)] as const),
  ...[...MESSAGE_TYPES, ...TOPOLOGY_TYPES, ...CLIENT_TYPES].map((type) => [type, eventTitle(type)] as const),
]

function filterFor(entity: string, type: string): EventFilter {
  const types = type === 'all' ? undefined : new Set<BrokerEventType>(TYPE_GROUPS[type] ?? [type as BrokerEventType])
  const needle = entity.trim()
  // A consumer node is named in the design; its consumer tags carry its id.
  const consumers = Object.values(useAppStore.getState().consumers)
  const alsoEntities = needle
    ? consumers.filter((c) => c.name.toLowerCase().includes(needle.toLowerCase())).map((c) => c.id)
    : []
  return { entity: needle || undefined, alsoEntities, types }
}

// Rows keep their React identity while newer events push them down: one key per event object.
const rowKeys = new WeakMap<BrokerEvent, number>()
let nextRowKey = 0
function rowKey(e: BrokerEvent): number {
  let k = rowKeys.get(e)
  if (k === undefined) rowKeys.set(e, (k = ++nextRowKey))
  return k
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function EventsTab() {
  const explaining = useExplain((s) => s.target !== null)
  return (
    <div className={`events-tab${explaining ? ' is-explaining' : ''}`}>
      <EventLog />
      {explaining && <ExplainPanel />}
    </div>
  )
}

export function EventLog() {
  const [paused, setPausedState] = useState(eventLog.paused)
  const setPaused = (next: boolean) => {
    eventLog.paused = next
    setPausedState(next)
  }
  const [entity, setEntity] = useState('')
  const [type, setType] = useState('all')
  const [version, setVersion] = useState(0)
  const [view, setView] = useState({ top: 0, height: 400 })
  const [holding, setHolding] = useState(false)
  const scroller = useRef<HTMLDivElement>(null)
  const explained = useExplain((s) => s.target?.messageId ?? null)
  const tr = useT()

  useEffect(() => {
    if (paused) return
    let dirty = false
    // The feed fills the log; this subscription only says when to redraw.
    const off = getSession().client.onEvents(() => {
      dirty = true
    }, true)
    // Rows follow a few times a second, however many events arrive; scrolled down, the view holds still.
    const timer = setInterval(() => {
      if (!dirty) return
      if ((scroller.current?.scrollTop ?? 0) > ROW_HEIGHT) return setHolding(true)
      dirty = false
      setVersion((v) => v + 1)
    }, REFRESH_MS)
    return () => {
      off()
      clearInterval(timer)
    }
  }, [paused])

  const onScroll = useCallback(() => {
    const el = scroller.current
    if (!el) return
    setView({ top: el.scrollTop, height: el.clientHeight })
    if (el.scrollTop <= ROW_HEIGHT) setHolding(false)
  }, [])
  useEffect(onScroll, [onScroll])

  const filter = useMemo(() => filterFor(entity, type), [entity, type])
  // `version` changes when events arrive; the ring itself is mutated in place.
  const { rows, total } = useMemo(() => shownEvents(eventLog.toArray(), filter, eventLog.capacity), [filter, version])
  // Only the rows in view (and a few around) are drawn.
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN)

  const exportShown = () => {
    download(
      `warren-events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      JSON.stringify([...rows].reverse(), null, 2),
    )
  }

  return (
    <div className="event-log" data-testid="event-log">
      <div className="browser-bar event-log-bar">
        <TextField
          label={tr('lint.entity')}
          value={entity}
          onChange={setEntity}
          placeholder={tr('events.entityPlaceholder')}
          testId="event-filter-entity"
        />
        <SelectField
          label={tr('common.type')}
          value={type}
          options={typeOptions()}
          onChange={setType}
          testId="event-filter-type"
        />
        <span className="muted" data-testid="event-count">
          {tr('events.count', { count: total })}
          {paused ? ` · ${tr('events.paused')}` : holding ? ` · ${tr('events.held')}` : ''}
        </span>
        <div className="spacer" />
        <button
          type="button"
          className="button"
          onClick={() => setPaused(!paused)}
          data-testid="event-pause"
          aria-pressed={paused}
          aria-label={paused ? tr('events.resumeLabel') : tr('events.pauseLabel')}
        >
          {paused ? <Play size={14} aria-hidden /> : <Pause size={14} aria-hidden />}{' '}
          {paused ? tr('events.resume') : tr('events.pause')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            eventLog.clear()
            setVersion((v) => v + 1)
          }}
          data-testid="event-clear"
          aria-label={tr('events.clearLabel')}
        >
          <Trash2 size={14} aria-hidden /> {tr('events.clear')}
        </button>
        <button
          type="button"
          className="button"
          onClick={exportShown}
          disabled={total === 0}
          data-testid="event-export"
          aria-label={tr('events.exportLabel')}
        >
          <Download size={14} aria-hidden /> JSON
        </button>
      </div>
      <div className="event-table" role="table" aria-label={tr('events.tableLabel')} aria-rowcount={total + 1}>
        <div className="event-row event-head" role="row">
          <span role="columnheader" title={tr('events.timeHint')}>
            {tr('events.time')}
          </span>
          <span role="columnheader">{tr('events.event')}</span>
          <span role="columnheader" title={tr('events.messageIdHint')}>
            {tr('events.messageId')}
          </span>
          <span role="columnheader">{tr('events.detailsHeader')}</span>
        </div>
        <div className="event-scroll" ref={scroller} onScroll={onScroll}>
          {rows.length === 0 && (
            <p className="muted pad">{paused ? tr('events.recordingPaused') : tr('events.none')}</p>
          )}
          <div className="event-rows" role="rowgroup" style={{ height: rows.length * ROW_HEIGHT }}>
            {rows.slice(first, last).map((e, k) => (
              <EventRow
                key={rowKey(e)}
                event={e}
                index={first + k}
                selected={'messageId' in e && e.messageId === explained}
              />
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}

const EventRow = memo(function EventRow({
  event,
  index,
  selected,
}: {
  event: BrokerEvent
  index: number
  selected: boolean
}) {
  useT()
  const words = describeEvent(event)
  const broker = brokerOfEvent(event)
  // Explain follows the first broker's journeys; another broker's message ids are its own.
  const id = 'messageId' in event && broker === undefined ? event.messageId : null
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`event-row${id !== null ? ' clickable' : ''}${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onClick={id !== null ? () => explainMessage(id) : undefined}
      onKeyDown={
        id !== null
          ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), explainMessage(id))
          : undefined
      }
      tabIndex={id !== null ? 0 : undefined}
      title={id !== null ? t('events.explainMessage', { id }) : undefined}
      data-testid="event-row"
      data-type={event.type}
      data-message-id={id ?? undefined}
      data-broker={broker}
    >
      <span role="cell" className="mono">
        {formatClock(event.at)}
      </span>
      <span role="cell">
        <span className={`event-swatch event-${event.type}`} aria-hidden />
        {broker !== undefined && <span className="event-broker mono">{broker}</span>}
        {words.title}
      </span>
      <span role="cell" className="mono">
        {id !== null ? `#${id}` : ''}
      </span>
      <span role="cell" className="event-detail" title={words.detail}>
        {words.detail}
      </span>
    </div>
  )
})
