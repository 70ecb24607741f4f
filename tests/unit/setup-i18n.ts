// The app's words come from the catalogue; unit tests read them in English, as a first-time visitor with an
// English browser would.
import { initI18n } from '../../app/i18n/index.ts'

await initI18n('en')
