import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { BrokerClient } from './broker/client.ts'
import { workerOptionsFromUrl } from './broker/options.ts'
import { createPageApi } from './broker/page-api.ts'
import { initI18n, preferredLanguage } from './i18n/index.ts'
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx'
import * as actions from './session/actions.ts'
import { DesignerSession } from './session/session.ts'
import { useAppStore } from './store/index.ts'
import { initialTheme } from './ui/theme.ts'
import { isFramed, showFramedNotice } from './ui/framed.ts'
import '@xyflow/react/dist/style.css'
import './styles.css'
import './layout.css'
import './canvas.css'
import './panels.css'

// A page that frames Warren could click through its dialogs (Replace, Delete) unseen: it does not start framed.
if (isFramed()) showFramedNotice()
else start()

function start(): void {
  const client = new BrokerClient(workerOptionsFromUrl(location.search))
  window.warren = createPageApi(client)

  // A first visit gets the example; test databases (?db=) start empty unless ?example=1 asks for it.
  // A share link brings its own design, so a first visit through one skips the example it would replace.
  const params = new URLSearchParams(location.search)
  const opensShareLink = location.hash.startsWith('#share=')
  const example =
    params.get('example') === '1' || (!opensShareLink && !params.has('db') && params.get('example') !== 'none')
  const session = new DesignerSession(client, { example })
  actions.setSession(session)
  useAppStore.setState(initialTheme())
  session.start()
  // For tests and benchmarks (session/designer-handle.ts): the designer's store, session and actions, next to window.warren.
  window.warrenDesigner = { store: useAppStore, session, actions }

  // The interface renders once its language's words are loaded (a few ms: one small chunk); the lessons' and the
  // management pages' words load with them.
  void initI18n(preferredLanguage(), ['common']).then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App client={client} />
        <UpdatePrompt />
      </StrictMode>,
    ),
  )
}
