// Which message the explain view shows. A store of its own: choosing a message re-renders only the view.

import { create } from 'zustand'
import type { FieldTable } from '../../engine/model.ts'
import { useAppStore } from '../store/index.ts'

/** What the opener knows of the message beyond its id, e.g. the queue browser's copy with its headers. */
export interface KnownMessage {
  vhost: string
  queue: string
  exchange: string
  routingKey: string
  headers: FieldTable
}

export interface ExplainTarget {
  messageId: number
  known: KnownMessage | null
}

interface ExplainState {
  target: ExplainTarget | null
  close(): void
}

export const useExplain = create<ExplainState>()((set) => ({
  target: null,
  close: () => set({ target: null }),
}))

/** Shows a message's journey and routing in the Events tab. */
export function explainMessage(messageId: number, known: KnownMessage | null = null): void {
  useExplain.setState({ target: { messageId, known } })
  useAppStore.getState().openDrawer('events')
}
