import { memo } from 'react'
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react'
import type { FlowEdge as FlowEdgeType } from '../../design/graph-types.ts'
import { MessageDots } from './MessageDots.tsx'

/** Every edge kind; the kind sets the stroke (dashed dead-letter, dotted alternate) through CSS. */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
  const kind = data?.kind ?? 'binding'
  const label = data?.label ?? ''
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`edge edge-${kind}${selected ? ' is-selected' : ''}`}
        interactionWidth={16}
      />
      <path
        className={`edge-arrow edge-arrow-${kind}`}
        d={`M ${targetX - 9},${targetY - 4.5} L ${targetX - 1},${targetY} L ${targetX - 9},${targetY + 4.5} Z`}
      />
      <MessageDots id={id} path={path} x={labelX} y={label ? labelY + 18 : labelY} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label edge-label-${kind}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  )
})
