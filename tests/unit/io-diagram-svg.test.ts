import { describe, expect, it } from 'vitest'
import { buildDiagramSvg, diagramBounds, escapeXml, type Diagram } from '../../app/io/diagram-svg.ts'

const diagram: Diagram = {
  nodes: [
    {
      id: 'exchange:orders',
      kind: 'exchange',
      name: 'orders',
      badge: 'topic',
      details: ['durable'],
      x: 0,
      y: 0,
      width: 200,
      height: 72,
    },
    {
      id: 'queue:payment',
      kind: 'queue',
      name: 'payment <eu> & "us"',
      badge: 'classic',
      details: ['D', 'DLX payment.dlx'],
      x: 300,
      y: 100,
      width: 224,
      height: 96,
    },
  ],
  edges: [
    {
      kind: 'binding',
      label: 'order.paid',
      path: 'M 200,36 C 250,36 250,148 300,148',
      labelX: 250,
      labelY: 92,
      targetX: 300,
      targetY: 148,
    },
    {
      kind: 'deadLetter',
      label: '',
      path: 'M 412,196 C 412,240 100,240 100,72',
      labelX: 256,
      labelY: 218,
      targetX: 100,
      targetY: 72,
    },
  ],
}

describe('diagram SVG', () => {
  it('draws every node with its kind, type and name, and every edge with its routing key', () => {
    const svg = buildDiagramSvg(diagram)
    expect(svg.startsWith('<?xml')).toBe(true)
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"')
    expect(svg.match(/<g class="node /g)).toHaveLength(2)
    expect(svg).toContain('>EXCHANGE<')
    expect(svg).toContain('>topic<')
    expect(svg).toContain('>orders<')
    expect(svg).toContain('>order.paid<')
    expect(svg.match(/<g class="edge edge-/g)).toHaveLength(2)
    expect(svg).toContain('stroke-dasharray="6 4"') // dead-letter edges are dashed, as on the canvas
    expect(svg).toContain('d="M 200,36 C 250,36 250,148 300,148"')
  })

  it('escapes names so the document stays well-formed XML', () => {
    const svg = buildDiagramSvg(diagram)
    expect(svg).toContain('payment &lt;eu&gt; &amp; &quot;us&quot;')
    expect(svg).not.toContain('<eu>')
    expect(escapeXml(`a<b>&'"`)).toBe('a&lt;b&gt;&amp;&apos;&quot;')
    // Every opened element is closed (a cheap well-formedness check; the e2e test parses it with DOMParser).
    const opened = (svg.match(/<(g|svg|text|title)[\s>]/g) ?? []).length
    const closed = (svg.match(/<\/(g|svg|text|title)>/g) ?? []).length
    expect(closed).toBe(opened)
  })

  it('writes NUL, controls and bidi overrides out visibly, so the SVG stays valid XML 1.0 and shows the real name', () => {
    const hostile = { ...diagram, nodes: diagram.nodes.map((n, i) => (i === 0 ? { ...n, name: 'nul\u0000x' } : n)) }
    const svg = buildDiagramSvg(hostile)
    // XML 1.0 Char: tab, newline, carriage return and U+0020 upwards (no surrogates, U+FFFE or U+FFFF).
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/)
    expect(svg).toContain('nul\\u0000x')
    expect(escapeXml('invoice\u202Egpj.exe')).toBe('invoice\\u202Egpj.exe')
    expect(escapeXml('tab\there')).toBe('tab\\u0009here')
  })

  it('sizes the picture to the content with a margin, labels included', () => {
    const b = diagramBounds(diagram)
    expect(b.minX).toBe(-32)
    expect(b.minY).toBe(-32)
    expect(b.width).toBe(524 + 64)
    expect(b.height).toBe(196 + 64)
    const svg = buildDiagramSvg(diagram)
    expect(svg).toContain('width="588" height="260" viewBox="-32 -32 588 260"')
  })

  it('has a light and a dark palette', () => {
    expect(buildDiagramSvg(diagram, 'light')).toContain('fill="#fafafb"')
    expect(buildDiagramSvg(diagram, 'dark')).toContain('fill="#131519"')
  })

  it('draws an empty canvas as a small blank picture', () => {
    expect(buildDiagramSvg({ nodes: [], edges: [] })).toContain('width="320" height="160"')
  })
})
