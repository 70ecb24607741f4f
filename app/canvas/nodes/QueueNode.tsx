import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Layers } from 'lucide-react'
import type { QueueNode as QueueNodeType } from '../graph-types.ts'
import { useAppStore } from '../../store/index.ts'
import type { QueueStats } from '../../store/broker-slice.ts'
import { queueBadges, queueFlags, queueType } from '../../ui/queue-badges.ts'
import { Badges, NodeFrame } from './NodeFrame.tsx'
import { LintMark } from './LintMark.tsx'

const NONE: QueueStats = { ready: 0, unacked: 0, consumers: 0 }

/** The live numbers: the only part of the canvas that renders when a queue's counts change. */
const QueueCounts = memo(function QueueCounts({ name }: { name: string }) {
  const stats = useAppStore((s) => s.queueStats[name]) ?? NONE
  return (
    <>
      <span className="count" title="ready: waiting for a consumer">
        <b data-testid="queue-ready">{stats.ready}</b> ready
      </span>
      <span className="count" title="unacked: delivered, not yet acknowledged">
        <b data-testid="queue-unacked">{stats.unacked}</b> unacked
      </span>
      <span className="node-far-count" aria-hidden>
        {stats.ready}
      </span>
    </>
  )
})

export const QueueNode = memo(function QueueNode({ id, data, selected }: NodeProps<QueueNodeType>) {
  const q = data.def
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" aria-label={`Bind into queue ${q.name}`} />
      <NodeFrame
        kind="Queue"
        icon={<Layers size={12} aria-hidden />}
        name={q.name}
        badge={queueType(q)}
        selected={selected}
        testId="queue"
        id={id}
      >
        <div className="node-counts">
          <QueueCounts name={q.name} />
          <span className="count-flags">
            <Badges items={queueFlags(q)} />
          </span>
        </div>
        <Badges items={queueBadges(q)} />
      </NodeFrame>
      <LintMark kind="queue" name={q.name} />
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        aria-label={`Consume from queue ${q.name}`}
        title="Drag to a consumer"
      />
      <Handle
        type="source"
        position={Position.Bottom}
        id="deadLetter"
        className="handle-dead-letter"
        aria-label={`Dead-letter queue ${q.name} into an exchange`}
        title="Drag to an exchange to dead-letter into it"
      />
    </>
  )
})
