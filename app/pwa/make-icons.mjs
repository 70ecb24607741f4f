// Renders public/icon.svg to the PNG icons the web app manifest lists, with Debian's Chromium.
// Run after changing the SVG: node app/pwa/make-icons.mjs (the PNGs are committed).
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const pub = (name) => fileURLToPath(new URL(`../../public/${name}`, import.meta.url))
const svg = await readFile(pub('icon.svg'), 'utf8')
// Maskable: full-bleed square background, the artwork shrunk into the central safe zone.
const maskable = svg.replace('rx="112" ', '').replace(/<g /g, '<g transform="translate(51.2 51.2) scale(0.8)" ')

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage()
for (const [file, source, size] of [
  ['icon-192.png', svg, 192],
  ['icon-512.png', svg, 512],
  ['icon-maskable-512.png', maskable, 512],
]) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
  )
  await page.screenshot({ path: pub(file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  console.log(`public/${file}`)
}
await browser.close()
