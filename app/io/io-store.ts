// The screen state of import / export: the running task with its steps, the report after it, the drop overlay.

import { create } from 'zustand'

export interface IoTask {
  title: string
  steps: readonly string[]
  current: number // index into steps
}

export interface IoReport {
  tone: 'ok' | 'error'
  title: string
  paragraphs: string[]
  warnings: string[]
  link?: string // a share link to show when the clipboard refused it
  offer?: { label: string; run(): void } // a next step the report proposes, e.g. switching to the file's version
}

interface IoState {
  task: IoTask | null
  report: IoReport | null
  dropping: boolean
}

export const useIoStore = create<IoState>()(() => ({ task: null, report: null, dropping: false }))

export const setTask = (task: IoTask | null) => useIoStore.setState({ task })
export const setReport = (report: IoReport | null) => useIoStore.setState({ report })
export const setDropping = (dropping: boolean) => useIoStore.setState({ dropping })

/**
 * Moves the progress to `step` and yields a frame, so the dialog paints before the next piece of work.
 * A hidden tab gets no frames, hence the timer beside the frame.
 */
export async function advance(step: number): Promise<void> {
  const task = useIoStore.getState().task
  if (task) useIoStore.setState({ task: { ...task, current: step } })
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 50)
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }, 0),
    )
  })
}
