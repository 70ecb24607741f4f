// Levels of detail: below FAR_ZOOM a node shows its name and one count in large type and lone edge keys
// hide; fit-view never zooms below FIT_FLOOR, where that large type is still readable, and pans instead.

import type { ReactFlowState } from '@xyflow/react'

export const FAR_ZOOM = 0.7
export const FIT_FLOOR = 0.4

/** A selector that changes only when the zoom crosses FAR_ZOOM, so zooming re-renders nothing in between. */
export const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM
