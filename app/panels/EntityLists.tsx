// The management UI's Exchanges and Queues tabs: names, types, features, counts. A click selects on the canvas.

import { useReactFlow } from '@xyflow/react'
import { useShallow } from 'zustand/react/shallow'
import { exchangeNodeId, queueNodeId } from '../design/ids.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { queueBadges, queueFlags, queueType } from '../ui/queue-badges.ts'
import { useT } from '../i18n/index.ts'
import { visibleName } from '../ui/visible-text.ts'

function useFocusNode() {
  const rf = useReactFlow()
  return (id: string) => {
    const s = useAppStore.getState()
    if (!s.nodes.some((n) => n.id === id)) return
    s.selectNodes([id])
    void rf.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 })
  }
}

const selectExchanges = (s: AppState) => s.exchanges
const selectBindings = (s: AppState) => s.bindings

export function ExchangeList() {
  const exchanges = useAppStore(selectExchanges)
  const bindings = useAppStore(selectBindings)
  const t = useT()
  const focus = useFocusNode()
  const rows = Object.values(exchanges).sort((a, b) => a.name.localeCompare(b.name))
  return (
    <table className="table" aria-label={t('drawer.tabs.exchanges')} data-testid="exchange-list">
      <thead>
        <tr>
          <th>{t('common.name')}</th>
          <th>{t('common.type')}</th>
          <th>{t('lists.features')}</th>
          <th className="num">{t('lists.bindings')}</th>
        </tr>
      </thead>
      <tbody>
        <tr className="muted-row">
          <td className="mono">{t('producer.amqpDefault')}</td>
          <td>direct</td>
          <td>D</td>
          <td className="num">—</td>
        </tr>
        {rows.map((x) => (
          <tr
            key={x.name}
            className="clickable"
            onClick={() => focus(exchangeNodeId(x.name))}
            data-testid="exchange-row"
            data-id={x.name}
          >
            <td className="mono">{visibleName(x.name)}</td>
            <td>{x.type}</td>
            <td>
              {[
                x.durable && 'D',
                x.autoDelete && 'AD',
                x.internal && 'I',
                typeof x.arguments['alternate-exchange'] === 'string' && 'AE',
              ]
                .filter(Boolean)
                .join(' ')}
            </td>
            <td className="num">{bindings.filter((b) => b.source === x.name).length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const selectQueueRows = (s: AppState) => [s.queues, s.queueStats] as const

export function QueueList() {
  const [queues, stats] = useAppStore(useShallow(selectQueueRows))
  const t = useT()
  const focus = useFocusNode()
  const rows = Object.values(queues).sort((a, b) => a.name.localeCompare(b.name))
  return (
    <table className="table" aria-label={t('drawer.tabs.queues')} data-testid="queue-list">
      <thead>
        <tr>
          <th>{t('common.name')}</th>
          <th>{t('common.type')}</th>
          <th>{t('lists.features')}</th>
          <th className="num">{t('lists.ready')}</th>
          <th className="num">{t('lists.unacked')}</th>
          <th className="num">{t('lists.total')}</th>
          <th className="num">{t('lists.consumers')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={7} className="muted">
              {t('lists.noQueues')}
            </td>
          </tr>
        )}
        {rows.map((q) => {
          const s = stats[q.name] ?? { ready: 0, unacked: 0, consumers: 0 }
          return (
            <tr
              key={q.name}
              className="clickable"
              onClick={() => focus(queueNodeId(q.name))}
              data-testid="queue-row"
              data-id={q.name}
            >
              <td className="mono">{visibleName(q.name)}</td>
              <td>{queueType(q)}</td>
              <td>
                {[...queueFlags(q), ...queueBadges(q)].map((b) => (
                  <span key={b.label} className="badge" title={b.title}>
                    {b.label}
                  </span>
                ))}
              </td>
              <td className="num">{s.ready}</td>
              <td className="num">{s.unacked}</td>
              <td className="num">{s.ready + s.unacked}</td>
              <td className="num">{s.consumers}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
