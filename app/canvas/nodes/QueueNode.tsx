import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Layers } from 'lucide-react'
import type { QueueNode as QueueNodeType } from '../../design/graph-types.ts'
import { useAppStore } from '../../store/index.ts'
import type { QueueStats } from '../../store/broker-slice.ts'
import { queueBadges, queueFlags, queueType } from '../../ui/queue-badges.ts'
import { Badges, NodeFrame } from './NodeFrame.tsx'
import { DriftMark } from './DriftMark.tsx'
import { LintMark } from './LintMark.tsx'
import { useT } from '../../i18n/index.ts'
import { StreamLog } from './StreamLog.tsx'

const NONE: QueueStats = { ready: 0, unacked: 0, consumers: 0 }

/** The live numbers: the only part of the canvas that renders when a queue's counts change. */
const QueueCounts = memo(function QueueCounts({ name }: { name: string }) {
  const stats = useAppStore((s) => s.queueStats[name]) ?? NONE
  const t = useT()
  return (
    <>
      <span className="count" title={t('nodes.readyHint')}>
        <b data-testid="queue-ready">{stats.ready}</b> {t('counts.ready')}
      </span>
      <span className="count" title={t('nodes.unackedHint')}>
        <b data-testid="queue-unacked">{stats.unacked}</b> {t('counts.unacked')}
      </span>
      <span className="node-far-count" aria-hidden>
        {stats.ready}
      </span>
    </>
  )
})

export const QueueNode = memo(function QueueNode({ id, data, selected }: NodeProps<QueueNodeType>) {
  const q = data.def
  const t = useT()
  return (
    <>
      <Handle
        role="img"
        type="target"
        position={Position.Left}
        id="in"
        aria-label={t('nodes.queueIn', { name: q.name })}
      />
      <NodeFrame
        kind={t('nodes.kinds.queue')}
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
        {q.arguments['x-queue-type'] === 'stream' && <StreamLog name={q.name} />}
      </NodeFrame>
      <LintMark kind="queue" name={q.name} />
      <DriftMark kind="queue" name={q.name} />
      <Handle
        role="img"
        type="source"
        position={Position.Right}
        id="out"
        aria-label={t('nodes.queueOut', { name: q.name })}
        title={t('nodes.queueOutHint')}
      />
      <Handle
        role="img"
        type="source"
        position={Position.Bottom}
        id="deadLetter"
        className="handle-dead-letter"
        aria-label={t('nodes.queueDeadLetter', { name: q.name })}
        title={t('nodes.queueDeadLetterHint')}
      />
    </>
  )
})
