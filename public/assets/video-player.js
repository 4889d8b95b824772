// Swaps a video's placeholder button for the youtube-nocookie player on click (src/components/VideoPlayer.astro).
// A file rather than an inline script, so the Content-Security-Policy allows it as 'self'.
(function () {
  if (window.__iwVideoPlayer) return;
  window.__iwVideoPlayer = true;
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('.video-play') : null;
    if (!target) return;
    var frame = target.closest('[data-embed-src]');
    if (!frame) return;
    var iframe = document.createElement('iframe');
    iframe.src = frame.getAttribute('data-embed-src');
    iframe.title = frame.getAttribute('data-embed-title') || 'YouTube video';
    iframe.setAttribute('allow', 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share');
    iframe.setAttribute('allowfullscreen', '');
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    iframe.setAttribute('loading', 'lazy');
    target.replaceWith(iframe);
    iframe.focus();
  });
})();
