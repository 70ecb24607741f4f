// The management API's shapes per version, recorded from real brokers (tests/management/make-templates.mjs):
// every field a version returns, with its recorded type. Warren fills in what it computes and keeps only the
// fields the version has, so a field exists in an answer exactly when that RabbitMQ version returns it.

import recorded from './templates.json'

export type ManagementVersion = '3.10' | '4.0' | '4.3'
export const MANAGEMENT_VERSIONS: readonly ManagementVersion[] = ['3.10', '4.0', '4.3']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export type ShapeName =
  | 'overview'
  | 'node'
  | 'vhost'
  | 'exchange'
  | 'queueClassic'
  | 'queueQuorum'
  | 'queueListClassic'
  | 'queueListQuorum'
  | 'queueStream'
  | 'queueListStream'
  | 'exchangeListItem'
  | 'vhostListItem'
  | 'binding'
  | 'connection'
  | 'channel'
  | 'consumer'
  | 'definitions'
  | 'whoami'
  | 'getMessage'

interface VersionTemplates extends Record<ShapeName, JsonObject> {
  errors: {
    notFound: JsonObject
    unauthorized: JsonObject
    publishMissingExchange: { status: number; error: string }
  }
}

const templates = recorded as unknown as Record<ManagementVersion, VersionTemplates>

export function templatesOf(version: ManagementVersion): VersionTemplates {
  return templates[version]
}

/**
 * The version's shape with `values` laid over it. A computed field the version does not return is left out;
 * a recorded field Warren does not compute keeps its neutral value (0, "", [], or the recorded constant).
 */
export function shape(version: ManagementVersion, name: ShapeName, values: Record<string, unknown>): JsonObject {
  const template = templates[version][name]
  const out: JsonObject = structuredClone(template)
  for (const key in values) {
    if (Object.hasOwn(template, key) && values[key] !== undefined) out[key] = values[key] as Json
  }
  return out
}
