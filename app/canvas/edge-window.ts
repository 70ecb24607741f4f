// Large designs draw only the edges near the screen. React Flow keeps an edge whenever the box around its two
// ends crosses the screen, so an exchange on screen would draw its whole fan-out of thousands of bindings.

import type { ReactFlowState } from '@xyflow/react'
import type { FlowEdge } from '../design/graph-types.ts'

/** The window reaches one screen beyond each side, so edges leading just off screen stay drawn while panning. */
const MARGIN_SCREENS = 1

export interface EdgeWindow {
  x: number
  y: number
  x2: number
  y2: number
}

/**
 * The window in flow coordinates, snapped to half-screen steps and encoded as a string, so a selector on it
 * changes only when the view has moved by half a screen or zoomed, not on every panned pixel.
 */
export function edgeWindowKey(s: ReactFlowState): string {
  const [tx, ty, zoom] = s.transform
  const w = s.width / zoom
  const h = s.height / zoom
  if (!(w > 0 && h > 0)) return ''
  const step = (v: number, size: number) => Math.floor(v / (size / 2)) * (size / 2)
  const x = step(-tx / zoom, w) - w * MARGIN_SCREENS
  const y = step(-ty / zoom, h) - h * MARGIN_SCREENS
  return [x, y, x + w * (1 + 2 * MARGIN_SCREENS) + w / 2, y + h * (1 + 2 * MARGIN_SCREENS) + h / 2]
    .map(Math.round)
    .join(' ')
}

export function parseEdgeWindow(key: string): EdgeWindow | null {
  if (key === '') return null
  const [x, y, x2, y2] = key.split(' ').map(Number)
  return { x, y, x2, y2 }
}

type At = (id: string) => { x: number; y: number } | undefined

/** Edges whose two ends both lie in the window, plus the selected ones (an edge being inspected stays). */
export function edgesInWindow(edges: readonly FlowEdge[], window: EdgeWindow, at: At): FlowEdge[] {
  const inside = (id: string) => {
    const p = at(id)
    return p !== undefined && p.x >= window.x && p.x <= window.x2 && p.y >= window.y && p.y <= window.y2
  }
  return edges.filter((e) => e.selected || (inside(e.source) && inside(e.target)))
}
