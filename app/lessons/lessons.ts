// Every lesson in the course's order, one per section (the exchange types have one each).

import { BASICS } from './course-basics.ts'
import { ACROSS_BROKERS } from './course-links.ts'
import { FURTHER, RELIABILITY } from './course-reliability.ts'
import type { Lesson } from './lesson-kit.ts'
import { STREAMS } from './course-streams.ts'
import { CLUSTER } from './course-cluster.ts'

export const LESSONS: Lesson[] = [...BASICS, ...RELIABILITY, ...FURTHER, ...STREAMS, ...CLUSTER, ...ACROSS_BROKERS]

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id)
}
