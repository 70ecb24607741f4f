import { expect, test } from '@playwright/test'
import { consumer, counts, openLesson, press } from './lesson-helpers.ts'
import { advanceVirtualTime, resumeVirtualTime, untilPageShowsSimulation } from './virtual-time.ts'

// A stream drawn as a log: its segments and one marker per reader; a reader from first catches up on the
// history, and after a restart the stream comes back from disk and is replayed.

const logNode = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__node-queue', { hasText: 'orders.log' }).getByTestId('stream-log')

test('a stream shows its log and readers, a reader from first catches up, and a restart replays it', async ({
  page,
}) => {
  const errors = await openLesson(page, 'streams-replay')
  await press(page, 'send')
  await advanceVirtualTime(page, 10_000)
  await untilPageShowsSimulation(page)
  await expect(logNode(page)).toBeVisible()
  await expect(logNode(page).getByTestId('stream-segment')).toHaveCount(1)
  await expect(logNode(page).getByTestId('stream-reader')).toHaveCount(1)
  const stored = (await counts(page))['orders.log']
  expect(stored).toBe(10)
  expect((await counts(page))['orders.queue']).toBe(0) // the queue forgot what its worker acked
  const tail = Number((await logNode(page).getByTestId('stream-tail').textContent())?.match(/\d+/)?.[0])
  expect(tail).toBeGreaterThanOrEqual(stored - 2) // the page's snapshot may be a poll behind the broker

  // The auditor replays the whole history from first: it ends up with more than the queue's worker ever had.
  const before = (await consumer(page, 'auditor'))!.received
  await press(page, 'replay')
  await advanceVirtualTime(page, 5_000)
  await expect.poll(async () => (await consumer(page, 'auditor'))!.received).toBeGreaterThanOrEqual(before + stored)

  // A restart brings the stream back from IndexedDB with its offsets.
  await resumeVirtualTime(page)
  await press(page, 'restart')
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect.poll(async () => (await counts(page))['orders.log'], { timeout: 15_000 }).toBeGreaterThanOrEqual(stored)
  await expect(logNode(page).getByTestId('stream-first')).toContainText('0')
  expect(errors).toEqual([])
})
