// What the e2e specs themselves put on, or look for on, the page's window. The app's own handles
// (window.warren, window.warrenDesigner) are declared in app/.
interface Window {
  __cspViolations: { directive: string; blocked: string; sample: string }[]
  __pwned?: number
  __inline?: number
  __xss?: number
  ioSteps: Set<string>
}
