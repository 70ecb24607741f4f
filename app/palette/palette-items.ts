// What can be added to the canvas, shared by the palette, the double-click menu and the shortcuts.

import type { ExchangeType } from '../../engine/model.ts'
import type { NodeKind } from '../design/types.ts'

export interface PaletteItem {
  key: string
  kind: NodeKind
  exchangeType?: ExchangeType
  label: string
  hint: string
  shortcut?: string
}

export const PALETTE: PaletteItem[] = [
  { key: 'producer', kind: 'producer', label: 'Producer', hint: 'Publishes messages to an exchange', shortcut: 'P' },
  {
    key: 'direct',
    kind: 'exchange',
    exchangeType: 'direct',
    label: 'Direct exchange',
    hint: 'Routes by exact routing key',
    shortcut: 'E',
  },
  {
    key: 'topic',
    kind: 'exchange',
    exchangeType: 'topic',
    label: 'Topic exchange',
    hint: 'Routes by pattern: * one word, # any',
    shortcut: 'T',
  },
  {
    key: 'fanout',
    kind: 'exchange',
    exchangeType: 'fanout',
    label: 'Fanout exchange',
    hint: 'Copies to every bound queue',
    shortcut: 'O',
  },
  {
    key: 'headers',
    kind: 'exchange',
    exchangeType: 'headers',
    label: 'Headers exchange',
    hint: 'Routes by header values',
    shortcut: 'H',
  },
  { key: 'queue', kind: 'queue', label: 'Queue', hint: 'Holds messages for consumers', shortcut: 'Q' },
  { key: 'consumer', kind: 'consumer', label: 'Consumer', hint: 'Consumes and acks messages', shortcut: 'C' },
]

export const DRAG_MIME = 'application/x-warren-node'
