// Every lesson in the course's order, one per section (the exchange types have one each).

import { BASICS } from './course-basics.ts'
import { FURTHER, RELIABILITY } from './course-reliability.ts'
import type { Lesson } from './lesson-kit.ts'
import { STREAMS } from './course-streams.ts'
import { CLUSTER } from './course-cluster.ts'

export const LESSONS: Lesson[] = [...BASICS, ...RELIABILITY, ...FURTHER, ...STREAMS, ...CLUSTER]

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id)
}
