import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Inbox, Power, PowerOff, Skull, Snail } from 'lucide-react'
import type { ConsumerNode as ConsumerNodeType } from '../../design/graph-types.ts'
import type { ConsumerDef } from '../../design/types.ts'
import { processingLabel } from '../../design/sim-specs.ts'
import { consumerAction } from '../../session/sim-actions.ts'
import { useAppStore } from '../../store/index.ts'
import { formatMs } from '../../ui/format.ts'
import { NodeFrame } from './NodeFrame.tsx'
import './sim-nodes.css'

/** How much slower the slow-down button makes a consumer. */
const SLOWDOWN = 4

/** The live part: state, messages held, counts and the run controls that depend on them. */
const ConsumerLive = memo(function ConsumerLive({ def }: { def: ConsumerDef }) {
  const status = useAppStore((s) => s.consumerStatus[def.id])
  const state = status?.state ?? 'stopped'
  const down = state === 'crashed' || state === 'offline' || state === 'stopped'
  const slow = (status?.slowdown ?? 1) !== 1
  return (
    <>
      <div className="node-counts">
        <span className={`sim-state sim-state-${state}`} data-testid={`consumer-state-${def.name}`}>
          {slow && state === 'consuming' ? `slow ×${status?.slowdown}` : state}
        </span>
        <span className="count" title="unacked: messages this consumer holds while it processes them">
          <b data-testid="consumer-unacked">{status?.inFlight ?? 0}</b> unacked
        </span>
      </div>
      {status?.error ? (
        <div className="node-status is-error" data-testid={`consumer-status-${def.name}`} role="status">
          {status.error}
        </div>
      ) : (
        <div
          className="node-status"
          data-testid={`consumer-status-${def.name}`}
          title="received, acknowledged and failed (nacked or rejected) since the broker started"
        >
          <span data-testid="consumer-received">{status?.received ?? 0}</span> received · {status?.acked ?? 0} acked
          {status?.failed ? ` · ${status.failed} failed` : ''}
        </div>
      )}
      <div className="node-controls nodrag">
        <button
          type="button"
          className="node-action is-danger"
          data-testid={`consumer-crash-${def.name}`}
          disabled={state === 'crashed' || state === 'stopped'}
          aria-label={`Crash consumer ${def.name}`}
          title="Crash: its channel dies and the messages it holds go back to the queue, redelivered"
          onClick={() => void consumerAction(def.id, 'crash')}
        >
          <Skull size={12} aria-hidden /> Crash
        </button>
        {down ? (
          <button
            type="button"
            className="node-action"
            data-testid={`consumer-online-${def.name}`}
            aria-label={`Bring consumer ${def.name} back online`}
            title="Subscribe again"
            onClick={() => void consumerAction(def.id, 'online')}
          >
            <Power size={12} aria-hidden /> Online
          </button>
        ) : (
          <button
            type="button"
            className="node-action"
            data-testid={`consumer-offline-${def.name}`}
            aria-label={`Take consumer ${def.name} offline`}
            title="Offline: stops receiving, finishes what it holds"
            onClick={() => void consumerAction(def.id, 'offline')}
          >
            <PowerOff size={12} aria-hidden /> Offline
          </button>
        )}
        <button
          type="button"
          className={`node-action${slow ? ' is-on' : ''}`}
          data-testid={`consumer-slow-${def.name}`}
          aria-pressed={slow}
          aria-label={
            slow ? `Consumer ${def.name} back to normal speed` : `Slow consumer ${def.name} down ${SLOWDOWN} times`
          }
          title={slow ? 'Back to normal speed' : `Take ${SLOWDOWN}× longer per message`}
          onClick={() => void consumerAction(def.id, 'slowdown', slow ? 1 : SLOWDOWN)}
        >
          <Snail size={12} aria-hidden /> ×{SLOWDOWN}
        </button>
      </div>
    </>
  )
})

function behaviourLabel(def: ConsumerDef): string {
  const b = def.behaviour
  const action =
    b.kind === 'ack' ? '' : b.action === 'requeue' ? 'requeue' : b.action === 'dead-letter' ? 'dead-letter' : 'reject'
  if (b.kind === 'fail-first') return ` · fails ${b.failures >= 1_000_000 ? 'always' : `${b.failures}×`}, ${action}`
  if (b.kind === 'fail-randomly') return ` · fails ${Math.round(b.probability * 100)}%, ${action}`
  return ''
}

export const ConsumerNode = memo(function ConsumerNode({ id, data, selected }: NodeProps<ConsumerNodeType>) {
  const c = data.def
  return (
    <>
      <Handle type="target" position={Position.Left} id="in" aria-label={`Connect a queue to consumer ${c.name}`} />
      <NodeFrame
        kind="Consumer"
        icon={<Inbox size={12} aria-hidden />}
        name={c.name}
        badge={c.ackMode === 'auto' ? 'auto ack' : 'manual ack'}
        selected={selected}
        testId="consumer"
        id={id}
      >
        {c.queue === null ? (
          <div className="node-counts">
            <span className="muted">Drag a queue here</span>
          </div>
        ) : (
          <ConsumerLive def={c} />
        )}
        <div className="node-meta" title="basic.qos prefetch, how long it takes per message, and how it fails">
          prefetch {c.prefetch === 0 ? '∞' : c.prefetch}
          {c.ackMode === 'manual' ? ` · ${processingLabel(c.processingMs, formatMs)} each${behaviourLabel(c)}` : ''}
        </div>
      </NodeFrame>
    </>
  )
})
