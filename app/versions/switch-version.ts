// Switching the broker's RabbitMQ version: first the list of what it changes for this design, entity by
// entity, then (once confirmed) the version is stored with the broker and the broker restarts as that version.

import type { BrokerVersion } from '../../engine/profile.ts'
import { askConfirm } from '../session/dialogs.ts'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { useAppStore } from '../store/index.ts'
import { changeText, versionWords } from './words.ts'

/** Returns true when the broker now runs `to`. */
export async function switchBrokerVersion(to: BrokerVersion): Promise<boolean> {
  const { client } = getSession()
  const state = client.state
  if (state.kind !== 'ready' || state.brokerVersion === to) return false
  const words = versionWords()
  const changes = await client.send({ type: 'versionChanges', version: to })
  const answer = await askConfirm({
    title: words.switchTitle(state.brokerVersion, to),
    paragraphs: [changes.length > 0 ? words.switchIntro(to) : words.switchNothing(to)],
    items: changes.map((change) => changeText(change)),
    confirmLabel: words.switchConfirm(to),
  })
  if (!answer) return false
  try {
    await client.switchVersion(to)
    useAppStore.getState().toast('info', words.switched(to))
    return true
  } catch (error) {
    useAppStore.getState().toast('error', words.switchFailed(errorText(error)))
    return false
  }
}
