import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Shuffle } from 'lucide-react'
import type { ExchangeNode as ExchangeNodeType } from '../../design/graph-types.ts'
import { Badges, NodeFrame } from './NodeFrame.tsx'
import { DriftMark } from './DriftMark.tsx'
import { LintMark } from './LintMark.tsx'
import type { Badge } from '../../ui/queue-badges.ts'

export const ExchangeNode = memo(function ExchangeNode({ id, data, selected }: NodeProps<ExchangeNodeType>) {
  const x = data.def
  const marks: Badge[] = []
  if (x.durable) marks.push({ label: 'D', title: 'durable: survives a broker restart' })
  if (x.autoDelete) marks.push({ label: 'AD', title: 'auto-delete: deleted when its last binding goes' })
  if (x.internal)
    marks.push({ label: 'I', title: 'internal: clients cannot publish to it, only other exchanges', tone: 'accent' })
  if (typeof x.arguments['alternate-exchange'] === 'string')
    marks.push({
      label: `AE ${x.arguments['alternate-exchange']}`,
      title: 'alternate-exchange: gets what this exchange cannot route',
    })
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" aria-label={`Connect into exchange ${x.name}`} />
      <NodeFrame
        kind="Exchange"
        icon={<Shuffle size={12} aria-hidden />}
        name={x.name}
        badge={x.type}
        selected={selected}
        testId="exchange"
        id={id}
      >
        <Badges items={marks} />
      </NodeFrame>
      <LintMark kind="exchange" name={x.name} />
      <DriftMark kind="exchange" name={x.name} />
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        aria-label={`Bind from exchange ${x.name}`}
        title="Drag to a queue or exchange to bind it"
      />
      <Handle
        type="source"
        position={Position.Bottom}
        id="alternate"
        className="handle-alternate"
        aria-label={`Set the alternate exchange of ${x.name}`}
        title="Drag to an exchange to make it the alternate exchange"
      />
    </>
  )
})
