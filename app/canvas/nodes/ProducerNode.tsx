import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Pause, Play, Send, Zap } from 'lucide-react'
import type { ProducerNode as ProducerNodeType } from '../../design/graph-types.ts'
import type { ProducerDef } from '../../design/types.ts'
import { burstProducer, setProducerRunning } from '../../session/sim-actions.ts'
import { useAppStore } from '../../store/index.ts'
import { NodeFrame } from './NodeFrame.tsx'
import './sim-nodes.css'
import { useT } from '../../i18n/index.ts'

/** What the simulation says: the only part that renders when the counts move. */
const ProducerStatusLine = memo(function ProducerStatusLine({ def }: { def: ProducerDef }) {
  const status = useAppStore((s) => s.producerStatus[def.id])
  const t = useT()
  if (status?.error)
    return (
      <div className="node-status is-error" data-testid={`producer-status-${def.name}`} role="status">
        {status.error}
      </div>
    )
  const published = status?.published ?? 0
  const issues = [
    status?.returned ? t('nodes.returnedCount', { count: status.returned }) : '',
    status?.nacked ? t('nodes.nackedCount', { count: status.nacked }) : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <div className="node-status" data-testid={`producer-status-${def.name}`} title={t('nodes.producerStatusHint')}>
      <b data-testid="producer-published">{published}</b> {t('counts.published')}
      {issues ? ` · ${issues}` : ''}
    </div>
  )
})

export const ProducerNode = memo(function ProducerNode({ id, data, selected }: NodeProps<ProducerNodeType>) {
  const p = data.def
  const openPublish = useAppStore((s) => s.openPublish)
  const connected = p.exchange !== null
  const t = useT()
  return (
    <>
      <NodeFrame
        kind={t('inspector.kind.producer')}
        icon={<Send size={12} aria-hidden />}
        name={p.name}
        badge={p.running ? `${p.rate}/s` : undefined}
        selected={selected}
        testId="producer"
        id={id}
      >
        {!connected ? (
          <div className="node-line">
            <span className="muted">{t('nodes.dragToExchange')}</span>
          </div>
        ) : (
          <>
            <div className="node-controls nodrag">
              <button
                type="button"
                className={`node-action${p.running ? ' is-on' : ''}`}
                data-testid={`producer-toggle-${p.name}`}
                aria-pressed={p.running}
                disabled={p.rate <= 0 && !p.running}
                aria-label={
                  p.running
                    ? t('nodes.stopProducer', { name: p.name })
                    : t('nodes.startProducer', { name: p.name, rate: p.rate })
                }
                title={
                  p.rate <= 0
                    ? t('nodes.rateZero')
                    : p.running
                      ? t('nodes.stopPublishing')
                      : t('nodes.publishRate', { rate: p.rate })
                }
                onClick={() => void setProducerRunning(p.id, !p.running)}
              >
                {p.running ? <Pause size={12} aria-hidden /> : <Play size={12} aria-hidden />}{' '}
                {p.running ? t('producer.stop') : t('producer.start')}
              </button>
              <button
                type="button"
                className="node-action"
                data-testid={`producer-burst-${p.name}`}
                disabled={p.burst <= 0}
                aria-label={t('producer.burstLabel', { count: p.burst, name: p.name })}
                title={t('nodes.burstHint', { count: p.burst })}
                onClick={() => void burstProducer(p.id)}
              >
                <Zap size={12} aria-hidden /> {p.burst}
              </button>
              <button
                type="button"
                className="node-action"
                aria-label={t('producer.publishAs', { name: p.name })}
                title={t('nodes.openPublish')}
                onClick={() => openPublish(p.exchange ?? '', p.routingKey)}
              >
                <Send size={12} aria-hidden />
              </button>
            </div>
            <ProducerStatusLine def={p} />
          </>
        )}
      </NodeFrame>
      <Handle
        role="img"
        type="source"
        position={Position.Right}
        id="out"
        aria-label={t('nodes.producerOut', { name: p.name })}
        title={t('nodes.dragToExchange')}
      />
    </>
  )
})
