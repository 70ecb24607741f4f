// The learner's own small database, apart from the broker's: progress through the lessons and the designs
// kept when a lesson replaced them. Changing LESSONS_DB_VERSION without a migration wipes them.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { WarrenFile } from '../io/warren-file.ts'

export const LESSONS_DB_VERSION = 1

export interface KeptDesign {
  id: string
  name: string
  savedAt: number // ms since the epoch
  file: WarrenFile
}

export interface LessonProgress {
  done: boolean
  challenges: Record<string, true> // met, by challenge id
  answers: Record<string, { choice: string; right: boolean }> // by question id
}

interface LessonsDB extends DBSchema {
  progress: { key: string; value: LessonProgress } // by lesson id
  designs: { key: string; value: KeptDesign; indexes: { savedAt: number } }
}

let opening: Promise<IDBPDatabase<LessonsDB>> | null = null

/** `?db=NAME` (a test's broker database) gets a lessons database of its own too. */
function databaseName(): string {
  const db = new URLSearchParams(globalThis.location?.search ?? '').get('db')
  return db ? `warren-lessons-${db}` : 'warren-lessons'
}

export function lessonsDb(): Promise<IDBPDatabase<LessonsDB>> {
  opening ??= openDB<LessonsDB>(databaseName(), LESSONS_DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('progress')
      db.createObjectStore('designs', { keyPath: 'id' }).createIndex('savedAt', 'savedAt')
    },
  })
  return opening
}
