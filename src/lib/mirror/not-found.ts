/**
 * The 404 page is served in place of any missing URL, at any depth and under any base
 * path, so no link written into it can be right everywhere. Its links are written
 * relative to the site root (where 404.html sits: right when the file is opened from
 * disk or served at the top of the mirror); this script, inlined into the page and
 * allowed by its hash, finds the mirror's root by asking each ancestor folder of the
 * address for the file every build writes there (MANIFEST.sha256) and re-resolves the
 * links from it. Without JavaScript the links stay as written.
 */
import { createHash } from 'node:crypto';

export const ROOT_MARKER = 'MANIFEST.sha256';

export const NOT_FOUND_SCRIPT = `(async function () {
  if (location.protocol === 'file:') return;
  var folder = new URL('./', location.href);
  for (;;) {
    try {
      var response = await fetch(new URL('${ROOT_MARKER}', folder), { method: 'HEAD', cache: 'no-store' });
      if (response.ok) break;
    } catch (error) {}
    if (folder.pathname === '/') return;
    folder = new URL('../', folder);
  }
  var written = new URL('404.html', folder);
  document.querySelectorAll('[href], [action]').forEach(function (element) {
    var name = element.hasAttribute('href') ? 'href' : 'action';
    var value = element.getAttribute(name) || '';
    if (value.charAt(0) === '#' || /^[a-z][a-z0-9+.-]*:/i.test(value)) return;
    element.setAttribute(name, new URL(value, written).href);
  });
  document.documentElement.dataset.root = folder.href;
})();`;

/** The CSP source that allows the script: 'sha256-…'. */
export function scriptHash(script: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(script).digest('base64')}`;
}
