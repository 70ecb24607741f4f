import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { Send } from 'lucide-react'
import type { ProducerNode as ProducerNodeType } from '../graph-types.ts'
import { useAppStore } from '../../store/index.ts'
import { NodeFrame } from './NodeFrame.tsx'

export const ProducerNode = memo(function ProducerNode({ id, data, selected }: NodeProps<ProducerNodeType>) {
  const p = data.def
  const openPublish = useAppStore((s) => s.openPublish)
  return (
    <>
      <NodeFrame kind="Producer" icon={<Send size={12} aria-hidden />} name={p.name} selected={selected} testId="producer" id={id}>
        <div className="node-line">
          {p.exchange === null ? (
            <span className="muted">Drag to an exchange</span>
          ) : (
            <button
              type="button"
              className="node-action nodrag"
              aria-label={`Publish as ${p.name}`}
              onClick={() => openPublish(p.exchange ?? '', p.routingKey)}
            >
              <Send size={12} aria-hidden /> Publish
            </button>
          )}
        </div>
      </NodeFrame>
      <Handle type="source" position={Position.Right} id="out" aria-label={`Connect producer ${p.name} to an exchange`} title="Drag to an exchange" />
    </>
  )
})
