// Options the page gives the worker through its name (the only data a Worker has before any message).

import { isBrokerVersion, type BrokerVersion } from '../profile.ts'

export interface WorkerOptions {
  dbName?: string // a separate database, e.g. for tests
  clock?: 'real' | 'paused' // paused: time moves only by step commands
  seed?: number
  waitForLock?: boolean // a restart of this tab's own worker: wait for the old one's lock instead of reporting 'locked'
  version?: BrokerVersion // for a new database or a memory-only broker; a saved broker keeps its own
}

export function parseWorkerOptions(name: string): WorkerOptions {
  if (!name) return {}
  try {
    const parsed = JSON.parse(name) as Record<string, unknown>
    return {
      dbName: typeof parsed.dbName === 'string' ? parsed.dbName : undefined,
      clock: parsed.clock === 'paused' ? 'paused' : 'real',
      seed: typeof parsed.seed === 'number' ? parsed.seed : undefined,
      waitForLock: parsed.waitForLock === true,
      version: isBrokerVersion(parsed.version) ? parsed.version : undefined,
    }
  } catch {
    return {}
  }
}
