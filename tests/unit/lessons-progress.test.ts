// Progress and kept designs live in the lessons' own IndexedDB: saved as they happen, read back on load,
// exported as JSON, reset on request; kept designs newest first, the oldest forgotten past the limit.

import { beforeEach, describe, expect, it } from 'vitest'
import { keepDesign, keptDesign, loadKeptDesigns, useKeptDesigns } from '../../app/lessons/kept-designs.ts'
import { lessonById } from '../../app/lessons/lessons.ts'
import {
  challengeMet,
  loadProgress,
  progressExport,
  questionAnswered,
  resetProgress,
  useProgress,
} from '../../app/lessons/progress.ts'
import { makeWarrenFile } from '../../app/io/warren-file.ts'

const direct = lessonById('direct')!

beforeEach(async () => {
  await resetProgress()
})

describe('progress', () => {
  it('a lesson is done once every one of its challenges is met, and that survives a reload', async () => {
    await challengeMet(direct, 'each-key')
    expect(useProgress.getState().lessons.direct).toMatchObject({ done: false, challenges: { 'each-key': true } })
    await challengeMet(direct, 'shipped-to-notify')
    await questionAnswered(direct, 'case-matters', 'lost', true)
    useProgress.setState({ lessons: {} })
    await loadProgress()
    expect(useProgress.getState().lessons.direct).toEqual({
      done: true,
      challenges: { 'each-key': true, 'shipped-to-notify': true },
      answers: { 'case-matters': { choice: 'lost', right: true } },
    })
  })

  it('exports as JSON and resets on request', async () => {
    await challengeMet(direct, 'each-key')
    const exported = progressExport(new Date('2026-12-03T10:00:00Z'))
    expect(JSON.parse(JSON.stringify(exported))).toEqual({
      warrenProgress: 1,
      exportedAt: '2026-12-03T10:00:00.000Z',
      lessons: { direct: { done: false, challenges: { 'each-key': true }, answers: {} } },
    })
    await resetProgress()
    await loadProgress()
    expect(useProgress.getState().lessons).toEqual({})
  })
})

describe('kept designs', () => {
  it('keeps the newest eight, newest first, each readable whole', async () => {
    const file = makeWarrenFile({ queues: [] }, { version: 3, vhost: '/', vhosts: {} }, 7, '4.3')
    for (let i = 1; i <= 10; i++) await keepDesign({ name: `design ${i}`, savedAt: 1000 + i, file })
    await loadKeptDesigns()
    const names = useKeptDesigns.getState().designs.map((d) => d.name)
    expect(names).toEqual([
      'design 10',
      'design 9',
      'design 8',
      'design 7',
      'design 6',
      'design 5',
      'design 4',
      'design 3',
    ])
    const newest = useKeptDesigns.getState().designs[0]
    expect((await keptDesign(newest.id))?.file).toEqual(file)
  })
})
