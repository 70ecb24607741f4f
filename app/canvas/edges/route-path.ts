// An auto-layout route as an SVG path with rounded corners, used while both ends are where the layout left them.

import type { Route } from '../../design/layout.ts'

/** How far (px) a handle may sit from the route's end for the route to still count as this edge's. */
const SNAP = 6
const CORNER = 8

export interface RoutedPath {
  path: string
  labelX: number
  labelY: number
}

/** The route from (sx, sy) to (tx, ty), or null when the nodes have moved since the layout drew it. */
export function routedPath(
  route: Route | undefined,
  sx: number,
  sy: number,
  tx: number,
  ty: number,
): RoutedPath | null {
  if (!route || route.length < 2) return null
  const first = route[0]
  const last = route[route.length - 1]
  if (Math.abs(first.x - sx) > SNAP || Math.abs(first.y - sy) > SNAP) return null
  if (Math.abs(last.x - tx) > SNAP || Math.abs(last.y - ty) > SNAP) return null
  const points = [{ x: sx, y: sy }, ...route.slice(1, -1), { x: tx, y: ty }]
  let path = `M ${points[0].x},${points[0].y}`
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]]
    const r = Math.min(CORNER, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2)
    const before = toward(b, a, r)
    const after = toward(b, c, r)
    path += ` L ${before.x},${before.y} Q ${b.x},${b.y} ${after.x},${after.y}`
  }
  path += ` L ${points[points.length - 1].x},${points[points.length - 1].y}`
  // The label sits on the longest straight run, where it covers the least.
  let best = 0
  let labelX = (sx + tx) / 2
  let labelY = (sy + ty) / 2
  for (let i = 1; i < points.length; i++) {
    const length = Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y)
    if (length > best) {
      best = length
      labelX = (points[i].x + points[i - 1].x) / 2
      labelY = (points[i].y + points[i - 1].y) / 2
    }
  }
  return { path, labelX, labelY }
}

function toward(from: { x: number; y: number }, to: { x: number; y: number }, distance: number) {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1
  return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance }
}
