/** Headless Chromium for the end-to-end tests: the project's one launcher (scripts/tools/chromium.ts), its test browser. */
export { launchTestBrowser as launchBrowser } from '../../scripts/tools/chromium.ts';
