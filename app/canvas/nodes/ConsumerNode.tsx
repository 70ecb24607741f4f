import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Inbox } from 'lucide-react'
import type { ConsumerNode as ConsumerNodeType } from '../graph-types.ts'
import { useAppStore } from '../../store/index.ts'
import { consumerTag } from '../../session/consumer-runner.ts'
import { formatMs } from '../../ui/format.ts'
import { NodeFrame } from './NodeFrame.tsx'

const ConsumerCount = memo(function ConsumerCount({ id }: { id: string }) {
  const stats = useAppStore((s) => s.consumerStats[consumerTag(id)])
  if (!stats) return <span className="muted">not subscribed</span>
  return (
    <span className="count" title="unacked: messages this consumer holds">
      <b data-testid="consumer-unacked">{stats.unacked}</b> unacked
    </span>
  )
})

export const ConsumerNode = memo(function ConsumerNode({ id, data, selected }: NodeProps<ConsumerNodeType>) {
  const c = data.def
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" aria-label={`Connect a queue to consumer ${c.name}`} />
      <NodeFrame kind="Consumer" icon={<Inbox size={12} aria-hidden />} name={c.name} badge={c.ackMode === 'auto' ? 'auto ack' : 'manual ack'} selected={selected} testId="consumer" id={id}>
        <div className="node-counts">
          {c.queue === null ? <span className="muted">Drag a queue here</span> : <ConsumerCount id={c.id} />}
        </div>
        <div className="node-meta" title="basic.qos prefetch, and how long it takes per message">
          prefetch {c.prefetch === 0 ? '∞' : c.prefetch}
          {c.ackMode === 'manual' ? ` · ${formatMs(c.processingMs)} each` : ''}
        </div>
      </NodeFrame>
    </>
  )
})
