// Layout: toolbar on top, palette left, canvas centre with the drawer below it, inspector right.

import { lazy, Suspense, useEffect, useState } from 'react'
import { ReactFlowProvider } from '@xyflow/react'
import type { BrokerClient, ClientState } from './broker/client.ts'
import type { StorageProblem } from '../engine/worker/protocol.ts'
import { Canvas } from './canvas/Canvas.tsx'
import { DialogHost } from './panels/DialogHost.tsx'
import { Drawer } from './panels/Drawer.tsx'
import { Inspector } from './panels/Inspector.tsx'
import { Palette } from './panels/Palette.tsx'
import { Banners, StatusBar } from './panels/StatusBar.tsx'
import { Toasts } from './panels/Toasts.tsx'
import { Toolbar } from './panels/Toolbar.tsx'
import { LessonStartup } from './lessons/LessonStartup.tsx'
import { holdsBroker } from './session/broker-hold.ts'
import { ClusterLanes } from './cluster/ClusterLanes.tsx'
import { IoLayer } from './io/IoLayer.tsx'
import { useThemeSync } from './ui/theme.ts'
import { useLessonStore } from './lessons/lesson-store.ts'
import { useAppStore } from './store/index.ts'
import { useMediaQuery } from './ui/useMediaQuery.ts'
import { useShortcuts } from './ui/useShortcuts.ts'
import { PanelLoading } from './ui/PanelLoading.tsx'

// Narrow windows, or a lesson beside a window under 1700 px: the palette becomes a rail of icons and the
// inspector overlays the canvas while something is selected, so the canvas keeps most of the width.
// Loaded when first shown: the shortcuts help, and a lesson's panel, texts and checks.
const HelpPanel = lazy(() => import('./panels/HelpPanel.tsx').then((m) => ({ default: m.HelpPanel })))
const LessonPanel = lazy(() => import('./lessons/LessonPanel.tsx').then((m) => ({ default: m.LessonPanel })))

const NARROW = '(max-width: 1200px)'
const NARROW_WITH_LESSON = '(max-width: 1700px)'

function useCompactWorkspace(): boolean {
  const narrow = useMediaQuery(NARROW)
  const narrowForLesson = useMediaQuery(NARROW_WITH_LESSON)
  const lesson = useLessonStore((s) => s.lesson !== null)
  return narrow || (lesson && narrowForLesson)
}

const selectHasSelection = (s: { selectedNodes: string[]; selectedEdges: string[] }) =>
  s.selectedNodes.length + s.selectedEdges.length > 0

function Shortcuts() {
  useShortcuts()
  return null
}

export function App({ client }: { client: BrokerClient }) {
  const [state, setState] = useState<ClientState>(client.state)
  const [problem, setProblem] = useState<StorageProblem | null>(null)
  useThemeSync()
  const compact = useCompactWorkspace()
  const selection = useAppStore(selectHasSelection)
  const lesson = useLessonStore((s) => s.lesson !== null)
  const helpOpen = useAppStore((s) => s.helpOpen)
  useEffect(() => {
    const offState = client.onState(setState)
    const offProblem = client.onStorageProblem(setProblem)
    setState(client.state)
    return () => {
      offState()
      offProblem()
    }
  }, [client])
  const takeOver = () => void client.takeOver()

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <Banners state={state} problem={problem} onTakeOver={takeOver} />
        <div
          className={`workspace needs-broker${compact ? ' is-compact' : ''}${selection ? ' has-selection' : ''}`}
          data-testid="workspace"
          inert={!holdsBroker(state)}
        >
          <Palette />
          <main className="center">
            <ClusterLanes />
            <Canvas />
            <Drawer />
          </main>
          <Inspector />
          {lesson && (
            <Suspense fallback={<PanelLoading />}>
              <LessonPanel />
            </Suspense>
          )}
        </div>
        <StatusBar state={state} problem={problem} onTakeOver={takeOver} />
        <DialogHost />
        {helpOpen && (
          <Suspense fallback={null}>
            <HelpPanel />
          </Suspense>
        )}
        <Toasts />
        <IoLayer />
        <Shortcuts />
        <LessonStartup />
      </div>
    </ReactFlowProvider>
  )
}
