// The canvas's dot grid as a CSS background: it follows pan and zoom like React Flow's <Background>,
// but software rasterisation (headless, no GPU) redraws a tiled gradient far faster than an SVG pattern.
// Panning only translates the grid's own layer by less than one gap, so a pan frame repaints no dots.

import { useStore, type ReactFlowState } from '@xyflow/react'

const GAP = 16
/** How far the grid reaches past each edge of the canvas (px), more than the widest gap (zoom 2). */
const OVERHANG = 64
const selectTransform = (s: ReactFlowState) => s.transform

export function DotGrid() {
  const [x, y, zoom] = useStore(selectTransform)
  const gap = GAP * zoom
  const shift = (at: number) => (((at % gap) + gap) % gap) - gap
  return (
    <div
      className="react-flow__background dot-grid"
      aria-hidden
      style={{
        backgroundSize: `${gap}px ${gap}px`,
        backgroundPosition: `${OVERHANG % gap}px ${OVERHANG % gap}px`,
        transform: `translate(${shift(x)}px, ${shift(y)}px)`,
      }}
    />
  )
}
