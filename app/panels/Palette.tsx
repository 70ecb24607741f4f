// Left rail: click to add a node at the centre of the canvas, or drag it to a spot.

import { DRAG_MIME, PALETTE } from '../palette/palette-items.ts'
import { useCanvasPlacement } from '../palette/useCanvasPlacement.ts'
import { addNode } from '../session/actions.ts'
import { PaletteIcon } from '../palette/PaletteIcon.tsx'

export function Palette() {
  const placement = useCanvasPlacement()
  return (
    <nav className="palette" aria-label="Add to the canvas">
      <h2 className="section-title">Add</h2>
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
              aria-label={`Add ${item.label.toLowerCase()}`}
              title={`${item.hint} (${item.shortcut})`}
              data-testid={`palette-${item.key}`}
            >
              <PaletteIcon item={item} />
              <span className="palette-label">{item.label}</span>
              {item.shortcut && <kbd>{item.shortcut}</kbd>}
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-tip">
        Drag from a node's right handle to another node to connect them. Double-click the canvas to add a node there.
      </p>
    </nav>
  )
}
