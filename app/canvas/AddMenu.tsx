// The menu a double-click on the empty canvas opens: add a node right there.

import { useEffect, useRef } from 'react'
import type { XY } from '../design/types.ts'
import { PALETTE, type PaletteItem } from '../palette/palette-items.ts'
import { PaletteIcon } from '../palette/PaletteIcon.tsx'
import { useT } from '../i18n/index.ts'

export function AddMenu({ at, onPick, onClose }: { at: XY; onPick(item: PaletteItem): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null)
  const t = useT()
  useEffect(() => {
    ref.current?.querySelector('button')?.focus()
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose()
    }
    addEventListener('pointerdown', away, true)
    return () => removeEventListener('pointerdown', away, true)
  }, [onClose])
  return (
    <div
      ref={ref}
      className="add-menu"
      role="menu"
      aria-label={t('palette.addHere')}
      style={{ left: at.x, top: at.y }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      data-testid="add-menu"
    >
      {PALETTE.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          aria-label={t(`palette.items.${item.key}.add`)}
          onClick={() => {
            onPick(item)
            onClose()
          }}
        >
          <PaletteIcon item={item} />
          {t(`palette.items.${item.key}.label`)}
        </button>
      ))}
    </div>
  )
}
