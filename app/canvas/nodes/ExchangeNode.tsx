import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Shuffle } from 'lucide-react'
import type { ExchangeNode as ExchangeNodeType } from '../../design/graph-types.ts'
import { Badges, NodeFrame } from './NodeFrame.tsx'
import { DriftMark } from './DriftMark.tsx'
import { LintMark } from './LintMark.tsx'
import type { Badge } from '../../ui/queue-badges.ts'
import { useT } from '../../i18n/index.ts'

export const ExchangeNode = memo(function ExchangeNode({ id, data, selected }: NodeProps<ExchangeNodeType>) {
  const x = data.def
  const t = useT()
  const marks: Badge[] = []
  if (x.durable) marks.push({ label: 'D', title: t('badges.durable') })
  if (x.autoDelete) marks.push({ label: 'AD', title: t('badges.autoDeleteExchange') })
  if (x.internal) marks.push({ label: 'I', title: t('badges.internal'), tone: 'accent' })
  if (typeof x.arguments['alternate-exchange'] === 'string')
    marks.push({
      label: `AE ${x.arguments['alternate-exchange']}`,
      title: t('badges.alternate'),
    })
  return (
    <>
      <Handle
        role="img"
        type="target"
        position={Position.Left}
        id="in"
        aria-label={t('nodes.exchangeIn', { name: x.name })}
      />
      <NodeFrame
        kind={t('inspector.kind.exchange')}
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
        role="img"
        type="source"
        position={Position.Right}
        id="out"
        aria-label={t('nodes.exchangeOut', { name: x.name })}
        title={t('nodes.exchangeOutHint')}
      />
      <Handle
        role="img"
        type="source"
        position={Position.Bottom}
        id="alternate"
        className="handle-alternate"
        aria-label={t('nodes.exchangeAlternate', { name: x.name })}
        title={t('nodes.exchangeAlternateHint')}
      />
    </>
  )
})
