// RabbitMQ's definitions JSON (rabbitmqctl export_definitions, GET /api/definitions[/vhost]) as Warren reads
// and writes it. Reading is tolerant of every version's shapes; writing produces what RabbitMQ 3.10 writes.

import type { FieldTable } from '../model.ts'

export interface QueueDefinition {
  name: string
  vhost?: string
  durable: boolean
  auto_delete: boolean
  arguments: FieldTable
  type?: string
}

export interface ExchangeDefinition {
  name: string
  vhost?: string
  type: string
  durable: boolean
  auto_delete: boolean
  internal?: boolean // left out by 4.3's export
  arguments: FieldTable
}

export interface BindingDefinition {
  source: string
  vhost?: string
  destination: string
  destination_type: 'queue' | 'exchange'
  routing_key: string
  arguments: FieldTable
}

export interface PolicyDefinition {
  vhost?: string
  name: string
  pattern: string
  'apply-to': string
  definition: FieldTable
  priority: number
}

/** Sections Warren keeps and writes back without simulating them. */
export interface KeptDefinitions {
  users: Record<string, unknown>[]
  permissions: Record<string, unknown>[]
  topic_permissions: Record<string, unknown>[]
  parameters: Record<string, unknown>[]
  global_parameters: Record<string, unknown>[]
  vhosts: Map<string, { description: string; tags: string[]; limits: unknown }>
}

export function emptyKept(): KeptDefinitions {
  return { users: [], permissions: [], topic_permissions: [], parameters: [], global_parameters: [], vhosts: new Map() }
}
