// Virtual time in words: the clock (local time of day, as the broker's clock starts at the wall clock),
// offsets within a journey, and the speed factors offered. Decimals follow the language (2.500 s, 2,500 s).

import { formatNumber, t } from '../i18n/index.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const decimal = () => formatNumber(0.5).charAt(1)

/** "14:03:27.125"; tenths only with `digits` 1. */
export function formatClock(ms: number, digits: 1 | 3 = 3): string {
  const d = new Date(ms)
  const frac = digits === 3 ? pad(d.getMilliseconds(), 3) : String(Math.floor(d.getMilliseconds() / 100))
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${decimal()}${frac}`
}

/** Time since the journey began: "+0 ms", "+350 ms", "+2.500 s", "+1 min 05.000 s". */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+'
  const abs = Math.abs(ms)
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3).replace('.', decimal())} s`
  const minutes = Math.floor(abs / 60_000)
  return `${sign}${minutes} min ${pad(Math.floor((abs % 60_000) / 1000))}${decimal()}${pad(Math.round(abs % 1000), 3)} s`
}

/** The speeds the time controls offer, from 0.1× to 100× (the worker's limits). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const

export const formatSpeed = (factor: number) => `${formatNumber(factor)}×`

export const MAX_SEED = 4294967295

/** Reads a seed typed by the user: an integer, or a sentence saying what is wrong. */
export function parseSeed(text: string): { seed: number } | { error: string } {
  const digits = text.trim()
  if (!/^\d+$/.test(digits)) return { error: t('time.seedNotWhole', { max: MAX_SEED }) }
  const seed = Number(digits)
  // The generator keeps 32 bits: larger seeds would silently replay a smaller one's run.
  if (seed > MAX_SEED) return { error: t('time.seedTooLarge', { max: MAX_SEED }) }
  return { seed }
}
