// Where a new node goes: near the centre of the visible canvas, on the first spot no node covers.

import { useReactFlow } from '@xyflow/react'
import { useCallback } from 'react'
import type { XY } from '../design/types.ts'
import { useAppStore } from '../store/index.ts'

const CELL = { w: 256, h: 136 }
// Centre, then right, left, below, above, then the diagonals and a wider ring.
const SPOTS: XY[] = [
  [0, 0],
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [-1, 1],
  [1, -1],
  [-1, -1],
  [2, 0],
  [-2, 0],
  [2, 1],
  [-2, 1],
  [0, 2],
  [2, -1],
  [-2, -1],
].map(([x, y]) => ({ x: x * CELL.w, y: y * CELL.h }))

export function freeSpot(centre: XY, taken: readonly XY[]): XY {
  for (const d of SPOTS) {
    const at = { x: centre.x + d.x, y: centre.y + d.y }
    if (!taken.some((p) => Math.abs(p.x - at.x) < CELL.w - 16 && Math.abs(p.y - at.y) < CELL.h - 24)) return at
  }
  return { x: centre.x + (taken.length % 5) * 24, y: centre.y + (taken.length % 5) * 24 }
}

export function useCanvasPlacement(): () => XY {
  const rf = useReactFlow()
  return useCallback(() => {
    const el = document.querySelector('.canvas')
    const rect = el?.getBoundingClientRect() ?? { left: 0, top: 0, width: innerWidth, height: innerHeight }
    const c = rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
    const at = freeSpot(
      { x: Math.round(c.x - 100), y: Math.round(c.y - 40) },
      useAppStore.getState().nodes.map((n) => n.position),
    )
    return { x: Math.round(at.x / 8) * 8, y: Math.round(at.y / 8) * 8 }
  }, [rf])
}
