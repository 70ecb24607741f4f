// How a binding reads on the canvas and in lists: its key, its header match, or nothing for a fanout.

import type { BindingDef } from '../../engine/model.ts'

/** A header match as people read it: "all: format=pdf, type=report". */
function headerMatchLabel(args: BindingDef['arguments']): string {
  const match = typeof args['x-match'] === 'string' ? args['x-match'] : 'all'
  const pairs = Object.entries(args)
    .filter(([k]) => k !== 'x-match')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return `${match}: ${pairs.join(', ')}`
}

export function bindingLabel(b: BindingDef, sourceType: string | undefined): string {
  if (sourceType === 'headers') return headerMatchLabel(b.arguments)
  if (sourceType === 'fanout') return ''
  return b.routingKey === '' ? '(empty key)' : b.routingKey
}
