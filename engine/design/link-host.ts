// What shovels and federation links need of the design they run in: its clock, its links, its brokers by name,
// and how a URI of one broker names another. Design implements it; they never import Design itself.

import type { Broker } from '../broker.ts'
import type { Clock } from '../clock.ts'
import type { Links } from './links.ts'

export interface LinkHost {
  readonly clock: Clock
  readonly links: Links
  readonly brokers: ReadonlyMap<string, Broker>
  broker(name: string): Broker | undefined
  /** The broker and vhost a URI of broker `from` points at, or a reason it points nowhere. */
  resolve(uri: string, from: string): { broker: string; vhost: string; shown: string } | { error: string }
  /** A URI without its credentials. */
  resolveShown(uri: string): string
  /** rabbit@<broker name>. */
  nodeName(name: string): string
}
