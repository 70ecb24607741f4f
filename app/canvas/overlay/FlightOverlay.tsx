// The overlay the dots live in: one layer in the viewport's coordinates, filled by the flight controller.
// Also starts the event feeds (dots, metrics, the journey buffer) and follows prefers-reduced-motion.
// A click on a dot explains its message; pressing on a dot still pans the canvas.

import { useCallback, useEffect, type MouseEvent } from 'react'
import { ViewportPortal } from '@xyflow/react'
import { getSession } from '../../session/actions.ts'
import { useAppStore } from '../../store/index.ts'
import { useFlights } from '../../store/flights.ts'
import { startMetrics } from '../../store/metrics.ts'
import { explainMessage } from '../../sim/explain-store.ts'
import { journeys } from '../../sim/journey-buffer.ts'
import { eventLog } from '../../sim/event-ring.ts'
import { flightController } from './controller.ts'
import './overlay.css'

function explainDot(e: MouseEvent) {
  const dot = (e.target as Element).closest<HTMLElement>('.flight-dot')
  const id = Number(dot?.dataset.messageId)
  if (!dot || !Number.isInteger(id)) return
  e.stopPropagation()
  explainMessage(id)
}

export function FlightOverlay() {
  const ref = useCallback((el: HTMLDivElement | null) => flightController.attach(el), [])
  useEffect(() => {
    // ?feeds=off keeps the worker from building events at all: used to measure the broker path alone.
    if (new URLSearchParams(location.search).get('feeds') === 'off') return
    const client = getSession().client
    const subscribe = (l: Parameters<typeof client.onEvents>[0]) => client.onEvents(l)
    // The dots' subscription also keeps recent journeys, so a clicked dot has its history, and fills
    // the Events tab's log, so it shows what happened before it was opened.
    // The log takes every broker's events, each naming its broker; the dots and journeys follow the canvas's own.
    const stopLog = client.onEvents((events) => eventLog.push(events), true)
    const stopFlights = flightController.start((listener) =>
      subscribe((events) => {
        journeys.push(events)
        listener(events)
      }),
    )
    const stopMetrics = startMetrics(
      subscribe,
      () => useAppStore.getState().queueStats,
      () => useAppStore.getState().vhost,
    )
    return () => {
      stopLog()
      stopFlights()
      stopMetrics()
    }
  }, [])
  useEffect(() => {
    const media = matchMedia('(prefers-reduced-motion: reduce)')
    const update = () => useFlights.getState().setReducedMotion(media.matches)
    update()
    media.addEventListener('change', update)
    return () => media.removeEventListener('change', update)
  }, [])
  return (
    <ViewportPortal>
      <div ref={ref} className="flight-overlay" data-testid="flight-overlay" aria-hidden onClick={explainDot} />
    </ViewportPortal>
  )
}
