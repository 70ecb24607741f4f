// The canvas: React Flow with stable props; nodes and edges come from the store.

import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react'
import { Controls, MiniMap, ReactFlow, useReactFlow, useStore, useStoreApi, type Connection } from '@xyflow/react'
import { useAppStore, type AppState } from '../store/index.ts'
import { addNode, connect } from '../session/actions.ts'
import type { DesignNode } from '../design/graph-types.ts'
import { nodeTypes, edgeTypes } from './types.ts'
import { DRAG_MIME, PALETTE } from '../palette/palette-items.ts'
import { AddMenu } from './AddMenu.tsx'
import { CanvasSearch } from './CanvasSearch.tsx'
import { DotGrid } from './DotGrid.tsx'
import { BrokerMap } from './overlay/BrokerMap.tsx'
import { FlightOverlay } from './overlay/FlightOverlay.tsx'
import { Legend } from './overlay/Legend.tsx'
import type { XY } from '../design/types.ts'
import { useT } from '../i18n/index.ts'
import { contentOverflows, FIT_FLOOR, isFar } from './detail-level.ts'
import { RENDER_VISIBLE_FROM } from '../design/node-estimate.ts'
import { edgesInWindow, edgeWindowKey, parseEdgeWindow } from './edge-window.ts'

const selectNodes = (s: AppState) => s.nodes
const selectEdges = (s: AppState) => s.edges
const selectOnNodesChange = (s: AppState) => s.onNodesChange
const selectOnEdgesChange = (s: AppState) => s.onEdgesChange
const selectTheme = (s: AppState) => s.theme
const selectFitRequest = (s: AppState) => s.fitRequest
const selectDrawerOpen = (s: AppState) => s.drawer !== null

const noWindow = () => ''
const onConnect = (c: Connection) => void connect(c)
const minimapColor = (n: DesignNode) => `var(--mm-${n.type})`
const FIT = { padding: 0.15, maxZoom: 1.1, minZoom: FIT_FLOOR }
// Room for the legend along the top edge.
const FLOOR_MARGIN = { x: 32, y: 72 }
const MINIMAP_SIZE = { width: 168, height: 112 }
/** React Flow's minimap draws every node as an SVG element on each change: past this it would stall the page. */
const MINIMAP_UP_TO = 1000

export function Canvas() {
  const t = useT()
  const nodes = useAppStore(selectNodes)
  const allEdges = useAppStore(selectEdges)
  const onNodesChange = useAppStore(selectOnNodesChange)
  const onEdgesChange = useAppStore(selectOnEdgesChange)
  const theme = useAppStore(selectTheme)
  const fitRequest = useAppStore(selectFitRequest)
  const rf = useReactFlow()
  const flow = useStoreApi()
  const far = useStore(isFar)
  const overflowing = useStore(contentOverflows)
  const drawerOpen = useAppStore(selectDrawerOpen)
  const large = nodes.length >= RENDER_VISIBLE_FROM
  const windowKey = useStore(large ? edgeWindowKey : noWindow)
  const edges = useMemo(() => {
    const window = parseEdgeWindow(windowKey)
    if (!large || !window) return allEdges
    const at = new Map(nodes.map((n) => [n.id, n.position]))
    return edgesInWindow(allEdges, window, (id) => at.get(id))
  }, [large, windowKey, allEdges, nodes])
  const [menu, setMenu] = useState<{ screen: XY; flow: XY } | null>(null)

  useEffect(() => {
    if (fitRequest === 0) return
    // A frame later, so nodes placed by the same change are measured first.
    const frame = requestAnimationFrame(() => {
      const duration = fitRequest > 1 ? 300 : 0
      const shown = rf.getNodes()
      if (shown.length === 0) return
      const bounds = rf.getNodesBounds(shown)
      const { width, height } = flow.getState()
      const zoom = Math.min(width / (bounds.width * (1 + FIT.padding)), height / (bounds.height * (1 + FIT.padding)))
      // Too big to fit at a readable size: show its beginning (where the flow starts) at the floor zoom.
      if (zoom < FIT_FLOOR)
        void rf.setViewport(
          { x: FLOOR_MARGIN.x - bounds.x * FIT_FLOOR, y: FLOOR_MARGIN.y - bounds.y * FIT_FLOOR, zoom: FIT_FLOOR },
          { duration },
        )
      else void rf.fitView({ ...FIT, duration })
    })
    return () => cancelAnimationFrame(frame)
  }, [fitRequest, rf, flow])

  // Opening or closing the drawer resizes the canvas: fit again so the design stays in view.
  const drawerSeen = useRef(drawerOpen)
  useEffect(() => {
    if (drawerSeen.current === drawerOpen) return
    drawerSeen.current = drawerOpen
    useAppStore.getState().requestFit()
  }, [drawerOpen])

  const onDoubleClick = useCallback(
    (e: MouseEvent) => {
      if (!(e.target as Element).classList.contains('react-flow__pane')) return
      const box = (e.currentTarget as Element).getBoundingClientRect()
      setMenu({
        screen: { x: e.clientX - box.left, y: e.clientY - box.top },
        flow: rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }),
      })
    },
    [rf],
  )

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
  }, [])

  const onDrop = useCallback(
    (e: DragEvent) => {
      const item = PALETTE.find((p) => p.key === e.dataTransfer.getData(DRAG_MIME))
      if (!item) return
      e.preventDefault()
      const at = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY })
      void addNode(item.kind, { x: Math.round(at.x - 90), y: Math.round(at.y - 30) }, item.exchangeType)
    },
    [rf],
  )

  return (
    <div
      className={far ? 'canvas is-far' : 'canvas'}
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        colorMode={theme}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.2}
        maxZoom={2}
        snapToGrid
        snapGrid={[8, 8]}
        onlyRenderVisibleElements={large}
        aria-label={t('canvas.title')}
      >
        <DotGrid />
        <FlightOverlay />
        <Legend />
        <BrokerMap />
        {overflowing && nodes.length <= MINIMAP_UP_TO && (
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            ariaLabel={t('canvas.minimap')}
            style={MINIMAP_SIZE}
          />
        )}
        <Controls showInteractive={false} aria-label={t('canvas.zoom')} fitViewOptions={FIT} />
      </ReactFlow>
      <CanvasSearch />
      {menu && (
        <AddMenu
          at={menu.screen}
          onPick={(item) => void addNode(item.kind, menu.flow, item.exchangeType)}
          onClose={() => setMenu(null)}
        />
      )}
    </div>
  )
}
