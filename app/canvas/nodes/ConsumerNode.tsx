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
import { formatNumber, t, useT } from '../../i18n/index.ts'

/** How much slower the slow-down button makes a consumer. */
const SLOWDOWN = 4

/** The live part: state, messages held, counts and the run controls that depend on them. */
const ConsumerLive = memo(function ConsumerLive({ def }: { def: ConsumerDef }) {
  const status = useAppStore((s) => s.consumerStatus[def.id])
  const state = status?.state ?? 'stopped'
  const down = state === 'crashed' || state === 'offline' || state === 'stopped'
  const slow = (status?.slowdown ?? 1) !== 1
  const t = useT()
  return (
    <>
      <div className="node-counts">
        <span className={`sim-state sim-state-${state}`} data-testid={`consumer-state-${def.name}`}>
          {slow && state === 'consuming'
            ? t('nodes.slow', { factor: status?.slowdown ?? 1 })
            : t(`consumer.states.${state}`)}
        </span>
        <span className="count" title={t('nodes.consumerUnackedHint')}>
          <b data-testid="consumer-unacked">{status?.inFlight ?? 0}</b> {t('counts.unacked')}
        </span>
      </div>
      {status?.error ? (
        <div className="node-status is-error" data-testid={`consumer-status-${def.name}`} role="status">
          {status.error}
        </div>
      ) : (
        <div className="node-status" data-testid={`consumer-status-${def.name}`} title={t('nodes.consumerStatusHint')}>
          <span data-testid="consumer-received">{status?.received ?? 0}</span>{' '}
          {t('nodes.receivedAcked', { acked: status?.acked ?? 0 })}
          {status?.failed ? ` · ${t('nodes.failedCount', { count: status.failed })}` : ''}
        </div>
      )}
      <div className="node-controls nodrag">
        <button
          type="button"
          className="node-action is-danger"
          data-testid={`consumer-crash-${def.name}`}
          disabled={state === 'crashed' || state === 'stopped'}
          aria-label={t('nodes.crashConsumer', { name: def.name })}
          title={t('nodes.crashHint')}
          onClick={() => void consumerAction(def.id, 'crash')}
        >
          <Skull size={12} aria-hidden /> {t('consumer.crash')}
        </button>
        {down ? (
          <button
            type="button"
            className="node-action"
            data-testid={`consumer-online-${def.name}`}
            aria-label={t('nodes.onlineConsumer', { name: def.name })}
            title={t('nodes.onlineHint')}
            onClick={() => void consumerAction(def.id, 'online')}
          >
            <Power size={12} aria-hidden /> {t('consumer.online')}
          </button>
        ) : (
          <button
            type="button"
            className="node-action"
            data-testid={`consumer-offline-${def.name}`}
            aria-label={t('nodes.offlineConsumer', { name: def.name })}
            title={t('nodes.offlineHint')}
            onClick={() => void consumerAction(def.id, 'offline')}
          >
            <PowerOff size={12} aria-hidden /> {t('consumer.offline')}
          </button>
        )}
        <button
          type="button"
          className={`node-action${slow ? ' is-on' : ''}`}
          data-testid={`consumer-slow-${def.name}`}
          aria-pressed={slow}
          aria-label={
            slow
              ? t('nodes.normalSpeedConsumer', { name: def.name })
              : t('nodes.slowConsumer', { name: def.name, factor: SLOWDOWN })
          }
          title={slow ? t('nodes.normalSpeed') : t('nodes.slowHint', { factor: SLOWDOWN })}
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
  if (b.kind === 'fail-first')
    return ` · ${t('nodes.failsFirst', { always: b.failures >= 1_000_000 ? 'yes' : 'no', failures: b.failures, action: b.action })}`
  if (b.kind === 'fail-randomly')
    return ` · ${t('nodes.failsRandomly', { percent: formatNumber(Math.round(b.probability * 100)), action: b.action })}`
  return ''
}

export const ConsumerNode = memo(function ConsumerNode({ id, data, selected }: NodeProps<ConsumerNodeType>) {
  const c = data.def
  const t = useT()
  return (
    <>
      <Handle
        role="img"
        type="target"
        position={Position.Left}
        id="in"
        aria-label={t('nodes.consumerIn', { name: c.name })}
      />
      <NodeFrame
        kind={t('inspector.kind.consumer')}
        icon={<Inbox size={12} aria-hidden />}
        name={c.name}
        badge={c.ackMode === 'auto' ? t('nodes.autoAck') : t('nodes.manualAck')}
        selected={selected}
        testId="consumer"
        id={id}
      >
        {c.queue === null ? (
          <div className="node-counts">
            <span className="muted">{t('nodes.dragQueueHere')}</span>
          </div>
        ) : (
          <ConsumerLive def={c} />
        )}
        <div className="node-meta" title={t('nodes.consumerMetaHint')}>
          {t('nodes.prefetch', { prefetch: c.prefetch === 0 ? '∞' : c.prefetch })}
          {c.ackMode === 'manual'
            ? ` · ${t('nodes.each', { time: processingLabel(c.processingMs, formatMs) })}${behaviourLabel(c)}`
            : ''}
        </div>
      </NodeFrame>
    </>
  )
})
