// Where each lesson text lives in the `lessons` namespace. Ids with dots (routing keys used as button
// ids) would read as nested keys, so dots become underscores in the key.

import type { Condition } from './challenges.ts'

const part = (id: string) => id.replaceAll('.', '_')

export const lessonKey = (lessonId: string, ...path: string[]) =>
  `lessons:lesson.${[lessonId, ...path].map(part).join('.')}`

export const actionKey = (lessonId: string, actionId: string) => lessonKey(lessonId, 'actions', actionId)
export const challengeKey = (lessonId: string, challengeId: string) => lessonKey(lessonId, 'challenges', challengeId)
export const questionKey = (lessonId: string, questionId: string, ...path: string[]) =>
  lessonKey(lessonId, 'questions', questionId, ...path)

/** The text key of a condition and the values it interpolates. */
export function conditionText(c: Condition): [string, Record<string, string | number>] {
  switch (c.kind) {
    case 'reached':
      return c.key === undefined
        ? ['lessons:conditions.reached', { queue: c.queue, min: c.min }]
        : ['lessons:conditions.reachedKey', { queue: c.queue, key: c.key, min: c.min }]
    case 'settled': {
      const name = `settled${c.how === 'nack' ? 'Nack' : 'Reject'}${c.requeue ? 'Requeue' : ''}`
      return [`lessons:conditions.${name}`, { queue: c.queue, min: c.min }]
    }
    case 'returned':
    case 'publishNacked':
    case 'keptAcrossRestart':
      return [`lessons:conditions.${c.kind}`, { min: c.min }]
    case 'allFailuresReach':
      return ['lessons:conditions.allFailuresReach', { from: c.from, to: c.to }]
    case 'onlyFrom':
      return ['lessons:conditions.onlyFrom', { queue: c.queue, from: c.from }]
    case 'deadLettered':
      return ['lessons:conditions.deadLettered', { into: c.into, reason: c.reason, min: c.min }]
    case 'dropped':
      return ['lessons:conditions.dropped', { queue: c.queue, reason: c.reason, min: c.min }]
    case 'maxInFlight':
      return ['lessons:conditions.maxInFlight', { consumer: c.consumer, max: c.max, minReceived: c.minReceived }]
    case 'notReached':
      return ['lessons:conditions.notReached', { queue: c.queue, key: c.key }]
    case 'queueGone':
      return ['lessons:conditions.queueGone', { queue: c.queue }]
    case 'received':
      return ['lessons:conditions.received', { consumer: c.consumer, min: c.min }]
    case 'restarted':
      return ['lessons:conditions.restarted', {}]
    case 'purged':
      return ['lessons:conditions.purged', { queue: c.queue, min: c.min }]
    case 'arrivedAcross':
      return [
        `lessons:conditions.${c.drained ? 'arrivedAcrossDrained' : 'arrivedAcross'}`,
        { from: c.from, broker: c.broker, queue: c.queue, min: c.min },
      ]
    case 'lostAcross':
      return ['lessons:conditions.lostAcross', { from: c.from, broker: c.broker, queue: c.queue, min: c.min }]
    case 'nodeStopped':
      return ['lessons:conditions.nodeStopped', { node: c.node }]
    case 'leaderMoved':
      return ['lessons:conditions.leaderMoved', { queue: c.queue, from: c.from }]
    case 'noMajority':
      return ['lessons:conditions.noMajority', { queue: c.queue }]
    default:
      return [`lessons:conditions.${c.kind}`, { queue: c.queue, min: c.min }]
  }
}
