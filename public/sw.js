// The app shell for offline use: the entry page and the built assets, so a reload without a
// connection still starts the SPA, which then shows the mail cached in IndexedDB. Mail itself is
// never cached here (the API is not touched): IndexedDB holds it, per mailbox, with its own rules.
const SHELL = 'webmail-shell-v2';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const entry = await fetch('/', { cache: 'no-store' });
  const html = await entry.clone().text();
  // The entry page names the hashed scripts and styles it needs; take them along.
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  // Every chunk of the build (lazy views, the parse worker), listed by the build itself.
  const listed = await fetch('/asset-list.json', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : []), () => []);
  await cache.put('/', entry);
  await cache.addAll(['/favicon.svg', ...new Set([...named, ...listed])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/basic') || url.pathname.startsWith('/password')) return;
  // Documents for mail programs (Thunderbird's autoconfig): never the app shell, never kept as it.
  if (url.pathname.startsWith('/.well-known/') || url.pathname.endsWith('.xml')) return;
  if (request.mode === 'navigate') {
    // Network first: a fresh entry page when online, the cached one when not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) caches.open(SHELL).then((cache) => cache.put('/', response.clone()));
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change: cache first.
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request).then((response) => {
        if (response.ok) caches.open(SHELL).then((cache) => cache.put(request, response.clone()));
        return response;
      })),
    );
  }
});
