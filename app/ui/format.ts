// Small formatters shared by nodes, lists and panels.

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${+(ms / 60_000).toFixed(1)} min`
  return `${+(ms / 3_600_000).toFixed(1)} h`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 ** 2) return `${+(n / 1024).toFixed(1)} KiB`
  return `${+(n / 1024 ** 2).toFixed(1)} MiB`
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
