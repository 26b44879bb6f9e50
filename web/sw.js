// The playground's service worker: it keeps the app shell (the page, its
// scripts, its wasm, its icons) so the playground opens without a network,
// with its form and its whole gallery (IndexedDB). It answers only for the
// shell's own files: API calls, keys and images of other origins always go
// to the network, untouched. A new version installs beside the old one and
// waits until the person accepts it (offline.js shows "reload"), so one
// page never mixes the files of two versions.

// @generated begin: `cargo xtask dist` (crates/xtask/src/web.rs) writes the shell's files and its version.
const VERSION = 'development';
const SHELL = [];
// @generated end

const PREFIX = 'gpt-image-shell-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  // The page itself, whatever its query (`?embed`, a shared link's settings).
  const page = request.mode === 'navigate' && (path === '' || path === 'index.html');
  const file = page ? './' : './' + path;
  if (!page && !SHELL.includes(file)) return;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(file).then((kept) => kept ?? fetch(request))),
  );
});
