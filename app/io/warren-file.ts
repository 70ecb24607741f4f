// The Warren file: RabbitMQ definitions (whole broker) + the designer's saved design + simulation settings, and the
// design's other brokers (each its version, nodes and definitions) when it has more than one.

import type { BrokerVersion } from '../../engine/profile.ts'
import { choiceForRelease } from '../versions/releases.ts'
import { detectFileKind, IoError } from './file-kind.ts'
import { t } from '../i18n/index.ts'

export const WARREN_FILE_VERSION = 1

export interface WarrenFile {
  warren: typeof WARREN_FILE_VERSION
  definitions: Record<string, unknown> // as exportDefinitions({ vhost: null }) writes it
  design: unknown // what app/session/persist.ts saves; validated by parseSavedDesign when opened
  simulation: { seed: number }
  /** The RabbitMQ version the broker behaved as; files written before it existed take their definitions' version. */
  brokerVersion: BrokerVersion
  /** The design's brokers after its first, in order; files written before several brokers existed have none. */
  brokers: OtherBroker[]
}

export interface OtherBroker {
  name: string
  version: BrokerVersion
  nodes: number
  definitions: Record<string, unknown> // that broker's GET /api/definitions
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function makeWarrenFile(
  definitions: Record<string, unknown>,
  design: unknown,
  seed: number,
  brokerVersion: BrokerVersion,
  brokers: OtherBroker[] = [],
): WarrenFile {
  return { warren: WARREN_FILE_VERSION, definitions, design, simulation: { seed }, brokerVersion, brokers }
}

function otherBrokersOf(value: unknown): OtherBroker[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new IoError(t('io.warren.badBrokers'))
  return value.map((b) => {
    if (!isRecord(b) || typeof b.name !== 'string' || !isRecord(b.definitions))
      throw new IoError(t('io.warren.badBrokers'))
    const version = typeof b.version === 'string' && VERSIONS.includes(b.version) ? (b.version as BrokerVersion) : '4.3'
    const nodes = typeof b.nodes === 'number' && Number.isInteger(b.nodes) && b.nodes >= 1 ? b.nodes : 1
    return { name: b.name, version, nodes, definitions: b.definitions }
  })
}

const VERSIONS: readonly string[] = ['3.10', '4.0', '4.3']

function brokerVersionOf(doc: Record<string, unknown>, definitions: Record<string, unknown>): BrokerVersion {
  if (typeof doc.brokerVersion === 'string' && VERSIONS.includes(doc.brokerVersion))
    return doc.brokerVersion as BrokerVersion
  const release = definitions.rabbit_version ?? definitions.rabbitmq_version
  return (typeof release === 'string' ? choiceForRelease(release) : null) ?? '3.10'
}

/** Checks the envelope; the definitions are checked by the broker and the design by persist.ts. */
export function parseWarrenFile(doc: unknown): WarrenFile {
  if (!isRecord(doc) || !('warren' in doc)) throw new IoError(t('io.warren.noVersion'))
  if (typeof doc.warren !== 'number' || !Number.isInteger(doc.warren) || doc.warren < 1)
    throw new IoError(t('io.warren.badVersion', { version: JSON.stringify(doc.warren) }))
  if (doc.warren > WARREN_FILE_VERSION)
    throw new IoError(t('io.warren.newer', { version: doc.warren, supported: WARREN_FILE_VERSION }))
  const definitions = doc.definitions
  if (!isRecord(definitions)) throw new IoError(t('io.warren.noDefinitions'))
  const kind = detectFileKind(definitions)
  if (kind.kind !== 'definitions') throw new IoError(t('io.warren.badDefinitions'))
  if (!isRecord(doc.design)) throw new IoError(t('io.warren.noDesign'))
  let seed = 1
  if (doc.simulation !== undefined) {
    const sim = doc.simulation
    if (!isRecord(sim) || typeof sim.seed !== 'number' || !Number.isInteger(sim.seed))
      throw new IoError(t('io.warren.badSeed'))
    seed = sim.seed
  }
  return {
    warren: WARREN_FILE_VERSION,
    definitions,
    design: doc.design,
    simulation: { seed },
    brokerVersion: brokerVersionOf(doc, definitions),
    brokers: otherBrokersOf(doc.brokers),
  }
}
