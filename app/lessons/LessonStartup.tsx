// On page load: the learner's progress and kept designs are read, and a lesson link (?lesson=) opens its
// lesson. The lessons' code loads only when there is one to open.

import { useEffect } from 'react'
import { loadKeptDesigns } from './kept-designs.ts'
import { loadProgress } from './progress.ts'

export function LessonStartup() {
  useEffect(() => {
    void loadProgress()
    void loadKeptDesigns()
    if (new URLSearchParams(location.search).has('lesson'))
      void import('./open.ts').then((m) => m.openLessonFromUrl(location.search))
  }, [])
  return null
}
