// dockwright's service worker: keeps the page's own files so that it opens and works with no
// connection after the first visit. It never talks to anything but the page's origin, and the
// page itself still makes no request after its assets (its CSP says connect-src 'none').
//
// The build (scripts/inline-wasm.py) fills in VERSION and ASSETS: every file of dist/, whose
// names are content-hashed, so a cached file never goes stale. A new build is a new sw.js; the
// browser installs it on the next visit, and it takes over once no tab runs the old version
// (a tab of the old page may still load the old import worker, which the old cache holds),
// then drops the old cache. The very first install takes over at once.
const VERSION = '__VERSION__';
const ASSETS = ['__ASSETS__'];
const CACHE = `dockwright-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => (self.registration.active ? undefined : self.skipWaiting())),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('dockwright-') && key !== CACHE).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

// Cache first: every cached file is immutable for this version. A page load (with any query
// or #fragment: share links live in the fragment) is answered with the cached index.html.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = request.mode === 'navigate'
      ? await cache.match('./')
      : await cache.match(request, { ignoreSearch: true });
    return hit || fetch(request);
  })());
});
