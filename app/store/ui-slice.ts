// Panels, dialogs, toasts, theme and selection: state of the screen, not of the broker.

import type { StateCreator } from 'zustand'
import type { ConnectIntent, ConnectAnswer } from '../design/connect-rules.ts'

export type Theme = 'light' | 'dark'
export type DrawerTab =
  | 'publish'
  | 'messages'
  | 'events'
  | 'exchanges'
  | 'queues'
  | 'metrics'
  | 'policies'
  | 'lint'
  | 'code'
  | 'management'
  | 'links'

export interface ConfirmDialog {
  kind: 'confirm'
  title: string
  paragraphs: string[]
  items?: string[] // a list after the paragraphs, e.g. what a version switch changes
  confirmLabel: string
  danger?: boolean
  option?: { label: string; checked: boolean } // e.g. "move the messages into the new queue"
  resolve(result: { option: boolean } | null): void
}

export interface ConnectDialog {
  kind: 'connect'
  intent: ConnectIntent
  title: string
  initialKey: string
  paragraphs?: string[] // what else the connection does, e.g. re-creating the queue
  option?: { label: string; checked: boolean }
  resolve(answer: (ConnectAnswer & { option?: boolean }) | null): void
}

export type Dialog = ConfirmDialog | ConnectDialog

export interface Toast {
  id: number
  tone: 'error' | 'info'
  text: string
}

export interface UiSlice {
  theme: Theme
  themeFromSystem: boolean
  drawer: DrawerTab | null
  helpOpen: boolean
  dialog: Dialog | null
  toasts: Toast[]
  selectedNodes: string[]
  selectedEdges: string[]
  publishTarget: { exchange: string; routingKey: string; nonce: number } | null
  browserQueue: string | null
  fitRequest: number // the canvas fits the view each time this changes
  requestFit(): void
  setTheme(theme: Theme, fromSystem: boolean): void
  openDrawer(tab: DrawerTab | null): void
  setHelpOpen(open: boolean): void
  setDialog(dialog: Dialog | null): void
  toast(tone: Toast['tone'], text: string): void
  dismissToast(id: number): void
  setSelection(nodes: string[], edges: string[]): void
  openPublish(exchange: string, routingKey: string): void
  browseQueue(queue: string): void
}

let toastIds = 0

export const createUiSlice: StateCreator<UiSlice> = (set) => ({
  theme: 'light',
  themeFromSystem: true,
  drawer: null,
  helpOpen: false,
  dialog: null,
  toasts: [],
  selectedNodes: [],
  selectedEdges: [],
  publishTarget: null,
  browserQueue: null,
  fitRequest: 0,
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
  setTheme: (theme, themeFromSystem) => set({ theme, themeFromSystem }),
  openDrawer: (drawer) => set({ drawer }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setDialog: (dialog) => set({ dialog }),
  toast: (tone, text) => {
    const id = ++toastIds
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, tone, text }] }))
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), tone === 'error' ? 10_000 : 5_000)
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setSelection: (selectedNodes, selectedEdges) => set({ selectedNodes, selectedEdges }),
  openPublish: (exchange, routingKey) =>
    set({ drawer: 'publish', publishTarget: { exchange, routingKey, nonce: Date.now() } }),
  browseQueue: (queue) => set({ drawer: 'messages', browserQueue: queue }),
})
