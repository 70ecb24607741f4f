// The drawer's Metrics tab: every queue summed (depth and rates), then one row per queue with its
// current figures; clicking a row selects the queue, whose own charts then show in the inspector.

import { useShallow } from 'zustand/react/shallow'
import { queueNodeId } from '../design/ids.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { RATE_KEYS, RATE_LABELS, useMetrics, type MetricsState } from '../store/metrics.ts'
import { MetricsChart } from './MetricsChart.tsx'
import './metrics.css'
import { formatNumber, useT } from '../i18n/index.ts'
import { visibleName } from '../ui/visible-text.ts'

const selectTick = (s: MetricsState) => s.tick
const selectQueueNames = (s: AppState) => Object.keys(s.queues).sort()
const last = (xs: number[] | undefined) => (xs && xs.length > 0 ? xs[xs.length - 1] : 0)

export function MetricsDashboard() {
  useMetrics(selectTick)
  const names = useAppStore(useShallow(selectQueueNames))
  const series = useMetrics.getState().series
  const t = useT()
  return (
    <div className="metrics-dashboard" data-testid="metrics-dashboard">
      <div className="metrics-charts">
        <div className="metrics-card">
          <h3 className="metrics-title">{t('metrics.depthAll')}</h3>
          <MetricsChart queue={null} kind="depth" height={130} />
        </div>
        <div className="metrics-card">
          <h3 className="metrics-title">{t('metrics.ratesAll')}</h3>
          <MetricsChart queue={null} kind="rates" height={130} />
        </div>
      </div>
      <table className="metrics-table">
        <thead>
          <tr>
            <th>{t('inspector.kind.queue')}</th>
            <th>{t('counts.ready')}</th>
            <th>{t('counts.unacked')}</th>
            {RATE_KEYS.map((k) => (
              <th key={k}>{RATE_LABELS[k]}/s</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const s = series.get(name)
            return (
              <tr
                key={name}
                onClick={() => useAppStore.getState().selectNodes([queueNodeId(name)])}
                data-testid="metrics-row"
              >
                <td>{visibleName(name)}</td>
                <td>{formatNumber(last(s?.ready))}</td>
                <td>{formatNumber(last(s?.unacked))}</td>
                {RATE_KEYS.map((k) => (
                  <td key={k}>{formatNumber(last(s?.[k]))}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
