// Which lesson is open, apart from the lessons themselves: the page reads it on first load, when no lesson
// code has been fetched yet.

import { create } from 'zustand'
import type { Lesson } from './lesson-kit.ts'

interface LessonState {
  lesson: Lesson | null
  busy: boolean
  error: string | null
  /** The design the lesson replaced, to go back to. */
  returnTo: { id: string; name: string } | null
}
export const useLessonStore = create<LessonState>(() => ({ lesson: null, busy: false, error: null, returnTo: null }))
