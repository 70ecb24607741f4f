// Which broker the management pages show: the tab's own, or a real RabbitMQ the user connected to. The remote
// API (with its password inside) lives in memory only; with "remember", the credentials go to sessionStorage,
// which the browser drops with the tab.

import { create } from 'zustand'
import { type ManagementApi, type RemoteOptions, remoteManagement, tabManagement } from '../broker/management.ts'
import { getSession } from '../session/actions.ts'

const REMEMBERED = 'warren.management.remote'

export interface ManagementSource {
  kind: 'tab' | 'remote'
  /** What the header shows: "this tab" or the broker's URL. */
  label: string
  api: ManagementApi
}

interface ConnectionState {
  remote: { url: string; username: string; api: ManagementApi } | null
  connect(options: RemoteOptions, remember: boolean): Promise<void>
  disconnect(): void
}

export const useManagementConnection = create<ConnectionState>((set) => ({
  remote: null,
  async connect(options, remember) {
    const api = await remoteManagement(options)
    if (remember) sessionStorage.setItem(REMEMBERED, JSON.stringify(options))
    else sessionStorage.removeItem(REMEMBERED)
    set({ remote: { url: options.url, username: options.username, api } })
  },
  disconnect() {
    sessionStorage.removeItem(REMEMBERED)
    set({ remote: null })
  },
}))

/** Reconnects with credentials remembered for this tab, once, when the pages first open. */
export async function reconnectRemembered(): Promise<void> {
  const saved = sessionStorage.getItem(REMEMBERED)
  if (!saved || useManagementConnection.getState().remote) return
  try {
    await useManagementConnection.getState().connect(JSON.parse(saved) as RemoteOptions, true)
  } catch {
    sessionStorage.removeItem(REMEMBERED)
  }
}

let tab: ManagementSource | null = null
/** One object for the whole page's life, so a poll keyed on the source does not restart. */
export function tabSource(): ManagementSource {
  tab ??= { kind: 'tab', label: '', api: tabManagement(getSession().client) }
  return tab
}

const remotes = new WeakMap<ManagementApi, ManagementSource>()
export function remoteSource(remote: { url: string; api: ManagementApi }): ManagementSource {
  let source = remotes.get(remote.api)
  if (!source) {
    source = { kind: 'remote', label: remote.url, api: remote.api }
    remotes.set(remote.api, source)
  }
  return source
}
