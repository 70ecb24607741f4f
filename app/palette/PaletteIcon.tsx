import { Inbox, Layers, Send, Shuffle } from 'lucide-react'
import type { PaletteItem } from './palette-items.ts'

export function PaletteIcon({ item, size = 14 }: { item: PaletteItem; size?: number }) {
  const Icon =
    item.kind === 'producer' ? Send : item.kind === 'exchange' ? Shuffle : item.kind === 'queue' ? Layers : Inbox
  return <Icon size={size} aria-hidden className={`icon-${item.kind}`} />
}
