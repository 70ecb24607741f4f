// The learner's progress: lessons done, challenges met, questions answered. Kept in the lessons database,
// exported as JSON, reset on request.

import { create } from 'zustand'
import type { Lesson } from './lesson-kit.ts'
import { lessonsDb, type LessonProgress } from './lessons-db.ts'

interface ProgressState {
  lessons: Record<string, LessonProgress>
}
export const useProgress = create<ProgressState>(() => ({ lessons: {} }))

const empty = (): LessonProgress => ({ done: false, challenges: {}, answers: {} })

export async function loadProgress(): Promise<void> {
  const db = await lessonsDb()
  const keys = await db.getAllKeys('progress')
  const values = await db.getAll('progress')
  useProgress.setState({ lessons: Object.fromEntries(keys.map((k, i) => [k, values[i]])) })
}

async function update(lesson: Lesson, change: (p: LessonProgress) => LessonProgress): Promise<void> {
  const before = useProgress.getState().lessons[lesson.id] ?? empty()
  const after = change(before)
  after.done = lesson.challenges.every((c) => after.challenges[c.id])
  useProgress.setState((s) => ({ lessons: { ...s.lessons, [lesson.id]: after } }))
  await (await lessonsDb()).put('progress', after, lesson.id)
}

export function challengeMet(lesson: Lesson, challengeId: string): Promise<void> {
  if (useProgress.getState().lessons[lesson.id]?.challenges[challengeId]) return Promise.resolve()
  return update(lesson, (p) => ({ ...p, challenges: { ...p.challenges, [challengeId]: true } }))
}

export function questionAnswered(lesson: Lesson, questionId: string, choice: string, right: boolean): Promise<void> {
  return update(lesson, (p) => ({ ...p, answers: { ...p.answers, [questionId]: { choice, right } } }))
}

/** Everything saved, as a JSON document of its own. */
export function progressExport(now: Date): {
  warrenProgress: 1
  exportedAt: string
  lessons: Record<string, LessonProgress>
} {
  return { warrenProgress: 1, exportedAt: now.toISOString(), lessons: useProgress.getState().lessons }
}

export async function resetProgress(): Promise<void> {
  await (await lessonsDb()).clear('progress')
  useProgress.setState({ lessons: {} })
}
