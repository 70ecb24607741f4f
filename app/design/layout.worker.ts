// The layout worker: ELK runs here so laying out a thousand nodes never blocks the page.

import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkNode } from 'elkjs/lib/elk-api.js'

export type LayoutRequest = { id: number; graph: ElkNode }
export type LayoutReply = { id: number; ok: true; graph: ElkNode } | { id: number; ok: false; error: string }

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null
  postMessage(reply: LayoutReply): void
}
const elk = new ELK()

scope.onmessage = (event) => {
  const { id, graph } = event.data
  elk.layout(graph).then(
    (laid) => scope.postMessage({ id, ok: true, graph: laid }),
    (error: unknown) => scope.postMessage({ id, ok: false, error: String(error) }),
  )
}
