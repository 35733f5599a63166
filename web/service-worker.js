// The end-user app's service worker: keeps the app itself (its page and bundle) on the device
// so it opens offline. `build.mjs` fills in VERSION and ASSETS. API requests always go to the
// network: the offline copy of data lives in the app's own PouchDB, not here.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `tessera-app-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/', ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('tessera-app-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/ui/')) {
    // hashed file names: what is cached is right
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (request.mode === 'navigate') {
    // the page from the network when it answers, else the cached one (every route is that page)
    event.respondWith(fetch(request).catch(() => caches.match('/')));
  }
});
