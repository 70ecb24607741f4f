// The canvas gets the room: compact side panels on narrow windows and beside a lesson, every drawer tab
// reachable at 1100x700, a refit when the drawer opens, and a minimap only when the design does not fit.

import { expect, test, type Page } from '@playwright/test'
import { freshUrl, node, open } from './designer-helpers.ts'
import { openLesson } from './lesson-helpers.ts'

const width = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())?.width ?? 0
const transform = (page: Page) => page.locator('.react-flow__viewport').getAttribute('style')

async function settled(page: Page) {
  let last: string | null = null
  await expect
    .poll(async () => {
      const now = await transform(page)
      const same = now === last
      last = now
      return same
    })
    .toBe(true)
}

/** Every node's box lies inside the canvas's box. */
async function allInView(page: Page): Promise<boolean> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect()
      return { x: r.x, y: r.y, w: r.width, h: r.height }
    }),
  )
  return boxes.every(
    (b) =>
      b.x >= canvas.x - 1 &&
      b.y >= canvas.y - 1 &&
      b.x + b.w <= canvas.x + canvas.width + 1 &&
      b.y + b.h <= canvas.y + canvas.height + 1,
  )
}

test('at 1100x700 the palette is a rail, the inspector overlays only a selection, and the canvas keeps the room', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1100, height: 700 })
  await open(page, freshUrl('room-narrow', '&example=1'))
  await expect(page.getByTestId('workspace')).toHaveClass(/is-compact/)
  await expect(page.getByTestId('inspector')).toBeHidden()
  expect(await width(page, 'canvas')).toBeGreaterThanOrEqual(0.9 * 1100)
  await expect(page.getByTestId('palette-queue')).toBeVisible()
  // Every toolbar control stays on screen, the last one (help) included.
  const help = (await page.getByTestId('help').boundingBox())!
  expect(help.x + help.width).toBeLessThanOrEqual(1100)
  expect(await page.locator('.toolbar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await node(page, 'queue:payment').getByTestId('node-name').click()
  await expect(page.getByTestId('inspector')).toBeVisible()
  await expect(page.getByTestId('inspector-title')).toHaveText('payment')
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-room-1100-selected.png' })
})

test('at 1100x700 every drawer tab is reachable, the hidden ones through the More menu', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 700 })
  await open(page, freshUrl('room-tabs', '&example=1'))
  await expect(page.getByTestId('tab-lint')).toBeVisible()
  await expect(page.getByTestId('tab-code')).toBeVisible()
  await expect(page.getByTestId('drawer-more')).toBeHidden()
  // Narrower still, the last tabs move into the More menu.
  await page.setViewportSize({ width: 760, height: 700 })
  await expect(page.getByTestId('drawer-more')).toBeVisible()
  await page.getByTestId('drawer-more').click()
  await page.getByTestId('more-code').click()
  await expect(page.getByTestId('drawer-more')).toContainText('Code')
  await page.getByTestId('drawer-more').click()
  await page.getByTestId('more-lint').click()
  await expect(page.locator('[data-testid="lint-list"], [data-testid="lint-empty"]')).toBeVisible()
  await page.screenshot({ path: 'tests/e2e/screenshots/scale-room-more-tabs.png' })
  // Wide again: every tab is back in the strip and the menu goes.
  await page.setViewportSize({ width: 1920, height: 1080 })
  await expect(page.getByTestId('drawer-more')).toBeHidden()
  await expect(page.getByTestId('tab-code')).toBeVisible()
})

test('opening the drawer fits the design again; the minimap shows only when the design does not fit', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, freshUrl('room-drawer', '&example=1'))
  await expect
    .poll(() => page.evaluate(() => Object.keys((window as any).warrenDesigner.store.getState().positions).length))
    .toBeGreaterThan(0)
  await settled(page)
  expect(await allInView(page)).toBe(true)
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0)
  await page.getByTestId('tab-publish').click()
  await settled(page)
  expect(await allInView(page)).toBe(true)
  // Zoomed in, part of the design is off screen: the minimap helps find it.
  const canvas = (await page.getByTestId('canvas').boundingBox())!
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 3)
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300)
  await expect(page.locator('.react-flow__minimap')).toHaveCount(1)
})

const zoomOf = async (page: Page) => Number(/scale\(([\d.]+)\)/.exec((await transform(page)) ?? '')?.[1] ?? 0)

// Three lessons of different shapes: the dead-letter fan-in, the e-commerce flow (the widest), topic routing.
for (const lesson of ['dlq', 'ecommerce', 'topic'])
  for (const [w, h] of [
    [1100, 700],
    [1440, 900],
    [1920, 1080],
  ] as const)
    test(`lesson ${lesson} at ${w}x${h}: the canvas keeps the room and, from 1440 px, the whole graph reads`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: w, height: h })
      await openLesson(page, lesson)
      await settled(page)
      if (w <= 1700) await expect(page.getByTestId('workspace')).toHaveClass(/is-compact/)
      await page.screenshot({ path: `tests/e2e/screenshots/scale-lesson-${lesson}-${w}x${h}.png` })
      if (w < 1440) return
      // 60% of 1440 px; a wider window keeps at least that room (at 1920 the inspector stays beside it).
      expect(await width(page, 'canvas')).toBeGreaterThanOrEqual(0.6 * 1440)
      expect(await allInView(page)).toBe(true)
      expect(await zoomOf(page)).toBeGreaterThanOrEqual(0.6)
    })
