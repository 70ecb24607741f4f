// The worker entry: takes the one-writer lock, opens IndexedDB, recovers the broker, then serves commands.
// This is where real time comes in: the engine itself reads time only through the clock given to it.

/// <reference lib="webworker" />
import { createBroker, type Broker } from '../broker.ts'
import { openDatabase, DB_NAME, type WarrenDatabase } from '../persistence/db.ts'
import { recoverInto } from '../persistence/recover.ts'
import { loadBrokerVersion } from '../persistence/broker-version.ts'
import { loadClusterSize } from '../persistence/cluster-size.ts'
import { DEFAULT_VERSION, type BrokerVersion } from '../profile.ts'
import { IdbDurableLog } from '../persistence/store.ts'
import {
  BLOCKED_PROBLEM,
  describeOpenError,
  describeReadError,
  describeSkipped,
  describeWriteError,
  VERSION_CHANGE_PROBLEM,
} from '../persistence/storage-errors.ts'
import { BROKERS_META_KEY, otherBrokerDbName } from './command-kinds.ts'
import { Handler } from './handler.ts'
import { PROTOCOL_VERSION, type FromWorker, type StorageProblem, type ToWorker } from './protocol.ts'
import { WorkerClock } from './worker-clock.ts'
import { parseWorkerOptions } from './worker-options.ts'

declare const self: DedicatedWorkerGlobalScope

const options = parseWorkerOptions(self.name)
const post = (message: FromWorker) => self.postMessage(message)
const early: ToWorker[] = []
let handler: Handler | null = null
let takeOver: (() => void) | null = null

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'takeOver') return takeOver?.()
  if (handler) handler.receive(message)
  else early.push(message)
}

const lockName = `warren-broker:${options.dbName ?? DB_NAME}`

function holdLock(steal: boolean): void {
  // After a restart or crash of this tab's own worker, the old worker's lock is released asynchronously: wait for it.
  const request = steal
    ? navigator.locks.request(lockName, { steal: true }, () => start())
    : options.waitForLock
      ? navigator.locks.request(lockName, () => start())
      : navigator.locks.request(lockName, { ifAvailable: true }, (lock) => {
          if (!lock) {
            takeOver = () => holdLock(true)
            post({ type: 'locked', version: PROTOCOL_VERSION })
            return undefined
          }
          return start()
        })
  request.catch((error: unknown) => {
    // Stop at once either way, so two engines never write the same data.
    handler = null
    self.onmessage = null
    const stolen = (error as Error)?.name === 'AbortError'
    post(
      stolen
        ? { type: 'stopped', reason: 'taken-over', message: 'Another tab took over this broker.' }
        : {
            type: 'stopped',
            reason: 'fatal',
            message: `The broker failed to start (${(error as Error)?.message ?? error}). Reload the page to try again.`,
          },
    )
    self.close()
  })
}

/** Runs the broker; the returned promise never settles, so the lock is held for the worker's lifetime. */
async function start(): Promise<never> {
  const started = performance.now()
  const clock = new WorkerClock({
    now: () => performance.now(),
    wallClock: () => Date.now(),
    setTimeout: (fire, ms) => setTimeout(fire, ms),
    clearTimeout: (handle) => clearTimeout(handle as number),
  })
  if (options.clock === 'paused') clock.pause()
  let problem: StorageProblem | null = null
  let db: WarrenDatabase | null = null
  try {
    db = await openDatabase({
      name: options.dbName,
      onBlocked: () => post({ type: 'storageProblem', problem: BLOCKED_PROBLEM }),
      onVersionChange: () => post({ type: 'storageProblem', problem: VERSION_CHANGE_PROBLEM }),
    })
  } catch (error) {
    problem = describeOpenError(error)
  }
  let version: BrokerVersion = options.version ?? DEFAULT_VERSION
  let nodes = 1
  if (db) {
    try {
      version = await loadBrokerVersion(db, version)
      nodes = await loadClusterSize(db)
    } catch (error) {
      problem = describeReadError(error)
    }
  }
  const durable = db ? new IdbDurableLog(db) : null
  const makeBroker = (): Broker => createBroker({ clock, seed: options.seed, durable, version, nodes })
  const broker = makeBroker()
  let report = { exchanges: 0, queues: 0, bindings: 0, messages: 0, skipped: [] as string[] }
  if (durable) {
    try {
      report = recoverInto(broker, await durable.load())
    } catch (error) {
      problem = describeReadError(error)
      broker.durable = null
    }
  }
  if (report.skipped.length > 0 && !problem) problem = describeSkipped(report.skipped)
  handler = new Handler({
    broker,
    clock,
    durable: broker.durable === null ? null : durable,
    post,
    schedule: (fire, ms) => setTimeout(fire, ms),
    freshBroker: makeBroker,
    brokerLog:
      broker.durable === null
        ? undefined
        : (name) => new IdbDurableLog(openDatabase({ name: otherBrokerDbName(options.dbName ?? DB_NAME, name) })),
  })
  if (durable && broker.durable) {
    try {
      const skipped = await handler.restoreBrokers(await durable.getMeta(BROKERS_META_KEY))
      if (skipped.length > 0) problem ??= describeSkipped(skipped)
    } catch (error) {
      problem ??= describeReadError(error)
    }
  }
  clock.onTimersFired = () => handler?.flush()
  const { skipped: _skipped, ...counts } = report
  post({
    type: 'ready',
    version: PROTOCOL_VERSION,
    recovery: { ...counts, ms: performance.now() - started },
    storage: db && broker.durable ? 'indexeddb' : 'memory',
    brokerVersion: version,
    problem,
  })
  if (durable && broker.durable && durable.hasPending)
    durable.commit().catch((error) => post({ type: 'storageProblem', problem: describeWriteError(error) }))
  for (const message of early.splice(0)) handler.receive(message)
  return new Promise<never>(() => {})
}

if (typeof navigator !== 'undefined' && navigator.locks) holdLock(false)
else void start()
