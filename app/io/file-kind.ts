// What a dropped or picked JSON file is: a Warren file, or RabbitMQ definitions (whole broker or one vhost).

import { t } from '../i18n/index.ts'

export type FileKind =
  | { kind: 'warren' }
  | { kind: 'definitions'; shape: 'broker' | 'vhost' } // vhost: GET /api/definitions/{vhost}, no "vhost" fields
  | { kind: 'unknown'; reason: string }

const DEFINITION_SECTIONS = [
  'queues',
  'exchanges',
  'bindings',
  'policies',
  'parameters',
  'users',
  'vhosts',
  'permissions',
  'topic_permissions',
  'global_parameters',
]
const BROKER_ONLY_SECTIONS = ['users', 'vhosts', 'permissions', 'topic_permissions', 'global_parameters']
const ENTRY_SECTIONS = ['queues', 'exchanges', 'bindings', 'policies', 'parameters']

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function detectFileKind(doc: unknown): FileKind {
  if (!isRecord(doc))
    return {
      kind: 'unknown',
      reason: t('io.notAnObject'),
    }
  if ('warren' in doc) return { kind: 'warren' }
  const keys = Object.keys(doc)
  if (!keys.some((k) => DEFINITION_SECTIONS.includes(k) || k === 'rabbit_version' || k === 'rabbitmq_version')) {
    return {
      kind: 'unknown',
      reason: t('io.neither'),
    }
  }
  if (keys.some((k) => BROKER_ONLY_SECTIONS.includes(k))) return { kind: 'definitions', shape: 'broker' }
  const namesVhost = ENTRY_SECTIONS.some(
    (section) => Array.isArray(doc[section]) && (doc[section] as unknown[]).some((e) => isRecord(e) && 'vhost' in e),
  )
  return { kind: 'definitions', shape: namesVhost ? 'broker' : 'vhost' }
}

/** Parses a file's text as JSON, with the parser's complaint in words a user reads. */
export function parseJsonText(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new IoError(t('io.notJson', { name: fileName, error: (error as Error).message }))
  }
}

/** A file or link that cannot be opened; the message is shown to the user as it is. */
export class IoError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IoError'
  }
}
