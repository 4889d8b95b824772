// The video player of src/components/VideoPlayer.astro: a file, not an inline script, so the pages' CSP needs no hash for it.
(function () {
  if (window.__iwVideoPlayer) return;
  window.__iwVideoPlayer = true;
  // Offline (a mirror on an intranet or a USB stick) the frame would show the browser's broken-frame icon.
  // A page cannot look into a cross-origin frame, and the mirror's CSP allows no request to the video host
  // but the frame itself, so the player proves it loaded by answering the IFrame API's "listening"
  // handshake; no answer within a few seconds of the frame loading, and the placeholder says the player
  // cannot load and keeps the link to the video.
  var ANSWER_MS = 6000;
  var LOAD_MS = 30000;
  function unavailable(frame, current) {
    var message = document.createElement('p');
    message.className = 'video-unavailable';
    message.setAttribute('role', 'status');
    message.appendChild(document.createTextNode('動画プレーヤーを読み込めませんでした（オフラインか、YouTube に接続できない環境です）。'));
    var watch = document.createElement('a');
    watch.href = frame.getAttribute('data-watch-url') || '#';
    watch.rel = 'noopener';
    watch.textContent = 'YouTube で見る';
    message.appendChild(watch);
    frame.setAttribute('data-player', 'unavailable');
    var hadFocus = current.contains(document.activeElement) || document.activeElement === document.body;
    current.replaceWith(message);
    // The control the reader pressed is gone: keyboard focus goes to the link that still works.
    if (hadFocus) watch.focus();
  }
  function play(frame, button) {
    var src = frame.getAttribute('data-embed-src');
    var playerOrigin = new URL(src).origin;
    var iframe = document.createElement('iframe');
    iframe.src = src;
    iframe.title = frame.getAttribute('data-embed-title') || 'YouTube video';
    iframe.setAttribute('allow', 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share');
    iframe.setAttribute('allowfullscreen', '');
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    var answered = false;
    var timers = [];
    function done() { timers.forEach(clearTimeout); timers.forEach(clearInterval); window.removeEventListener('message', onMessage); }
    function onMessage(event) {
      if (event.source !== iframe.contentWindow || event.origin !== playerOrigin) return;
      answered = true;
      frame.setAttribute('data-player', 'ready');
      done();
    }
    function fail() { if (!answered) { done(); unavailable(frame, iframe); } }
    window.addEventListener('message', onMessage);
    frame.setAttribute('data-player', 'loading');
    iframe.addEventListener('load', function () {
      var ask = function () { if (iframe.contentWindow) iframe.contentWindow.postMessage(JSON.stringify({ event: 'listening', id: 1, channel: 'widget' }), playerOrigin); };
      ask();
      timers.push(setInterval(ask, 250));
      timers.push(setTimeout(fail, ANSWER_MS));
    }, { once: true });
    timers.push(setTimeout(fail, LOAD_MS));
    button.replaceWith(iframe);
    iframe.focus();
  }
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('.video-play') : null;
    if (!button) return;
    var frame = button.closest('[data-embed-src]');
    if (!frame) return;
    if (navigator.onLine === false) unavailable(frame, button);
    else play(frame, button);
  });
})();
