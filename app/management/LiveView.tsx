// Live view of a real RabbitMQ: one vhost's exchanges, queues and bindings drawn read-only on a canvas of their
// own, with depths, consumers and rates from the management API (polled every 5 s). A queue opens its page.

import { Background, type Edge, type Node, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import { useMemo } from 'react'
import { formatNumber, useT } from '../i18n/index.ts'
import type { ManagementSource } from './connection.ts'
import { type BindingRow, type ExchangeRow, type QueueRow, rateOf } from './rows.ts'
import { usePoll } from './use-poll.ts'

const COLUMN = 320
const ROW = 78

interface LiveGraph {
  nodes: Node[]
  edges: Edge[]
}

function graphOf(
  exchanges: ExchangeRow[],
  queues: QueueRow[],
  bindings: BindingRow[],
  label: (q: QueueRow) => string,
): LiveGraph {
  const shown = exchanges.filter((x) => x.name !== '' && !x.name.startsWith('amq.'))
  // Exchanges bound from other exchanges go one column right of their sources.
  const depth = new Map(shown.map((x) => [x.name, 0]))
  for (let pass = 0; pass < shown.length; pass++)
    for (const b of bindings)
      if (b.destination_type === 'exchange' && depth.has(b.source) && depth.has(b.destination))
        depth.set(b.destination, Math.max(depth.get(b.destination)!, depth.get(b.source)! + 1))
  const queueColumn = Math.max(0, ...depth.values()) + 1
  const rows = new Map<number, number>()
  const place = (column: number) => {
    const row = rows.get(column) ?? 0
    rows.set(column, row + 1)
    return { x: column * COLUMN, y: row * ROW }
  }
  const nodes: Node[] = [
    ...shown.map((x) => ({
      id: `exchange:${x.name}`,
      position: place(depth.get(x.name)!),
      data: { label: `${x.name} (${x.type})` },
      className: 'live-node live-exchange',
      draggable: false,
      connectable: false,
    })),
    ...queues.map((q) => ({
      id: `queue:${q.name}`,
      position: place(queueColumn),
      data: { label: label(q) },
      className: 'live-node live-queue',
      draggable: false,
      connectable: false,
    })),
  ]
  const ids = new Set(nodes.map((n) => n.id))
  const edges: Edge[] = bindings
    .filter((b) => b.source !== '')
    .map((b) => ({
      id: `${b.source}->${b.destination_type}:${b.destination}:${b.properties_key}`,
      source: `exchange:${b.source}`,
      target: `${b.destination_type}:${b.destination}`,
      label: b.routing_key || undefined,
    }))
    .filter((e) => ids.has(e.source) && ids.has(e.target))
  return { nodes, edges }
}

export function LiveView({
  source,
  vhost,
  onQueue,
}: {
  source: ManagementSource
  vhost: string
  onQueue: (name: string) => void
}) {
  const t = useT('management')
  const v = encodeURIComponent(vhost)
  const exchanges = usePoll<ExchangeRow[]>(source, `/api/exchanges/${v}`)
  const queues = usePoll<QueueRow[]>(source, `/api/queues/${v}`)
  const bindings = usePoll<BindingRow[]>(source, `/api/bindings/${v}`)
  const graph = useMemo(
    () =>
      graphOf(exchanges.data ?? [], queues.data ?? [], bindings.data ?? [], (q) =>
        t('live.queueLabel', {
          name: q.name,
          ready: formatNumber(q.messages_ready ?? 0),
          unacked: formatNumber(q.messages_unacknowledged ?? 0),
          consumers: q.consumers ?? 0,
          rate: formatNumber(rateOf(q.message_stats?.publish_details), { maximumFractionDigits: 1 }),
        }),
      ),
    [exchanges.data, queues.data, bindings.data, t],
  )
  if (queues.status !== null && queues.status !== 200)
    return <p className="form-error">{t('live.noVhost', { vhost, status: queues.status })}</p>
  return (
    <div className="mgmt-live" data-testid="mgmt-live" aria-label={t('live.label', { vhost })}>
      {/* A provider of its own: inside the designer's, this canvas would share the designer's nodes. */}
      <ReactFlowProvider>
        <ReactFlow
          nodes={graph.nodes}
          edges={graph.edges}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          minZoom={0.2}
          onNodeClick={(_e, node) => node.id.startsWith('queue:') && onQueue(node.id.slice('queue:'.length))}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  )
}
