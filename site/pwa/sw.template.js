// leimu's service worker: the body of dist/sw.js. xtask/src/pwa.rs writes dist/sw.js after the
// site is built, as two generated constants followed by this file:
//
//   const VERSION = "<hash over every file's path and content>";
//   const PRECACHE = [["index.html", "sha256-…"], …];   // every file in dist/ but sw.js itself
//
// What it does, and why:
// - install: fetches every file of the build into a cache named after VERSION, bypassing the
//   HTTP cache and checking each file's SHA-256 (`integrity`), so a stale or half-deployed file
//   fails the install instead of being kept offline under the new version's name.
// - It does NOT skipWaiting on its own: a new version waits until the page asks (the visitor
//   clicked "reload" in the prompt of site/pwa/sw-register.js), so a running page never has its
//   files swapped under it.
// - activate: deletes this scope's caches of older versions, then controls open pages.
// - fetch: a GET for a precached file is answered from the cache (query ignored); a navigation
//   to the scope's folder gets the cached index.html; everything else goes to the network.
// - A category's static page (c/<id>/) is not precached (400 pages): a navigation to one goes to
//   the network, and when that fails (offline) it is answered with OFFLINE_PAGE, the frame of a
//   static page with the app and no category, which shows the category of the address from the
//   catalogue the app holds (site/src/static_pages.rs). Its URLs lead up to the root (../../),
//   which is right at c/<id>/, where it is served.
// - Everything is relative to registration.scope, so the site works under any sub-path, and
//   caches are named per scope, so two copies of leimu on one origin never delete each other's.
// - It never touches the visitor's data: a service worker cannot reach localStorage, where the
//   site keeps the profile and the plan, and this one deletes only its own caches.

/* global VERSION, PRECACHE */

const SCOPE = self.registration.scope;
const CACHE_PREFIX = `leimu ${SCOPE} `;
const CACHE = CACHE_PREFIX + VERSION;
/** The precached URLs, absolute and without query or fragment: the cache's keys. */
const PRECACHED = new Set(PRECACHE.map(([path]) => new URL(path, SCOPE).href));
/** What a category's page is answered with offline (written by leimu-static). */
const OFFLINE_PAGE = new URL('category-offline.html', SCOPE).href;
/** A category's static page: c/<id>/ (or c/<id>/index.html) right under the scope. */
const CATEGORY_PAGE = /^c\/[^/]+\/(index\.html)?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(
        PRECACHE.map(([path, integrity]) => new Request(new URL(path, SCOPE), { cache: 'no-cache', integrity })),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'leimu:skip-waiting') self.skipWaiting();
});

/** The cache key a request is answered from, or null when it goes to the network. */
function precachedUrl(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  let key = url.href;
  if (request.mode === 'navigate' && key.endsWith('/')) key += 'index.html';
  if (PRECACHED.has(key)) return key;
  return null;
}

/** Whether a request is a navigation to a category's static page, which the app can stand in for. */
function isCategoryPage(request) {
  if (request.mode !== 'navigate' || request.method !== 'GET' || !PRECACHED.has(OFFLINE_PAGE)) return false;
  const url = new URL(request.url);
  return url.href.startsWith(SCOPE) && CATEGORY_PAGE.test(url.pathname.slice(new URL(SCOPE).pathname.length));
}

self.addEventListener('fetch', (event) => {
  if (isCategoryPage(event.request)) {
    event.respondWith(
      fetch(event.request).catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(OFFLINE_PAGE))
          .then((response) => response || Response.error()),
      ),
    );
    return;
  }
  const key = precachedUrl(event.request);
  if (key === null) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      // Only if the browser evicted the cache: the network, as if there were no worker.
      .then((response) => response || fetch(event.request)),
  );
});
