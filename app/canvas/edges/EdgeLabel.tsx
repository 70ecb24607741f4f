// React Flow's label layer as a portal, found once per canvas: its own EdgeLabelRenderer runs a querySelector
// in a store selector, so every pan frame paid one DOM query per label (hundreds on a large import).

import type { ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useStore, type ReactFlowState } from '@xyflow/react'

const layers = new WeakMap<HTMLElement, Element | null>()

function labelLayer(s: ReactFlowState): Element | null {
  const root = s.domNode
  if (!root) return null
  let layer = layers.get(root)
  if (!layer) {
    layer = root.querySelector('.react-flow__edgelabel-renderer')
    if (layer) layers.set(root, layer)
  }
  return layer ?? null
}

export function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useStore(labelLayer)
  return layer ? createPortal(children, layer) : null
}
