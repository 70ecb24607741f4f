// Helpers for the designer specs: a fresh database per test, real pointer drags between handles.

import { expect, type Page } from '@playwright/test'

let n = 0
export const freshUrl = (name: string, query = '') => `/?db=designer-${name}-${Date.now()}-${++n}${query}`

export async function open(page: Page, url: string) {
  await page.goto(url)
  await expect(page.getByTestId('broker-state')).toHaveAttribute('data-state', 'ready')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
}

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
export const handle = (page: Page, nodeId: string, handleId: string) =>
  page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${handleId}"]`)

/** Drags with real mouse events from one handle to another, in small steps as a hand would. */
export async function drag(page: Page, fromNode: string, fromHandle: string, toNode: string, toHandle = 'in') {
  const from = handle(page, fromNode, fromHandle)
  const to = handle(page, toNode, toHandle)
  await expect(from).toBeVisible()
  await expect(to).toBeVisible()
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2, { steps: 2 })
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 })
  // React Flow draws the connection line once a connection has started from the handle.
  await expect(page.locator('.react-flow__connection')).toHaveCount(1)
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 })
  await page.mouse.up()
}

export const snapshot = (page: Page) => page.evaluate(() => window.warren.snapshot())

/** Moves a node by dragging it by its name. */
export async function moveNode(page: Page, id: string, dx: number, dy: number) {
  const box = await node(page, id).getByTestId('node-name').boundingBox()
  if (!box) throw new Error(`node ${id} not visible`)
  await page.mouse.move(box.x + 10, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + 10 + dx, box.y + box.height / 2 + dy, { steps: 10 })
  await page.mouse.up()
}

/**
 * File → Share link, and the link it puts on the clipboard. The clipboard is the browser's, shared by every test:
 * it is emptied first, so a link an earlier test copied is never read as this one's.
 */
export async function copyShareLink(page: Page): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''))
  await page.getByTestId('file-menu').click()
  await page.getByTestId('file-share').click()
  // The link is made off the main thread: it reaches the clipboard a moment after the click.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('#share=')
  return page.evaluate(() => navigator.clipboard.readText())
}
