import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Pause, Play, Send, Zap } from 'lucide-react'
import type { ProducerNode as ProducerNodeType } from '../../design/graph-types.ts'
import type { ProducerDef } from '../../design/types.ts'
import { burstProducer, setProducerRunning } from '../../session/sim-actions.ts'
import { useAppStore } from '../../store/index.ts'
import { NodeFrame } from './NodeFrame.tsx'
import './sim-nodes.css'

/** What the simulation says: the only part that renders when the counts move. */
const ProducerStatusLine = memo(function ProducerStatusLine({ def }: { def: ProducerDef }) {
  const status = useAppStore((s) => s.producerStatus[def.id])
  if (status?.error)
    return (
      <div className="node-status is-error" data-testid={`producer-status-${def.name}`} role="status">
        {status.error}
      </div>
    )
  const published = status?.published ?? 0
  const issues = [
    status?.returned ? `${status.returned} returned` : '',
    status?.nacked ? `${status.nacked} nacked` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <div
      className="node-status"
      data-testid={`producer-status-${def.name}`}
      title="published by this producer since the broker started; returned (mandatory, unroutable) and nacked (publisher confirms)"
    >
      <b data-testid="producer-published">{published}</b> published{issues ? ` · ${issues}` : ''}
    </div>
  )
})

export const ProducerNode = memo(function ProducerNode({ id, data, selected }: NodeProps<ProducerNodeType>) {
  const p = data.def
  const openPublish = useAppStore((s) => s.openPublish)
  const connected = p.exchange !== null
  return (
    <>
      <NodeFrame
        kind="Producer"
        icon={<Send size={12} aria-hidden />}
        name={p.name}
        badge={p.running ? `${p.rate}/s` : undefined}
        selected={selected}
        testId="producer"
        id={id}
      >
        {!connected ? (
          <div className="node-line">
            <span className="muted">Drag to an exchange</span>
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
                  p.running ? `Stop producer ${p.name}` : `Start producer ${p.name} at ${p.rate} messages a second`
                }
                title={
                  p.rate <= 0
                    ? 'Rate 0: this producer only sends bursts'
                    : p.running
                      ? 'Stop publishing'
                      : `Publish ${p.rate} messages a second`
                }
                onClick={() => void setProducerRunning(p.id, !p.running)}
              >
                {p.running ? <Pause size={12} aria-hidden /> : <Play size={12} aria-hidden />}{' '}
                {p.running ? 'Stop' : 'Start'}
              </button>
              <button
                type="button"
                className="node-action"
                data-testid={`producer-burst-${p.name}`}
                disabled={p.burst <= 0}
                aria-label={`Publish a burst of ${p.burst} as ${p.name}`}
                title={`Publish ${p.burst} messages at once`}
                onClick={() => void burstProducer(p.id)}
              >
                <Zap size={12} aria-hidden /> {p.burst}
              </button>
              <button
                type="button"
                className="node-action"
                aria-label={`Publish as ${p.name}`}
                title="Open the publish panel"
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
        type="source"
        position={Position.Right}
        id="out"
        aria-label={`Connect producer ${p.name} to an exchange`}
        title="Drag to an exchange"
      />
    </>
  )
})
