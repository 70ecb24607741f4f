// Left rail: click to add a node at the centre of the canvas, or drag it to a spot.

import { DRAG_MIME, PALETTE } from '../palette/palette-items.ts'
import { useCanvasPlacement } from '../palette/useCanvasPlacement.ts'
import { addNode } from '../session/actions.ts'
import { PaletteIcon } from '../palette/PaletteIcon.tsx'
import { useT } from '../i18n/index.ts'

export function Palette() {
  const placement = useCanvasPlacement()
  const t = useT()
  return (
    <nav className="palette" aria-label={t('palette.title')}>
      <h2 className="section-title">{t('palette.heading')}</h2>
      <ul>
        {PALETTE.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              className="palette-item"
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_MIME, item.key)
                e.dataTransfer.effectAllowed = 'copy'
              }}
              onClick={() => void addNode(item.kind, placement(), item.exchangeType)}
              aria-label={t(`palette.items.${item.key}.add`)}
              title={t('toolbar.withShortcut', { label: t(`palette.items.${item.key}.hint`), shortcut: item.shortcut })}
              data-testid={`palette-${item.key}`}
            >
              <PaletteIcon item={item} />
              <span className="palette-label">{t(`palette.items.${item.key}.label`)}</span>
              {item.shortcut && <kbd>{item.shortcut}</kbd>}
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-tip">{t('palette.tip')}</p>
    </nav>
  )
}
