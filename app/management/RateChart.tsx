// Overview's message rates chart: publish, deliver/get and ack per second over the last samples, as a small SVG
// (uPlot stays with the Metrics tab; this page needs three lines, not a charting library).

import { useEffect, useState } from 'react'
import { formatNumber, useT } from '../i18n/index.ts'
import { type Overview, rateOf } from './rows.ts'

const SAMPLES = 60
const SERIES = ['publish', 'deliverGet', 'ack'] as const
type Series = (typeof SERIES)[number]
export type RateHistory = Record<Series, number[]>

export function useRateHistory(overview: Overview | null): RateHistory {
  const [history, setHistory] = useState<RateHistory>({ publish: [], deliverGet: [], ack: [] })
  useEffect(() => {
    if (!overview) return
    const s = overview.message_stats
    const next = {
      publish: rateOf(s.publish_details),
      deliverGet: rateOf(s.deliver_get_details),
      ack: rateOf(s.ack_details),
    }
    setHistory((h) => ({
      publish: [...h.publish, next.publish].slice(-SAMPLES),
      deliverGet: [...h.deliverGet, next.deliverGet].slice(-SAMPLES),
      ack: [...h.ack, next.ack].slice(-SAMPLES),
    }))
  }, [overview])
  return history
}

const WIDTH = 320
const HEIGHT = 90

export function RateChart({ history }: { history: RateHistory }) {
  const t = useT('management')
  const max = Math.max(1, ...SERIES.flatMap((s) => history[s]))
  const line = (values: number[]) =>
    values
      .map((v, i) => `${((i / (SAMPLES - 1)) * WIDTH).toFixed(1)},${(HEIGHT - (v / max) * HEIGHT).toFixed(1)}`)
      .join(' ')
  return (
    <figure className="mgmt-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('overview.messageRates')}>
        <line x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="mgmt-chart-axis" />
        {SERIES.map((s) => (
          <polyline key={s} points={line(history[s])} className={`mgmt-chart-${s}`} fill="none" />
        ))}
      </svg>
      <figcaption>
        {SERIES.map((s) => (
          <span key={s} className={`mgmt-chart-key mgmt-chart-${s}`}>
            {t(`rates.${s}`)}: {formatNumber(history[s].at(-1) ?? 0, { maximumFractionDigits: 1 })}/s
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
