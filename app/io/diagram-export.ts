// Diagram downloads: the SVG as built, and a PNG rasterised from it on a canvas (img-src allows blob:).

import type { ReactFlowInstance } from '@xyflow/react'
import type { DesignNode, FlowEdge } from '../design/graph-types.ts'
import { collectDiagram } from './diagram-collect.ts'
import { buildDiagramSvg, diagramBounds, type DiagramTheme } from './diagram-svg.ts'
import { diagramFileName, downloadBlob } from './download.ts'
import { IoError } from './file-kind.ts'
import { t } from '../i18n/index.ts'

/** Browsers refuse canvases past about 16k pixels a side; big diagrams are scaled down to fit. */
const MAX_PNG_SIDE = 8000

export function exportSvg(rf: ReactFlowInstance<DesignNode, FlowEdge>, theme: DiagramTheme): void {
  const svg = buildDiagramSvg(collectDiagram(rf), theme)
  downloadBlob(diagramFileName(new Date(), 'svg'), new Blob([svg], { type: 'image/svg+xml' }))
}

export async function exportPng(rf: ReactFlowInstance<DesignNode, FlowEdge>, theme: DiagramTheme): Promise<void> {
  const diagram = collectDiagram(rf)
  const svg = buildDiagramSvg(diagram, theme)
  const { width, height } = diagramBounds(diagram)
  const scale = Math.min(2, MAX_PNG_SIDE / Math.max(width, height))
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode().catch(() => {
      throw new IoError(t('io.diagram.noImage'))
    })
    const canvas = document.createElement('canvas')
    canvas.width = Math.ceil(width * scale)
    canvas.height = Math.ceil(height * scale)
    const context = canvas.getContext('2d')
    if (!context) throw new IoError(t('io.diagram.noCanvas'))
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
    if (!png) throw new IoError(t('io.diagram.noPng'))
    downloadBlob(diagramFileName(new Date(), 'png'), png)
  } finally {
    URL.revokeObjectURL(url)
  }
}
