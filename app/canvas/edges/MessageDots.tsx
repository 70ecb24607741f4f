// Per edge: hands its path to the flight overlay and shows the edge's true rate once dots are sampled
// ("120/s +84"), or, with motion off, the count of messages that went along it.

import { memo, useEffect } from 'react'
import { EdgeLabel } from './EdgeLabel.tsx'
import { motionOn, useFlights, type FlightsState } from '../../store/flights.ts'
import { flightController } from '../overlay/controller.ts'
import { formatNumber, useT } from '../../i18n/index.ts'

/** Below this rate every message has its dot and the dots say enough. */
const SHOW_RATE_FROM = 10

export const MessageDots = memo(function MessageDots({
  id,
  path,
  x,
  y,
}: {
  id: string
  path: string
  x: number
  y: number
}) {
  useEffect(() => flightController.setPath(id, path), [id, path])
  useEffect(() => () => flightController.setPath(id, null), [id])
  const figures = useFlights((s: FlightsState) => s.edges[id])
  const motion = useFlights(motionOn)
  const t = useT()
  if (!figures) return null
  const show = motion ? figures.rate > 0 && (figures.hidden > 0 || figures.rate >= SHOW_RATE_FROM) : figures.total > 0
  if (!show) return null
  const text = motion
    ? `${formatNumber(figures.rate)}/s${figures.hidden > 0 ? ` +${formatNumber(figures.hidden)}` : ''}`
    : t('edges.totalAndRate', { total: figures.total, rate: figures.rate })
  return (
    <EdgeLabel>
      <div
        className="edge-rate"
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        data-testid="edge-rate"
        data-edge={id}
        title={t('edges.rateHint')}
      >
        {text}
      </div>
    </EdgeLabel>
  )
})
