// What a recovery brought back, and what it had to leave out.

export interface RecoveryReport {
  exchanges: number
  queues: number
  bindings: number
  messages: number
  /** Records that could not be used, described for the user; they stay on disk untouched. */
  skipped: string[]
}
