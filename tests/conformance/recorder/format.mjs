// How record.mjs and generate-wide.mjs write a scenario file.

/** One step per line keeps the files diff-friendly. */
export function formatScenario(s) {
  const head = { ...s }
  delete head.steps
  const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
  const steps = s.steps.map((st) => `    ${JSON.stringify(st)}`).join(',\n')
  return `{\n${lines.join(',\n')},\n  "steps": [\n${steps}\n  ]\n}\n`
}
