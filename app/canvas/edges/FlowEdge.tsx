import { memo } from 'react'
import { BaseEdge, getBezierPath, useStore, type EdgeProps } from '@xyflow/react'
import type { FlowEdge as FlowEdgeType } from '../../design/graph-types.ts'
import { routeKey } from '../../design/layout.ts'
import { useT } from '../../i18n/index.ts'
import { useRoutes } from '../../store/routes.ts'
import { isFar } from '../detail-level.ts'
import { EdgeLabel } from './EdgeLabel.tsx'
import { MessageDots } from './MessageDots.tsx'
import { routedPath } from './route-path.ts'

/** Every edge kind; the kind sets the stroke (dashed dead-letter, dotted alternate) through CSS. */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<FlowEdgeType>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } =
    props
  const route = useRoutes((s) => s.routes[routeKey(source, target)])
  const routed = routedPath(route, sourceX, sourceY, targetX, targetY)
  const [path, labelX, labelY] = routed
    ? [routed.path, routed.labelX, routed.labelY]
    : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
  const kind = data?.kind ?? 'binding'
  const t = useT()
  const far = useStore(isFar)
  const count = data?.count
  // Zoomed out, a lone key gives way; a group's count stays, since it says how much the line stands for.
  const label = count ? t('scale.edge.bindings', { count }) : far ? '' : (data?.label ?? '')
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
        <EdgeLabel>
          <div
            className={`edge-label edge-label-${kind}${count ? ' edge-label-group' : ''}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
            data-count={count}
            title={count ? data?.keys : undefined}
          >
            {label}
          </div>
        </EdgeLabel>
      )}
    </>
  )
})
