// Import, export, Warren files and share links, as the File menu and the drop zone run them.

import type { ImportResult } from '../../engine/definitions/import.ts'
import { askConfirm } from '../session/dialogs.ts'
import { autoLayout, getSession } from '../session/actions.ts'
import { whenMeasured } from '../session/layout-store.ts'
import { parseSavedDesigns } from '../design/saved-design.ts'
import type { SavedDesigns } from '../design/types.ts'
import { useAppStore } from '../store/index.ts'
import { readableError } from '../ui/visible-text.ts'
import { checkDepth, INPUT_LIMITS } from '../../engine/worker/protocol.ts'
import { fileMessages } from './io-messages.ts'
import { definitionsFileName, downloadJson, warrenFileName } from './download.ts'
import { tryImportInScratchBroker } from './dry-run.ts'
import { detectFileKind, IoError, parseJsonText } from './file-kind.ts'
import { brokerHasEntities, previewImport } from './import-preview.ts'
import { importQuestion } from './import-question.ts'
import { entitiesByVhost, vhostToShow } from './import-vhost.ts'
import { advance, setReport, setTask, useIoStore, type IoReport } from './io-store.ts'
import { isShareFragment } from './share-fragment.ts'
import { decodeShareFragmentOffThread } from './share-link-open.ts'
import { confirmReplace } from './replace-guard.ts'
import { makeWarrenFile, type OtherBroker, parseWarrenFile, type WarrenFile } from './warren-file.ts'
import { t } from '../i18n/index.ts'
import { choiceForRelease } from '../versions/releases.ts'
import { switchBrokerVersion } from '../versions/switch-version.ts'
import { versionWords } from '../versions/words.ts'
import { whenBrokerHeld } from '../session/broker-hold.ts'

const st = () => useAppStore.getState()
// Each step's words are io.steps.<step> in the catalogue.
const IMPORT_STEPS = ['readFile', 'validate', 'apply', 'draw'] as const
const OPEN_STEPS = ['read', 'validate', 'replace', 'draw'] as const
const stepsOf = (steps: readonly string[]) => steps.map((step) => t(`io.steps.${step}`))

/** The broker's reply text without its AMQP prefix ("PRECONDITION_FAILED - "). */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return readableError(text.replace(/^[A-Z_]+ - /, ''))
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const busy = () => useIoStore.getState().task !== null

function fail(title: string, error: unknown): void {
  setTask(null)
  setReport({ tone: 'error', title, paragraphs: [reason(error), t('io.nothingChanged')], warnings: [] })
}

function importSummary(result: ImportResult): string[] {
  const out = [
    t('io.added', {
      exchanges: result.exchanges,
      queues: result.queues,
      bindings: result.bindings,
      policies: result.policies,
    }),
  ]
  const shown = st().vhost
  const elsewhere = result.vhosts.filter((v) => v !== shown)
  if (elsewhere.length > 0) out.push(t('io.otherVhosts', { shown, others: elsewhere.map((v) => `'${v}'`).join(', ') }))
  if (result.exchanges + result.queues + result.bindings === 0) out.push(t('io.keptExisting'))
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
  setTask({ title: t('io.opening', { name: file.name }), steps: stepsOf(IMPORT_STEPS), current: 0 })
  let doc: unknown
  try {
    await advance(0)
    if (file.size > INPUT_LIMITS.fileBytes)
      throw new IoError(fileMessages.tooLarge(file.name, file.size, INPUT_LIMITS.fileBytes))
    doc = parseJsonText(await file.text(), file.name)
    checkDepth(doc, `'${file.name}'`)
  } catch (error) {
    return fail(t('io.couldNotRead', { name: file.name }), error)
  }
  const kind = detectFileKind(doc)
  if (kind.kind === 'unknown') return fail(t('io.cannotOpenFile', { name: file.name }), new IoError(kind.reason))
  if (kind.kind === 'warren') return openWarren(doc, t('io.fileName', { name: file.name }))
  return importDefinitions(doc, file.name, kind.shape)
}

