// The shared card of every node: kind label, a badge, the name, then whatever the node shows.

import type { ReactNode } from 'react'
import { nodeLabelIds } from '../../design/ids.ts'
import type { Badge } from '../../ui/queue-badges.ts'
import { visibleName } from '../../ui/visible-text.ts'

export function NodeFrame(props: {
  kind: string
  icon: ReactNode
  name: string
  badge?: string
  selected: boolean
  testId: string
  id: string
  children?: ReactNode
}) {
  const labelIds = nodeLabelIds(props.id)
  return (
    <div
      className={`node node-${props.testId}${props.selected ? ' is-selected' : ''}`}
      data-testid={`${props.testId}-node`}
      data-id={props.id}
      data-name={props.name}
    >
      <div className="node-head">
        <span className="node-kind" id={labelIds.kind}>
          {props.icon}
          {props.kind}
        </span>
        {props.badge && <span className="node-type">{props.badge}</span>}
      </div>
      <div className="node-name" id={labelIds.name} title={visibleName(props.name)} data-testid="node-name">
        {visibleName(props.name)}
      </div>
      {props.children}
    </div>
  )
}

export function Badges({ items }: { items: Badge[] }) {
  if (items.length === 0) return null
  return (
    <div className="node-badges">
      {items.map((b) => (
        <span key={b.label} className={`badge${b.tone ? ` badge-${b.tone}` : ''}`} title={b.title}>
          {b.label}
        </span>
      ))}
    </div>
  )
}
