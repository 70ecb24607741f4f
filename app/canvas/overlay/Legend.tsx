// The canvas legend: what each dot colour means, and the motion toggle.

import { Panel } from '@xyflow/react'
import { OUTCOMES } from './flight-map.ts'
import { useFlights, type FlightsState } from '../../store/flights.ts'
import { useT } from '../../i18n/index.ts'

const selectMotion = (s: FlightsState) => s.motion
const selectReduced = (s: FlightsState) => s.reducedMotion

export function Legend() {
  const motion = useFlights(selectMotion)
  const reduced = useFlights(selectReduced)
  const t = useT()
  return (
    <Panel position="top-left" className="flight-legend-panel">
      <div className="flight-legend" data-testid="flight-legend">
        <label className="flight-legend-toggle">
          <input
            type="checkbox"
            checked={motion && !reduced}
            disabled={reduced}
            onChange={(e) => useFlights.getState().setMotion(e.target.checked)}
            data-testid="motion-toggle"
          />
          {t('legend.motion')}
        </label>
        {OUTCOMES.map((o) => (
          <div key={o} className="flight-legend-row">
            <span className={`flight-legend-swatch flight-${o}`} aria-hidden />
            {t(`legend.outcomes.${o}`)}
          </div>
        ))}
        {reduced && <span className="flight-legend-note">{t('legend.reducedMotion')}</span>}
      </div>
    </Panel>
  )
}
