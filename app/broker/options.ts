// Broker options read from the page URL: ?db=NAME keeps a separate database (tests use it),
// ?clock=paused starts virtual time paused so tests step it instead of sleeping, ?version=3.10 gives a new
// broker that RabbitMQ version (a saved broker keeps its own).

import type { WorkerOptions } from '../../engine/worker/worker-options.ts'

export function workerOptionsFromUrl(search: string): WorkerOptions {
  const params = new URLSearchParams(search)
  const options: WorkerOptions = {}
  const db = params.get('db')
  if (db) options.dbName = `warren-${db}`
  if (params.get('clock') === 'paused' || params.get('clock') === 'manual') options.clock = 'paused'
  const seed = Number(params.get('seed'))
  if (params.has('seed') && Number.isFinite(seed)) options.seed = seed
  const version = params.get('version')
  if (version === '3.10' || version === '4.0' || version === '4.3') options.version = version
  return options
}
