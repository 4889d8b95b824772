/**
 * Headless Chromium through playwright-core, one launcher for the end-to-end tests and the search
 * benchmark. Both are Debian's build of Chromium 156 (source package chromium):
 *
 * - The benchmark runs the browser a reader runs, /usr/bin/chromium (or CHROMIUM_PATH): first-search
 *   times are what that browser makes of the page.
 * - The tests run its headless shell, /usr/bin/chromium-headless-shell (Debian package
 *   chromium-headless-shell, the build Playwright itself uses for headless runs) when it is
 *   installed, and chromium otherwise. Same Blink, V8, network stack and fonts, so layout, scripts,
 *   axe-core and requests behave as in the full browser; but it builds no browser window (tab strip,
 *   toolbar, WebUI) for each new browser context. Measured over 10 fresh contexts loading one page
 *   each: 2.8 s and 0.9 CPU-s in the browser process with the shell, 6.0 s and 3.5 CPU-s with chromium.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';

/**
 * Nothing of the browser's own beyond the page: no network of its own (sync, component updates,
 * QUIC) and no omnibox popup. Chromium 156 builds its omnibox popup as a web page (chrome://omnibox-popup,
 * ~390 requests of its own JavaScript) in a renderer of its own for every new window, which a new
 * browser context is, even headless where no omnibox is ever shown. Measured over 10 fresh contexts
 * loading one page each: 14.0 CPU-s and 8.5 s with it, 7.7 CPU-s and 5.5 s without. On two cores it
 * ran beside the page being measured; a reader's browser made its window long before the search.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

const launch = (executablePath: string): Promise<Browser> => chromium.launch({ executablePath, args: ARGS });

/** The full browser, as readers run it: for the benchmark. */
export function launchChromium(): Promise<Browser> {
  return launch(CHROMIUM_PATH);
}

/** The headless shell when installed (npm test installs it) and no CHROMIUM_PATH is given, else that browser: for the tests. */
export function launchTestBrowser(): Promise<Browser> {
  return launch(!process.env.CHROMIUM_PATH && existsSync(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : CHROMIUM_PATH);
}
