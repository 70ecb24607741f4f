// The canvas's dot grid as a CSS background: it follows pan and zoom like React Flow's <Background>,
// but software rasterisation (headless, no GPU) redraws a tiled gradient far faster than an SVG pattern.

import { useStore, type ReactFlowState } from '@xyflow/react'

const GAP = 16
const selectTransform = (s: ReactFlowState) => s.transform

export function DotGrid() {
  const [x, y, zoom] = useStore(selectTransform)
  const gap = GAP * zoom
  return (
    <div
      className="react-flow__background dot-grid"
      aria-hidden
      style={{ backgroundSize: `${gap}px ${gap}px`, backgroundPosition: `${x % gap}px ${y % gap}px` }}
    />
  )
}
