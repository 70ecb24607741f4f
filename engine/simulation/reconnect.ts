// Simulated clients reconnect when their node stops, as real clients do: after a backoff that doubles while no
// node is running (1 s, 2 s, 4 s ... up to 30 s of virtual time), then to the first running node.

import type { Broker } from '../broker.ts'
import type { TimerHandle } from '../clock.ts'

export const RECONNECT_FIRST_MS = 1000
export const RECONNECT_MAX_MS = 30_000

export class Reconnector<Owner> {
  private readonly waiting = new Set<Owner>()
  private timer: TimerHandle | null = null
  private backoff = RECONNECT_FIRST_MS

  constructor(
    private readonly broker: Broker,
    private readonly resume: (owner: Owner) => void,
  ) {}

  /** The node new simulation connections go to: the first one running. */
  node(): string {
    return this.broker.cluster.runningNodes()[0] ?? this.broker.cluster.first
  }

  /** A running client lost its channel to a node shutdown; it comes back after the backoff. */
  lost(owner: Owner): void {
    this.waiting.add(owner)
  }

  connectionLost(): void {
    if (this.waiting.size > 0) this.schedule()
  }

  private schedule(): void {
    if (this.timer !== null) return
    const clock = this.broker.clock
    this.timer = clock.setTimer(clock.now() + this.backoff, () => {
      this.timer = null
      if (this.broker.cluster.runningNodes().length === 0) {
        this.backoff = Math.min(this.backoff * 2, RECONNECT_MAX_MS)
        this.schedule()
        return
      }
      this.backoff = RECONNECT_FIRST_MS
      const owners = [...this.waiting]
      this.waiting.clear()
      for (const owner of owners) this.resume(owner)
    })
  }
}
