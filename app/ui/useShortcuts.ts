// Global keys. Ignored while typing in a field or while a dialog is open (it has its own keys).

import { useEffect } from 'react'
import { PALETTE } from '../palette/palette-items.ts'
import { useCanvasPlacement } from '../palette/useCanvasPlacement.ts'
import { addNode, autoLayout, copySelection, deleteSelection, paste, redo, undo } from '../session/actions.ts'
import { useBrokerHold } from '../session/broker-hold.ts'
import { useAppStore } from '../store/index.ts'
import type { DrawerTab } from '../store/ui-slice.ts'
import { toggleTheme } from './theme.ts'

const TABS: Record<string, DrawerTab> = { '1': 'publish', '2': 'messages', '3': 'exchanges', '4': 'queues' }

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function useShortcuts(): void {
  const placement = useCanvasPlacement()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState()
      if (s.dialog) return
      if (s.helpOpen) {
        if (e.key === 'Escape' || e.key === '?') s.setHelpOpen(false)
        return
      }
      if (typing(e.target)) return
      // Without the broker only the keys that change nothing stay: help, fit, theme.
      if (!useBrokerHold.getState().held && !['?', 'f', 'F', 'd', 'D'].includes(e.key)) return
      const mod = e.ctrlKey || e.metaKey
      const key = e.key.toLowerCase()
      const run = (fn: () => unknown) => {
        e.preventDefault()
        void fn()
      }
      if (mod) {
        if (key === 'z' && !e.shiftKey) return run(undo)
        if ((key === 'z' && e.shiftKey) || key === 'y') return run(redo)
        if (key === 'c') return run(copySelection)
        if (key === 'v') return run(paste)
        if (key === 'a') return run(() => s.selectNodes(s.nodes.map((n) => n.id)))
        return
      }
      if (e.altKey) return
      if (e.key === 'Delete' || e.key === 'Backspace') return run(deleteSelection)
      if (e.key === '?') return run(() => s.setHelpOpen(true))
      if (e.key === 'Escape') return run(() => (s.drawer ? s.openDrawer(null) : s.selectNodes([])))
      if (TABS[e.key]) return run(() => s.openDrawer(TABS[e.key]))
      if (key === 'l') return run(autoLayout)
      // Through the canvas's own fit, which keeps a readable zoom floor and pans instead.
      if (key === 'f') return run(() => s.requestFit())
      if (key === 'd') return run(toggleTheme)
      const item = PALETTE.find((p) => p.shortcut?.toLowerCase() === key)
      if (item && !e.shiftKey) return run(() => addNode(item.kind, placement(), item.exchangeType))
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  }, [placement])
}
