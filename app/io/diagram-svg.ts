// A standalone SVG of the diagram: node cards with kind, type and name, edges with their routing keys.
// Pure: it takes positions and paths already computed, so it runs in tests without a browser.

import type { EdgeKind } from '../design/ids.ts'
import { visibleName } from '../ui/visible-text.ts'

export type DiagramTheme = 'light' | 'dark'

export interface DiagramNode {
  id: string
  kind: 'producer' | 'exchange' | 'queue' | 'consumer'
  name: string
  badge: string // exchange type, queue type, ack mode
  details: string[] // flags and arguments, shown small under the name
  x: number
  y: number
  width: number
  height: number
}

export interface DiagramEdge {
  kind: EdgeKind
  label: string
  path: string // SVG path data in diagram coordinates
  labelX: number
  labelY: number
  targetX: number
  targetY: number
}

export interface Diagram {
  nodes: DiagramNode[]
  edges: DiagramEdge[]
}

const PALETTES = {
  light: {
    bg: '#fafafb',
    surface: '#ffffff',
    border: '#cdd2d8',
    text: '#16191d',
    text2: '#4a5361',
    text3: '#6b7480',
    accent: '#4f5bd5',
    accentText: '#3a45b5',
    badgeBg: '#eceefc',
    chipBg: '#f3f4f6',
    edge: '#8f98a4',
    warn: '#b4630a',
  },
  dark: {
    bg: '#131519',
    surface: '#1a1d22',
    border: '#3b424b',
    text: '#e8eaed',
    text2: '#aab2bc',
    text3: '#8b94a0',
    accent: '#8a92ff',
    accentText: '#b0b6ff',
    badgeBg: '#252849',
    chipBg: '#22262c',
    edge: '#6b7480',
    warn: '#eea64f',
  },
} as const

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif"
const KIND_LABEL: Record<DiagramNode['kind'], string> = {
  producer: 'PRODUCER',
  exchange: 'EXCHANGE',
  queue: 'QUEUE',
  consumer: 'CONSUMER',
}
const PAD = 32

