// Every lesson the menu offers: the course's lessons, then the cluster lessons.

import { CLUSTER_LESSONS } from './cluster-lessons.ts'
import { LESSONS, type Lesson } from './lessons.ts'

export const ALL_LESSONS: readonly Lesson[] = [...LESSONS, ...CLUSTER_LESSONS]

export function anyLessonById(id: string): Lesson | undefined {
  return ALL_LESSONS.find((l) => l.id === id)
}
