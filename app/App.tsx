// Layout: toolbar on top, palette left, canvas centre with the drawer below it, inspector right.

import { useEffect, useState } from 'react'
import { ReactFlowProvider } from '@xyflow/react'
import type { BrokerClient, ClientState } from './broker/client.ts'
import type { StorageProblem } from '../engine/worker/protocol.ts'
import { Canvas } from './canvas/Canvas.tsx'
import { DialogHost } from './panels/DialogHost.tsx'
import { Drawer } from './panels/Drawer.tsx'
import { HelpPanel } from './panels/HelpPanel.tsx'
import { Inspector } from './panels/Inspector.tsx'
import { Palette } from './panels/Palette.tsx'
import { Banners, StatusBar } from './panels/StatusBar.tsx'
import { Toasts } from './panels/Toasts.tsx'
import { Toolbar } from './panels/Toolbar.tsx'
import { LessonPanel } from './lessons/LessonPanel.tsx'
import { ClusterLanes } from './cluster/ClusterLanes.tsx'
import { IoLayer } from './io/IoLayer.tsx'
import { useThemeSync } from './ui/theme.ts'
import { useShortcuts } from './ui/useShortcuts.ts'

function Shortcuts() {
  useShortcuts()
  return null
}

export function App({ client }: { client: BrokerClient }) {
  const [state, setState] = useState<ClientState>(client.state)
  const [problem, setProblem] = useState<StorageProblem | null>(null)
  useThemeSync()
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
        <div className="workspace">
          <Palette />
          <main className="center">
            <ClusterLanes />
            <Canvas />
            <Drawer />
          </main>
          <Inspector />
          <LessonPanel />
        </div>
        <StatusBar state={state} problem={problem} onTakeOver={takeOver} />
        <DialogHost />
        <HelpPanel />
        <Toasts />
        <IoLayer />
        <Shortcuts />
      </div>
    </ReactFlowProvider>
  )
}
