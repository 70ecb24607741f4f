// The design's brokers on the canvas: each a labelled region, the one drawn on this canvas marked, and the link
// between each pair an edge that shows its state (up, paused, cut). Shown once the design has a second broker.

import { Panel } from '@xyflow/react'
import { useEffect, useState } from 'react'
import type { DesignBrokerInfo } from '../../../engine/design/design.ts'
import type { LinkStatus } from '../../../engine/design/links.ts'
import { useT } from '../../i18n/index.ts'
import { getSession } from '../../session/actions.ts'

const POLL_MS = 1000
const WIDTH = 260
const HEIGHT = 150
const BOX = { w: 96, h: 30 }

interface BrokerMapData {
  brokers: DesignBrokerInfo[]
  links: LinkStatus[]
}

/** Brokers on an ellipse, the canvas's own first (left). */
function placeOf(index: number, count: number): { x: number; y: number } {
  const angle = Math.PI + (2 * Math.PI * index) / count
  return { x: WIDTH / 2 + (WIDTH / 2 - BOX.w / 2 - 4) * Math.cos(angle), y: HEIGHT / 2 + 40 * Math.sin(angle) }
}

function linkOf(links: LinkStatus[], a: string, b: string): LinkStatus {
  const [x, y] = a < b ? [a, b] : [b, a]
  return links.find((l) => l.a === x && l.b === y) ?? { a: x, b: y, state: 'up', latency: 0, inFlight: 0 }
}

export function BrokerMap() {
  const t = useT()
  const [map, setMap] = useState<BrokerMapData | null>(null)
  useEffect(() => {
    let live = true
    const load = async () => {
      const client = getSession().client
      if (client.state.kind !== 'ready') return
      const [brokers, links] = await Promise.all([
        client.send({ type: 'brokersList' }),
        client.send({ type: 'linksList' }),
      ])
      if (live) setMap({ brokers, links })
    }
    const poll = () => void load().catch(() => {})
    poll()
    const timer = setInterval(poll, POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [])
  if (!map || map.brokers.length < 2) return null
  const places = map.brokers.map((_, i) => placeOf(i, map.brokers.length))
  const edges: { from: number; to: number; link: LinkStatus }[] = []
  for (let i = 0; i < map.brokers.length; i++)
    for (let j = i + 1; j < map.brokers.length; j++)
      edges.push({ from: i, to: j, link: linkOf(map.links, map.brokers[i].name, map.brokers[j].name) })
  return (
    <Panel position="top-right" className="broker-map-panel">
      <svg
        className="broker-map"
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={t('brokerMap.title')}
        data-testid="broker-map"
      >
        {edges.map(({ from, to, link }) => {
          const [p, q] = [places[from], places[to]]
          return (
            <g
              key={`${link.a}-${link.b}`}
              className={`broker-map-link is-${link.state}`}
              data-testid={`broker-link-${link.a}-${link.b}`}
              data-state={link.state}
            >
              <line x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
              <text x={(p.x + q.x) / 2} y={(p.y + q.y) / 2 - 6} textAnchor="middle">
                {t(`links.state.${link.state}`)}
              </text>
              {link.inFlight > 0 && (
                <text className="broker-map-note" x={(p.x + q.x) / 2} y={(p.y + q.y) / 2 + 12} textAnchor="middle">
                  {t('links.inFlight', { count: link.inFlight })}
                </text>
              )}
            </g>
          )
        })}
        {map.brokers.map((b, i) => (
          <g
            key={b.name}
            className={i === 0 ? 'broker-map-broker is-home' : 'broker-map-broker'}
            data-testid={`broker-region-${b.name}`}
          >
            <rect x={places[i].x - BOX.w / 2} y={places[i].y - BOX.h / 2} width={BOX.w} height={BOX.h} rx={6} />
            <text x={places[i].x} y={places[i].y - 2} textAnchor="middle">
              {b.name}
            </text>
            <text className="broker-map-note" x={places[i].x} y={places[i].y + 10} textAnchor="middle">
              {i === 0 ? t('brokerMap.home') : t('brokerMap.version', { version: b.version })}
            </text>
          </g>
        ))}
      </svg>
    </Panel>
  )
}
