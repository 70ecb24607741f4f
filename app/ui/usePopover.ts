// A popover menu's life: focus its first matching item when it opens, close it on a press outside.

import { useEffect, type RefObject } from 'react'

export function usePopover(
  ref: RefObject<HTMLElement | null>,
  open: boolean,
  close: () => void,
  focusSelector: string,
): void {
  useEffect(() => {
    if (!open) return
    ref.current?.querySelector<HTMLElement>(focusSelector)?.focus()
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close()
    }
    addEventListener('pointerdown', away, true)
    return () => removeEventListener('pointerdown', away, true)
    // Not on `close`: callers pass a new arrow each render, and re-running would steal focus back.
  }, [open, ref, focusSelector])
}
