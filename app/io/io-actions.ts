// Import, export, Warren files and share links, as the File menu and the drop zone run them.

import type { ImportResult } from '../../engine/definitions/import.ts'
import type { SimulationStatus } from '../../engine/worker/tool-commands.ts'
import type { BrokerSnapshot } from '../../engine/worker/protocol.ts'
import { askConfirm } from '../session/dialogs.ts'
import { autoLayout, getSession } from '../session/actions.ts'
import { whenMeasured } from '../session/layout-store.ts'
import { parseSavedDesigns } from '../session/persist.ts'
import type { SavedDesigns } from '../design/types.ts'
import { useAppStore } from '../store/index.ts'
import { definitionsFileName, downloadJson, warrenFileName } from './download.ts'
import { tryImportInScratchBroker } from './dry-run.ts'
import { detectFileKind, IoError, parseJsonText } from './file-kind.ts'
import { brokerHasEntities, previewImport } from './import-preview.ts'
import { importQuestion } from './import-question.ts'
import { entitiesByVhost, vhostToShow } from './import-vhost.ts'
import { advance, setReport, setTask, useIoStore } from './io-store.ts'
import { decodeShareFragment, encodeShareFragment, isShareFragment } from './share-link.ts'
import { makeWarrenFile, parseWarrenFile, type WarrenFile } from './warren-file.ts'

const st = () => useAppStore.getState()
const IMPORT_STEPS = ['Read the file', 'Validate', 'Apply to the broker', 'Draw and lay out'] as const
const OPEN_STEPS = ['Read', 'Validate', 'Replace the broker and design', 'Draw and lay out'] as const

/** The broker's reply text without its AMQP prefix ("PRECONDITION_FAILED - "). */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/^[A-Z_]+ - /, '')
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const busy = () => useIoStore.getState().task !== null

function fail(title: string, error: unknown): void {
  setTask(null)
  setReport({ tone: 'error', title, paragraphs: [reason(error), 'Nothing was changed.'], warnings: [] })
}

function importSummary(result: ImportResult): string[] {
  const out = [
    `${result.exchanges} exchange(s), ${result.queues} queue(s), ${result.bindings} binding(s) and ${result.policies} polic${result.policies === 1 ? 'y' : 'ies'} were added.`,
  ]
  const shown = st().vhost
  const elsewhere = result.vhosts.filter((v) => v !== shown)
  if (elsewhere.length > 0)
    out.push(
      `The canvas shows vhost '${shown}'. The file also had ${elsewhere.map((v) => `'${v}'`).join(', ')}: pick a vhost in the toolbar to see it.`,
    )
  if (result.exchanges + result.queues + result.bindings === 0)
    out.push('Exchanges, queues and bindings that already exist are kept as they are, as RabbitMQ does on import.')
  return out
}

/** Lays out what the canvas shows once React has measured it, then fits the view. */
async function drawAndLayOut(): Promise<void> {
  await whenMeasured(() => st().nodes, 2000)
  if (st().nodes.length > 0) await autoLayout()
  else st().requestFit()
}

/** A dropped or picked file: RabbitMQ definitions are merged into the broker; a Warren file replaces the work. */
export async function openFile(file: File): Promise<void> {
  if (busy()) return
  setReport(null)
  setTask({ title: `Opening ${file.name}`, steps: IMPORT_STEPS, current: 0 })
  let doc: unknown
  try {
    await advance(0)
    doc = parseJsonText(await file.text(), file.name)
  } catch (error) {
    return fail(`'${file.name}' could not be read`, error)
  }
  const kind = detectFileKind(doc)
  if (kind.kind === 'unknown') return fail(`'${file.name}' cannot be opened`, new IoError(kind.reason))
  if (kind.kind === 'warren') return openWarren(doc, `'${file.name}'`)
  return importDefinitions(doc, file.name, kind.shape)
}

/** Asks merge or replace when the broker already holds something; null when the user cancels. */
async function askHowToImport(
  doc: unknown,
  name: string,
  shape: 'broker' | 'vhost',
): Promise<{ replace: boolean } | null> {
  const broker = await getSession().client.send<BrokerSnapshot>({ type: 'snapshot' })
  if (!brokerHasEntities(broker)) return { replace: false }
  // A file the broker would refuse is reported before anything is asked (and a replace cannot empty the broker).
  await tryImportInScratchBroker(doc)
  setTask(null)
  const answer = await askConfirm(
    importQuestion(name, previewImport(doc, broker, shape === 'vhost' ? st().vhost : '/')),
  )
  if (!answer) return null
  return { replace: answer.option }
}

async function importDefinitions(doc: unknown, name: string, shape: 'broker' | 'vhost'): Promise<void> {
  let how: { replace: boolean } | null
  try {
    how = await askHowToImport(doc, name, shape)
  } catch (error) {
    return fail(`'${name}' was not imported`, error)
  }
  if (!how) return
  const replace = how.replace
  setTask({ title: `Importing ${name}`, steps: IMPORT_STEPS, current: 1 })
  const s = getSession()
  let result: ImportResult
  try {
    await advance(1)
    await advance(2)
    // A single-vhost file (GET /api/definitions/{vhost}) goes into the vhost the canvas shows.
    result = await s.serial(async () => {
      // Checked in a scratch broker first (askHowToImport), so a bad file cannot leave the broker empty.
      if (replace) await s.resetBroker()
      const r = await s.client.send<ImportResult>({
        type: 'importDefinitions',
        definitions: doc,
        vhost: shape === 'vhost' ? st().vhost : null,
      })
      await s.refresh()
      // The broker sends no events for policies; the panels that show them re-read on this signal.
      st().policiesChanged()
      // A whole-broker file draws where its entities are, not on a vhost it left empty.
      const target = shape === 'broker' ? vhostToShow(entitiesByVhost(doc), st().vhost) : null
      if (target !== null) await s.showVhost(target)
      return r
    })
  } catch (error) {
    return fail(`'${name}' was not imported`, error)
  }
  // Undo steps recorded before the import would diff against a broker that no longer matches them.
  st().clearHistory()
  await advance(3)
  await drawAndLayOut()
  setTask(null)
  setReport({ tone: 'ok', title: `Imported ${name}`, paragraphs: importSummary(result), warnings: result.warnings })
}

