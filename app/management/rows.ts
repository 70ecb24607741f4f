// The fields of the management API's answers that the pages read (the API returns many more).

export interface Rate {
  rate: number
}

export interface MessageStats {
  publish?: number
  publish_details?: Rate
  deliver_get?: number
  deliver_get_details?: Rate
  ack?: number
  ack_details?: Rate
  publish_in_details?: Rate
  publish_out_details?: Rate
}

export interface QueueRow {
  name: string
  vhost: string
  type: string
  durable: boolean
  auto_delete: boolean
  exclusive: boolean
  arguments: Record<string, unknown>
  state?: string
  policy?: string | null
  messages?: number
  messages_ready?: number
  messages_unacknowledged?: number
  consumers?: number
  message_stats?: MessageStats
  consumer_details?: ConsumerRow[]
  node?: string
  leader?: string
  members?: string[]
}

export interface ConsumerRow {
  consumer_tag: string
  queue: { name: string; vhost: string }
  ack_required: boolean
  exclusive: boolean
  prefetch_count: number
  active: boolean
  activity_status: string
  channel_details: { name: string }
}

export interface ExchangeRow {
  name: string
  vhost: string
  type: string
  durable: boolean
  auto_delete: boolean
  internal: boolean
  arguments: Record<string, unknown>
  message_stats?: MessageStats
}

export interface BindingRow {
  source: string
  vhost: string
  destination: string
  destination_type: 'queue' | 'exchange'
  routing_key: string
  arguments: Record<string, unknown>
  properties_key: string
}

export interface ConnectionRow {
  name: string
  user: string
  vhost: string
  state: string
  channels: number
  protocol: string
  peer_host: string
}

export interface ChannelRow {
  name: string
  user: string
  vhost: string
  state: string
  confirm: boolean
  prefetch_count: number
  messages_unacknowledged: number
  consumer_count: number
}

export interface VhostRow {
  name: string
  description?: string
  messages?: number
  messages_ready?: number
  messages_unacknowledged?: number
}

export interface PolicyRow {
  vhost: string
  name: string
  pattern: string
  'apply-to': string
  definition: Record<string, unknown>
  priority: number
}

export interface Overview {
  rabbitmq_version: string
  cluster_name: string
  object_totals: { connections: number; channels: number; exchanges: number; queues: number; consumers: number }
  queue_totals: { messages?: number; messages_ready?: number; messages_unacknowledged?: number }
  message_stats: MessageStats
}

export interface NodeRow {
  name: string
  running: boolean
  mem_used: number
  mem_limit: number
  disk_free: number
  uptime: number
  processors: number
}

export const rateOf = (r: Rate | undefined) => r?.rate ?? 0

/** The Features column: D (durable), AD (auto-delete), Excl (exclusive), I (internal), and the argument names. */
export function features(row: {
  durable: boolean
  auto_delete: boolean
  exclusive?: boolean
  internal?: boolean
  arguments: Record<string, unknown>
}): string {
  const out: string[] = []
  if (row.durable) out.push('D')
  if (row.auto_delete) out.push('AD')
  if (row.exclusive) out.push('Excl')
  if (row.internal) out.push('I')
  for (const key of Object.keys(row.arguments)) if (key !== 'x-queue-type') out.push(key.replace(/^x-/, ''))
  return out.join(' ')
}
