// Levels of detail: below FAR_ZOOM (where 14 px titles would render under 7 px) a node shows its name and
// one count in large type and lone edge keys hide; fit-view never zooms below FIT_FLOOR, where that large
// type is still readable, and pans instead.

import type { ReactFlowState } from '@xyflow/react'

export const FAR_ZOOM = 0.5
export const FIT_FLOOR = 0.4

/** A selector that changes only when the zoom crosses FAR_ZOOM, so zooming re-renders nothing in between. */
export const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM

/** Whether some node lies outside the visible canvas: only then is the minimap worth the room it covers. */
export function contentOverflows(s: ReactFlowState): boolean {
  const [x, y, zoom] = s.transform
  for (const n of s.nodeLookup.values()) {
    const at = n.internals.positionAbsolute
    const left = at.x * zoom + x
    const top = at.y * zoom + y
    const right = (at.x + (n.measured.width ?? 0)) * zoom + x
    const bottom = (at.y + (n.measured.height ?? 0)) * zoom + y
    if (left < 0 || top < 0 || right > s.width || bottom > s.height) return true
  }
  return false
}
