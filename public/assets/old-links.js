// The old-URL lookup page (src/pages/old-links/index.astro): finds the archive page of a pasted
// old URL in data/old-links.js, matching by the key function that file carries.
(function () {
  var form = document.getElementById('old-link-form');
  var data = window.IW_OLD_LINKS;
  if (!form || !data) return;
  var byKey = new Map();
  data.links.forEach(function (pair) {
    byKey.set(data.key(pair[0]), pair);
  });
  var root = new URL(form.dataset.root || 'index.html', location.href);
  var input = document.getElementById('old-link-url');
  var result = document.getElementById('old-link-result');

  function lookup() {
    var pasted = input.value.trim();
    result.replaceChildren();
    if (!pasted) return;
    var found = byKey.get(data.key(pasted));
    if (!found) {
      result.textContent = 'この URL に対応するページはアーカイブにありません。年・講演者・検索からお探しください。';
      result.dataset.found = 'false';
      return;
    }
    var link = document.createElement('a');
    link.href = new URL('.' + found[1] + (found[1].slice(-1) === '/' ? 'index.html' : ''), root).href;
    link.textContent = found[1];
    result.append('この URL の資料は ', link, ' にあります。');
    result.dataset.found = 'true';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    lookup();
  });
  var given = new URLSearchParams(location.search).get('url');
  if (given) {
    input.value = given;
    lookup();
  }
})();