/** Asks merge or replace when the broker already holds something; null when the user cancels. */
async function askHowToImport(
  doc: unknown,
  name: string,
  shape: 'broker' | 'vhost',
): Promise<{ replace: boolean } | null> {
  const broker = await getSession().client.send({ type: 'snapshot' })
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
    return fail(t('io.notImported', { name }), error)
  }
  if (!how) return
  const replace = how.replace
  setTask({ title: t('io.importing', { name }), steps: stepsOf(IMPORT_STEPS), current: 1 })
  const s = getSession()
  let result: ImportResult
  try {
    await advance(1)
    await advance(2)
    // A single-vhost file (GET /api/definitions/{vhost}) goes into the vhost the canvas shows.
    result = await s.serial(async () => {
      // Checked in a scratch broker first (askHowToImport), so a bad file cannot leave the broker empty.
      if (replace) await s.resetBroker()
      const r = await s.client.send({
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
    return fail(t('io.notImported', { name }), error)
  }
  // Undo steps recorded before the import would diff against a broker that no longer matches them.
  st().clearHistory()
  await advance(3)
  await drawAndLayOut()
  setTask(null)
  const offer = versionOffer(result.rabbitVersion)
  setReport({
    tone: 'ok',
    title: t('io.imported', { name }),
    paragraphs: offer ? [...importSummary(result), offer.paragraph] : importSummary(result),
    warnings: result.warnings,
    offer: offer?.offer,
  })
}

/**
 * A definitions file names the RabbitMQ release that wrote it: when that falls under another version than the
 * broker's, the import report offers to switch (the switch then lists what it changes).
 */
function versionOffer(release: string | null): { paragraph: string; offer: IoReport['offer'] } | null {
  const running = getSession().client.state
  if (release === null || running.kind !== 'ready') return null
  const version = choiceForRelease(release)
  if (!version || version === running.brokerVersion) return null
  const words = versionWords()
  return {
    paragraph: words.importText(release, version, running.brokerVersion),
    offer: { label: words.importSwitch(version), run: () => void switchBrokerVersion(version) },
  }
}

/** Replaces the broker and the design with a Warren file's, after asking; a bad file changes nothing. `name` is shown as it is. */
async function openWarren(doc: unknown, name: string, ask = true): Promise<void> {
  setTask({ title: t('io.opening', { name }), steps: stepsOf(OPEN_STEPS), current: 1 })
  let file: WarrenFile
  let designs: SavedDesigns | null
  try {
    await advance(1)
    file = parseWarrenFile(doc)
    designs = parseSavedDesigns(file.design)
    if (!designs) throw new IoError(t('io.warren.badDesign'))
    await tryImportInScratchBroker(file.definitions)
  } catch (error) {
    return fail(capital(t('io.cannotOpen', { name })), error)
  }
  setTask(null)
  if (ask && !(await confirmReplace(t('io.openTitle', { name }), t('io.replace')))) return
  setTask({ title: t('io.opening', { name }), steps: stepsOf(OPEN_STEPS), current: 2 })
  await advance(2)
  const s = getSession()
  const shown = designs
  let result: ImportResult
  try {
    // The file's broker ran as one RabbitMQ version: this one becomes it before taking its definitions.
    const running = s.client.state
    if (running.kind === 'ready' && running.brokerVersion !== file.brokerVersion)
      await s.client.switchVersion(file.brokerVersion)
    result = await s.serial(async () => {
      await s.client.send({ type: 'reset' })
      s.simulation.forgetAll()
      const r = await s.client.send({
        type: 'importDefinitions',
        definitions: file.definitions,
        vhost: null,
      })
      await openOtherBrokers(file.brokers)
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
      title: capital(t('io.couldNotOpen', { name })),
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
    setReport({
      tone: 'ok',
      title: t('io.opened', { name }),
      paragraphs: importSummary(result),
      warnings: result.warnings,
    })
  else st().toast('info', t('io.opened', { name }))
}

/** The file's other brokers, each added with its version and given its definitions (shovels, federation, ...). */
async function openOtherBrokers(brokers: OtherBroker[]): Promise<void> {
  const client = getSession().client
  for (const b of brokers) {
    await client.send({ type: 'brokerAdd', name: b.name, version: b.version, nodes: b.nodes })
    const request = { method: 'POST' as const, path: '/api/definitions', body: b.definitions }
    const reply = await client.send({ type: 'brokerManagement', broker: b.name, request })
    if (reply.status >= 400) throw new Error(`${b.name}: ${JSON.stringify(reply.body)}`)
  }
}

/** A Warren file the app kept itself (a design a lesson replaced): opened without asking, the lesson is not work. */
export function reopenKeptWarrenFile(file: WarrenFile, name: string): Promise<void> {
  return openWarren(file, name, false)
}

export async function exportDefinitions(vhost: string | null): Promise<void> {
  try {
    const definitions = await getSession().client.send({ type: 'exportDefinitions', vhost })
    downloadJson(definitionsFileName(new Date(), vhost), definitions)
  } catch (error) {
    st().toast('error', t('io.exportFailed', { error: reason(error) }))
  }
}

/** Another broker's whole definitions, as its own management API exports them. */
export async function exportBrokerDefinitions(broker: string): Promise<void> {
  try {
    const request = { method: 'GET' as const, path: '/api/definitions' }
    const reply = await getSession().client.send({ type: 'brokerManagement', broker, request })
    downloadJson(definitionsFileName(new Date(), null, broker), reply.body)
  } catch (error) {
    st().toast('error', t('io.exportFailed', { error: reason(error) }))
  }
}

/** The current work as a Warren file: the whole-broker export, the saved design, the seed and the other brokers. */
export async function currentWarrenFile(): Promise<WarrenFile> {
  const s = getSession()
  await s.save()
  const [definitions, design, status, brokers] = await Promise.all([
    s.client.send({ type: 'exportDefinitions', vhost: null }),
    s.client.send({ type: 'designGet' }),
    s.client.send({ type: 'simStatus' }),
    currentOtherBrokers(),
  ])
  const state = s.client.state
  const version = state.kind === 'ready' ? state.brokerVersion : '4.3'
  return makeWarrenFile(definitions, design, status.seed, version, brokers)
}

async function currentOtherBrokers(): Promise<OtherBroker[]> {
  const client = getSession().client
  const [, ...others] = await client.send({ type: 'brokersList' })
  return Promise.all(
    others.map(async (b) => {
      const request = { method: 'GET' as const, path: '/api/definitions' }
      const reply = await client.send({ type: 'brokerManagement', broker: b.name, request })
      const version = b.version as OtherBroker['version']
      return { name: b.name, version, nodes: b.nodes, definitions: reply.body as Record<string, unknown> }
    }),
  )
}

export async function saveWarrenFile(): Promise<void> {
  try {
    downloadJson(warrenFileName(new Date()), await currentWarrenFile())
  } catch (error) {
    st().toast('error', t('io.saveFailed', { error: reason(error) }))
  }
}

/** The link for a Warren file; the compression loads with the first link made. */
export async function shareLinkFor(file: WarrenFile): Promise<string> {
  const { encodeShareFragment } = await import('./share-link.ts')
  return `${location.origin}${location.pathname}${encodeShareFragment(file)}`
}

export async function copyShareLink(): Promise<void> {
  let link: string
  try {
    link = await shareLinkFor(await currentWarrenFile())
  } catch (error) {
    st().toast('error', t('io.shareFailed', { error: reason(error) }))
    return
  }
  try {
    await navigator.clipboard.writeText(link)
    st().toast('info', t('io.shareCopied', { count: link.length }))
  } catch {
    setReport({
      tone: 'ok',
      title: t('io.shareLink'),
      paragraphs: [t('io.shareNoClipboard', { count: link.length })],
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
  // A tab that does not hold the broker keeps the link until it takes it over (another tab's broker is not ours).
  await whenBrokerHeld(s.client, { kind: 'share' })
  // After the session's own load (queued when the broker became ready), so it cannot overwrite ours.
  await s.serial(async () => {})
  let file: WarrenFile
  try {
    file = await decodeShareFragmentOffThread(hash)
  } catch (error) {
    dropFragment()
    return fail(t('io.shareCannotOpen'), error)
  }
  dropFragment()
  await openWarren(file, t('io.sharedDesign'))
}
