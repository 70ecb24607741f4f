import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { BrokerClient } from './broker/client.ts'
import { workerOptionsFromUrl } from './broker/options.ts'
import { createPageApi } from './broker/page-api.ts'
import './styles.css'

const client = new BrokerClient(workerOptionsFromUrl(location.search))
window.warren = createPageApi(client)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
)
