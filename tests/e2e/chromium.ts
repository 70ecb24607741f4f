// Where the e2e tests find Chromium: Debian's, since Playwright's own browser download does not work here.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
