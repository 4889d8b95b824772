// The search page's finder for a mirror opened from disk (src/components/DiskFinder.astro).
// Full-text search (Pagefind) cannot run from file://; this shows why and finds programs by
// code, title, speaker and year in data/finder-data.js, loaded as a <script> (no fetch).
(function () {
  var finder = document.getElementById('disk-finder');
  if (!finder) return;
  var started = false;

  function fold(text) {
    return String(text).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  }

  function start(reason) {
    if (started) return;
    started = true;
    finder.hidden = false;
    finder.dataset.reason = reason;
    var script = document.createElement('script');
    script.src = finder.dataset.src;
    script.onload = ready;
    script.onerror = function () {
      setStatus('データ (data/finder-data.js) を読み込めませんでした。');
    };
    document.head.appendChild(script);
  }

  function setStatus(text) {
    document.getElementById('disk-finder-status').textContent = text;
  }

  function ready() {
    var entries = (window.IW_FINDER || []).map(function (entry) {
      var haystack = fold([entry[0], entry[1], entry[2], entry[3]].join(' '));
      return { year: entry[0], code: entry[1], title: entry[2], people: entry[3], path: entry[4], haystack: haystack, compact: haystack.replace(/ /g, '') };
    });
    var root = new URL(finder.dataset.root || 'index.html', location.href);
    var input = document.getElementById('disk-finder-q');
    var list = document.getElementById('disk-finder-results');

    function run() {
      var terms = fold(input.value).split(' ').filter(Boolean);
      list.replaceChildren();
      if (terms.length === 0) {
        setStatus(entries.length + ' 件のプログラムから探せます。');
        return;
      }
      var found = entries.filter(function (entry) {
        return terms.every(function (term) {
          return entry.haystack.indexOf(term) !== -1 || entry.compact.indexOf(term) !== -1;
        });
      });
      setStatus(found.length === 0 ? '見つかりませんでした。' : found.length + ' 件' + (found.length > 200 ? '（最初の 200 件を表示）' : ''));
      found.slice(0, 200).forEach(function (entry) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = new URL('.' + entry.path + 'index.html', root).href;
        link.textContent = entry.year + (entry.code ? ' ' + entry.code : '') + ' ' + entry.title;
        item.appendChild(link);
        if (entry.people) {
          var people = document.createElement('div');
          people.className = 'speakers';
          people.textContent = entry.people;
          item.appendChild(people);
        }
        list.appendChild(item);
      });
    }

    document.getElementById('disk-finder-form').addEventListener('submit', function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener('input', run);
    var query = new URLSearchParams(location.search).get('q');
    if (query) input.value = query;
    run();
  }

  if (location.protocol === 'file:') {
    start('file');
    return;
  }
  // Served: show the finder only if the full-text search reports that it could not load
  // (the search page sets data-state="error" on #search, or dispatches "iw:search-unavailable").
  document.addEventListener('iw:search-unavailable', function () {
    start('search-unavailable');
  });
  var search = document.getElementById('search');
  if (!search) return;
  var check = function () {
    if (search.dataset.state === 'error') start('search-unavailable');
  };
  new MutationObserver(check).observe(search, { attributes: true, attributeFilter: ['data-state'] });
  check();
})();