// XML 1.0 forbids NUL and most controls even escaped (a NUL made the SVG invalid and the PNG fail): every
// invisible character is written out as \uXXXX first, as everywhere a name is shown.
export const escapeXml = (text: string) =>
  visibleName(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** A width estimate for text in the sans font, so boxes fit without measuring. */
const textWidth = (text: string, size: number) => text.length * size * 0.58

function clip(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text
  const keep = Math.max(1, Math.floor(width / (size * 0.58)) - 1)
  return text.slice(0, keep) + '…'
}

const num = (n: number) => String(Math.round(n * 10) / 10)

export function diagramBounds(d: Diagram): { minX: number; minY: number; width: number; height: number } {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity
  for (const n of d.nodes) {
    minX = Math.min(minX, n.x)
    minY = Math.min(minY, n.y)
    maxX = Math.max(maxX, n.x + n.width)
    maxY = Math.max(maxY, n.y + n.height)
  }
  for (const e of d.edges) {
    if (!e.label) continue
    const half = textWidth(e.label, 11) / 2 + 8
    minX = Math.min(minX, e.labelX - half)
    maxX = Math.max(maxX, e.labelX + half)
    minY = Math.min(minY, e.labelY - 12)
    maxY = Math.max(maxY, e.labelY + 12)
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, width: 320, height: 160 }
  return { minX: minX - PAD, minY: minY - PAD, width: maxX - minX + 2 * PAD, height: maxY - minY + 2 * PAD }
}

function edgeSvg(e: DiagramEdge, p: (typeof PALETTES)[DiagramTheme]): string {
  const color = e.kind === 'publish' ? p.accent : e.kind === 'deadLetter' ? p.warn : p.edge
  const dash =
    e.kind === 'deadLetter'
      ? ' stroke-dasharray="6 4"'
      : e.kind === 'alternate'
        ? ' stroke-dasharray="1 5" stroke-linecap="round"'
        : ''
  const width = e.kind === 'alternate' ? 2 : 1.5
  const arrow = `M ${num(e.targetX - 9)},${num(e.targetY - 4.5)} L ${num(e.targetX - 1)},${num(e.targetY)} L ${num(e.targetX - 9)},${num(e.targetY + 4.5)} Z`
  return `<g class="edge edge-${e.kind}"><path d="${escapeXml(e.path)}" fill="none" stroke="${color}" stroke-width="${width}"${dash}/><path d="${arrow}" fill="${color}"/></g>`
}

function labelSvg(e: DiagramEdge, p: (typeof PALETTES)[DiagramTheme]): string {
  if (!e.label) return ''
  const text = clip(e.label, 11, 260)
  const w = textWidth(text, 11) + 14
  const color = e.kind === 'publish' ? p.accentText : e.kind === 'deadLetter' ? p.warn : p.text2
  return (
    `<g class="edge-label"><rect x="${num(e.labelX - w / 2)}" y="${num(e.labelY - 10)}" width="${num(w)}" height="20" rx="10" fill="${p.surface}" stroke="${p.border}"/>` +
    `<text x="${num(e.labelX)}" y="${num(e.labelY + 4)}" text-anchor="middle" font-size="11" font-family="${FONT}" fill="${color}">${escapeXml(text)}</text></g>`
  )
}

function nodeSvg(n: DiagramNode, p: (typeof PALETTES)[DiagramTheme]): string {
  const inner = n.width - 24
  const parts = [
    `<g class="node node-${n.kind}" data-id="${escapeXml(n.id)}">`,
    `<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.width)}" height="${num(n.height)}" rx="8" fill="${p.surface}" stroke="${n.kind === 'exchange' ? p.accent : p.border}" stroke-width="1"/>`,
    `<text x="${num(n.x + 12)}" y="${num(n.y + 20)}" font-size="10" font-weight="600" letter-spacing="0.06em" font-family="${FONT}" fill="${n.kind === 'exchange' ? p.accent : p.text3}">${KIND_LABEL[n.kind]}</text>`,
  ]
  if (n.badge) {
    const badge = clip(n.badge, 10.5, inner / 2)
    const w = textWidth(badge, 10.5) + 12
    parts.push(
      `<rect x="${num(n.x + n.width - 12 - w)}" y="${num(n.y + 8)}" width="${num(w)}" height="17" rx="4" fill="${n.kind === 'exchange' ? p.badgeBg : p.chipBg}"/>`,
      `<text x="${num(n.x + n.width - 12 - w / 2)}" y="${num(n.y + 20)}" text-anchor="middle" font-size="10.5" font-weight="600" font-family="${FONT}" fill="${n.kind === 'exchange' ? p.accentText : p.text2}">${escapeXml(badge)}</text>`,
    )
  }
  parts.push(
    `<text x="${num(n.x + 12)}" y="${num(n.y + 42)}" font-size="14" font-weight="600" font-family="${FONT}" fill="${p.text}">${escapeXml(clip(n.name, 14, inner))}</text>`,
  )
  const details = n.details.join(' · ')
  if (details && n.height >= 56)
    parts.push(
      `<text x="${num(n.x + 12)}" y="${num(n.y + 60)}" font-size="11" font-family="${FONT}" fill="${p.text2}">${escapeXml(clip(details, 11, inner))}</text>`,
    )
  parts.push('</g>')
  return parts.join('')
}

/** The whole diagram as one SVG document (XML declaration included), sized to its content. */
export function buildDiagramSvg(d: Diagram, theme: DiagramTheme = 'light'): string {
  const p = PALETTES[theme]
  const b = diagramBounds(d)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(b.width)}" height="${Math.ceil(b.height)}" viewBox="${num(b.minX)} ${num(b.minY)} ${num(Math.ceil(b.width))} ${num(Math.ceil(b.height))}">`,
    `<title>Warren topology</title>`,
    `<rect x="${num(b.minX)}" y="${num(b.minY)}" width="${num(Math.ceil(b.width))}" height="${num(Math.ceil(b.height))}" fill="${p.bg}"/>`,
    ...d.edges.map((e) => edgeSvg(e, p)),
    ...d.nodes.map((n) => nodeSvg(n, p)),
    ...d.edges.map((e) => labelSvg(e, p)),
    '</svg>',
  ].join('\n')
}
