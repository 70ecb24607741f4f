// Live queue charts with uPlot: depth (ready, unacked) and rates, redrawn once a second from the metrics store.

import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import './metrics.css'
import { useAppStore, type AppState } from '../store/index.ts'
import {
  RATE_KEYS,
  RATE_LABELS,
  totalSeries,
  useMetrics,
  type MetricsState,
  type QueueSeries,
  type RateKey,
} from '../store/metrics.ts'
import { useT } from '../i18n/index.ts'

const RATE_COLOURS: Record<RateKey, string> = {
  publish: '#2f6fe4',
  deliver: '#0891b2',
  ack: '#16a34a',
  redeliver: '#d97706',
  deadLetter: '#9333ea',
  expire: '#64748b',
  drop: '#dc2626',
}

export type ChartKind = 'depth' | 'rates'

const selectTick = (s: MetricsState) => s.tick
const selectTheme = (s: AppState) => s.theme

function seriesOf(kind: ChartKind): uPlot.Series[] {
  const line = (label: string, stroke: string): uPlot.Series => ({ label, stroke, width: 1.5, points: { show: false } })
  if (kind === 'depth') return [{}, line('ready', '#2f6fe4'), line('unacked', '#d97706')]
  return [{}, ...RATE_KEYS.map((k) => line(`${RATE_LABELS[k]}/s`, RATE_COLOURS[k]))]
}

function dataOf(kind: ChartKind, s: QueueSeries | null): uPlot.AlignedData {
  if (!s) return kind === 'depth' ? [[], [], []] : [[], ...RATE_KEYS.map(() => [])]
  return kind === 'depth' ? [s.t, s.ready, s.unacked] : [s.t, ...RATE_KEYS.map((k) => s[k])]
}

/** Sets the data and at least a minute of time axis, so the first points do not stretch over years. */
function show(u: uPlot, data: uPlot.AlignedData) {
  u.setData(data)
  const t = data[0] as number[]
  if (t.length > 0) u.setScale('x', { min: Math.min(t[0], t[t.length - 1] - 60), max: t[t.length - 1] })
}

/** One chart of one queue (`queue`), or of every queue summed (`queue` null). */
export function MetricsChart({
  queue,
  kind,
  height = 120,
}: {
  queue: string | null
  kind: ChartKind
  height?: number
}) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const tick = useMetrics(selectTick)
  const theme = useAppStore(selectTheme)

  useEffect(() => {
    const el = box.current
    if (!el) return
    let u: uPlot | null = null
    let resize: ResizeObserver | null = null
    // Built after the next paint: a click that selects a queue shows the inspector first, then its charts.
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const series = useMetrics.getState().series
        // The canvas cannot read CSS variables: take the theme's text colour as it is now.
        const text = getComputedStyle(el).getPropertyValue('--text-3').trim() || '#888'
        const chart = new uPlot(
          {
            width: Math.max(160, el.clientWidth),
            height,
            series: seriesOf(kind),
            legend: { show: true, live: false },
            cursor: { show: false },
            scales: { x: { time: true, auto: false }, y: { range: (_u, min, max) => [0, Math.max(1, max, min)] } },
            axes: [
              {
                size: 34,
                font: '10px system-ui',
                stroke: text,
                grid: { stroke: 'rgba(128,128,128,0.15)' },
                ticks: { show: false },
              },
              {
                size: 36,
                font: '10px system-ui',
                stroke: text,
                grid: { stroke: 'rgba(128,128,128,0.15)' },
                ticks: { show: false },
              },
            ],
          },
          dataOf(kind, null),
          el,
        )
        show(chart, dataOf(kind, queue === null ? totalSeries(series) : (series.get(queue) ?? null)))
        u = chart
        plot.current = chart
        resize = new ResizeObserver(() => chart.setSize({ width: Math.max(160, el.clientWidth), height }))
        resize.observe(el)
      })
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      resize?.disconnect()
      u?.destroy()
      plot.current = null
    }
  }, [queue, kind, height, theme])

  useEffect(() => {
    const series = useMetrics.getState().series
    if (plot.current)
      show(plot.current, dataOf(kind, queue === null ? totalSeries(series) : (series.get(queue) ?? null)))
  }, [tick, queue, kind])

  return <div ref={box} className="metrics-chart" data-testid={`metrics-chart-${kind}`} />
}

/** Depth and rates of the selected queue, for the inspector. */
export function QueueMetrics({ queue }: { queue: string }) {
  const t = useT()
  return (
    <section className="metrics-queue" aria-label={t('metrics.ofQueue', { queue })} data-testid="queue-metrics">
      <h3 className="metrics-title">{t('metrics.depth')}</h3>
      <MetricsChart queue={queue} kind="depth" height={110} />
      <h3 className="metrics-title">{t('metrics.rates')}</h3>
      <MetricsChart queue={queue} kind="rates" height={130} />
    </section>
  )
}
