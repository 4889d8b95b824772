/**
 * Headless Chromium as the end-to-end tests and the search benchmark drive it: Debian's
 * /usr/bin/chromium (or CHROMIUM_PATH) through playwright-core, one launcher for both.
 */
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
