// What can be added to the canvas, shared by the palette, the double-click menu and the shortcuts.
// Each item's words are `palette.items.<key>.{label,hint,add}` in the catalogue.

import type { ExchangeType } from '../../engine/model.ts'
import type { NodeKind } from '../design/types.ts'

export interface PaletteItem {
  key: string
  kind: NodeKind
  exchangeType?: ExchangeType
  shortcut?: string
}

export const PALETTE: PaletteItem[] = [
  { key: 'producer', kind: 'producer', shortcut: 'P' },
  {
    key: 'direct',
    kind: 'exchange',
    exchangeType: 'direct',
    shortcut: 'E',
  },
  {
    key: 'topic',
    kind: 'exchange',
    exchangeType: 'topic',
    shortcut: 'T',
  },
  {
    key: 'fanout',
    kind: 'exchange',
    exchangeType: 'fanout',
    shortcut: 'O',
  },
  {
    key: 'headers',
    kind: 'exchange',
    exchangeType: 'headers',
    shortcut: 'H',
  },
  { key: 'queue', kind: 'queue', shortcut: 'Q' },
  { key: 'consumer', kind: 'consumer', shortcut: 'C' },
]

export const DRAG_MIME = 'application/x-warren-node'