/** Replaces the broker and the design with a Warren file's, after asking; a bad file changes nothing. `name` is shown as it is. */
async function openWarren(doc: unknown, name: string): Promise<void> {
  setTask({ title: `Opening ${name}`, steps: OPEN_STEPS, current: 1 })
  let file: WarrenFile
  let designs: SavedDesigns | null
  try {
    await advance(1)
    file = parseWarrenFile(doc)
    designs = parseSavedDesigns(file.design)
    if (!designs)
      throw new IoError('The design part of this Warren file is damaged or from another version; it cannot be read.')
    await tryImportInScratchBroker(file.definitions)
  } catch (error) {
    return fail(`${capital(name)} cannot be opened`, error)
  }
  setTask(null)
  if (st().nodes.length > 0) {
    const answer = await askConfirm({
      title: `Open ${name}?`,
      paragraphs: [
        'It replaces the current work: every exchange, queue, binding, policy and message in the broker, and the producers, consumers and layout of the design. This cannot be undone.',
      ],
      confirmLabel: 'Replace',
      danger: true,
    })
    if (!answer) return
  }
  setTask({ title: `Opening ${name}`, steps: OPEN_STEPS, current: 2 })
  await advance(2)
  const s = getSession()
  const shown = designs
  let result: ImportResult
  try {
    result = await s.serial(async () => {
      await s.client.send({ type: 'reset' })
      s.simulation.forgetAll()
      const r = await s.client.send<ImportResult>({
        type: 'importDefinitions',
        definitions: file.definitions,
        vhost: null,
      })
      await s.client.send({ type: 'simSeed', seed: file.simulation.seed })
      await s.refresh()
      st().policiesChanged()
      await s.replaceDesigns(shown)
      await s.save()
      return r
    })
  } catch (error) {
    setTask(null)
    setReport({
      tone: 'error',
      title: `${capital(name)} could not be opened`,
      paragraphs: [reason(error)],
      warnings: [],
    })
    return
  }
  await advance(3)
  await whenMeasured(() => st().nodes, 2000)
  if (Object.keys(st().positions).length === 0 && st().nodes.length > 0) await autoLayout()
  else st().requestFit()
  setTask(null)
  if (result.warnings.length > 0)
    setReport({ tone: 'ok', title: `Opened ${name}`, paragraphs: importSummary(result), warnings: result.warnings })
  else st().toast('info', `Opened ${name}`)
}

export async function exportDefinitions(vhost: string | null): Promise<void> {
  try {
    const definitions = await getSession().client.send({ type: 'exportDefinitions', vhost })
    downloadJson(definitionsFileName(new Date(), vhost), definitions)
  } catch (error) {
    st().toast('error', `Export failed: ${reason(error)}`)
  }
}

/** The current work as a Warren file: the whole-broker export, the saved design and the seed. */
export async function currentWarrenFile(): Promise<WarrenFile> {
  const s = getSession()
  await s.save()
  const [definitions, design, status] = await Promise.all([
    s.client.send<Record<string, unknown>>({ type: 'exportDefinitions', vhost: null }),
    s.client.send({ type: 'designGet' }),
    s.client.send<SimulationStatus>({ type: 'simStatus' }),
  ])
  return makeWarrenFile(definitions, design, status.seed)
}

export async function saveWarrenFile(): Promise<void> {
  try {
    downloadJson(warrenFileName(new Date()), await currentWarrenFile())
  } catch (error) {
    st().toast('error', `Saving the Warren file failed: ${reason(error)}`)
  }
}

export const shareLinkFor = (file: WarrenFile) => `${location.origin}${location.pathname}${encodeShareFragment(file)}`

export async function copyShareLink(): Promise<void> {
  let link: string
  try {
    link = shareLinkFor(await currentWarrenFile())
  } catch (error) {
    st().toast('error', `The share link could not be made: ${reason(error)}`)
    return
  }
  try {
    await navigator.clipboard.writeText(link)
    st().toast('info', `Share link copied (${link.length} characters)`)
  } catch {
    setReport({
      tone: 'ok',
      title: 'Share link',
      paragraphs: [`The clipboard is not available here; copy the link below (${link.length} characters).`],
      warnings: [],
      link,
    })
  }
}

const dropFragment = () => history.replaceState(history.state, '', `${location.pathname}${location.search}`)

/** Opens the design in the page's #share= fragment, after the session has loaded what was saved. */
export async function openShareLinkFromLocation(): Promise<void> {
  const hash = location.hash
  if (!isShareFragment(hash) || busy()) return
  const s = getSession()
  await s.client.whenReady()
  // After the session's own load (queued when the broker became ready), so it cannot overwrite ours.
  await s.serial(async () => {})
  let file: WarrenFile
  try {
    file = decodeShareFragment(hash)
  } catch (error) {
    dropFragment()
    return fail('The share link cannot be opened', error)
  }
  dropFragment()
  await openWarren(file, 'the shared design')
}
