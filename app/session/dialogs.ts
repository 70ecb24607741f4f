// Promise-shaped dialogs: actions await the user's answer.

import type { ConfirmDialog, ConnectDialog } from '../store/ui-slice.ts'
import { useAppStore } from '../store/index.ts'

export function askConfirm(d: Omit<ConfirmDialog, 'kind' | 'resolve'>): Promise<{ option: boolean } | null> {
  return new Promise((resolve) => {
    useAppStore.getState().setDialog({
      ...d,
      kind: 'confirm',
      resolve: (result) => {
        useAppStore.getState().setDialog(null)
        resolve(result)
      },
    })
  })
}

export function askConnect(
  d: Omit<ConnectDialog, 'kind' | 'resolve'>,
): Promise<Parameters<ConnectDialog['resolve']>[0]> {
  return new Promise((resolve) => {
    useAppStore.getState().setDialog({
      ...d,
      kind: 'connect',
      resolve: (answer) => {
        useAppStore.getState().setDialog(null)
        resolve(answer)
      },
    })
  })
}
