// Shared helpers for the end-to-end tests (and the browser benchmark):
// a tiny static file server and a Chromium launcher that never downloads
// anything and never hangs a run.
//
// Nothing here is a test file (the runner only picks up *.test.mjs).

import { createServer } from 'node:http';
import { mkdtemp, readdir, rm, readFile, stat } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// LEIMU_DIST serves another build (e.g. a patched copy) instead of dist/.
export const DIST = process.env.LEIMU_DIST ? path.resolve(process.env.LEIMU_DIST) : path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');
export const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** The default time any single wait may take. */
export const TIMEOUT = 15000;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves `folder` on 127.0.0.1 at a random free port.
 * Returns `{ url, origin, port, close() }`; `url` ends with `/`.
 * Call it again with another folder to get a second origin (embed tests).
 * `prefix` (e.g. '/tools/leimu/') serves the folder under a sub-path, as a
 * host that publishes the site in a sub-folder does: `url` is then
 * origin + prefix, the prefix without its last slash redirects to it, and
 * anything outside it is 404.
 * `hostname` only changes the name in `url`/`origin` (the server still
 * listens on 127.0.0.1): `'localhost'` gives an origin that differs from
 * `127.0.0.1` by name, as a host page on another site would.
 */
export async function serve(folder = DIST, { prefix = '/', hostname = '127.0.0.1', brotli = false } = {}) {
  const base = path.resolve(folder);
  // `brotli`: compressed as a CDN would send it (quality 11), for the
  // Lighthouse benchmark, whose simulated network counts the bytes sent.
  // Every file is compressed before the server answers anything: compressing
  // the wasm on its first request took seconds, which a page then measured.
  const compressed = new Map();
  if (brotli) {
    for (const entry of await readdir(base, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      compressed.set(file, brotliCompressSync(await readFile(file), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
  const mount = `/${prefix.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  try {
    await stat(path.join(base, 'index.html'));
  } catch {
    throw new Error(`${base}/index.html is missing: build the site first (cargo xtask site)`);
  }
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (mount !== '/' && url.pathname === mount.slice(0, -1)) {
        response.writeHead(301, { location: mount + url.search }).end();
        return;
      }
      if (!url.pathname.startsWith(mount)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let relative = decodeURIComponent(url.pathname.slice(mount.length - 1));
      if (relative.endsWith('/')) relative += 'index.html';
      const file = path.resolve(base, '.' + relative);
      if (file !== base && !file.startsWith(base + path.sep)) {
        response.writeHead(403).end();
        return;
      }
      let body = await readFile(file);
      const headers = {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        // As GitHub Pages sends: other sites load the custom element (leimu-checker.js)
        // as a module script, which needs CORS.
        'access-control-allow-origin': '*',
      };
      if (compressed.has(file) && /\bbr\b/.test(request.headers['accept-encoding'] ?? '')) {
        body = compressed.get(file);
        headers['content-encoding'] = 'br';
        headers.vary = 'accept-encoding';
      }
      headers['content-length'] = body.length;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  // Do not let idle keep-alive sockets hold the process open.
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://${hostname}:${port}`;
  return {
    port,
    origin,
    url: `${origin}${mount}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Debian's Chromium with a fresh profile folder.
 * Returns `{ context, page, requests, close() }`; `requests` collects every
 * request URL the context makes, for the same-origin check.
 */
export async function launch(options = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'leimu-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const browser = {
    context,
    page,
    requests,
    errors,
    async close() {
      if (closed) return;
      closed = true;
      running.delete(browser);
      await withTimeout(context.close(), 10000, 'closing the browser').catch(() => {});
      await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
  running.add(browser);
  return browser;
}

/** Every browser launched and not yet closed (a leaked one would keep the run from ending). */
const running = new Set();

/** Closes every browser this process launched; call it in `after`. */
/** Starts the static server and a browser: what every suite needs before its tests. */
export async function startSite() {
  const server = await serve();
  const browser = await launch();
  return { server, browser, page: browser.page };
}

/** Closes every browser and the server; for `after` hooks, so a failed test never leaves a run hanging. */
export async function stopSite(server) {
  await closeAll();
  await server?.close();
}

export async function closeAll() {
  await Promise.all([...running].map((browser) => browser.close()));
}

/** Rejects when `promise` takes longer than `ms`. */
export function withTimeout(promise, ms, what = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `page.evaluate` with a timeout (plain evaluate can hang a run for minutes). */
export function evaluate(page, fn, arg, ms = TIMEOUT) {
  return withTimeout(page.evaluate(fn, arg), ms, 'page.evaluate');
}

/**
 * Loads a route (`#/c/...`) of the served site afresh (a full page load, even
 * when only the fragment differs) and waits for the app to render.
 */
export async function open(page, server, hash = '#/') {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(server.url + hash);
  await appReady(page);
}

/**
 * Gives the page the visitor's first input, a press of Shift, which changes nothing else. A first
 * visit to the home page or a static page paints everything from its HTML and starts the app only
 * at the first key, tap, click or focus (xtask/src/boot.rs); a route, a share link or anything
 * stored starts it at once, and then the key press is harmless.
 */
export async function firstInput(page) {
  await page.keyboard.press('Shift');
}

/** Waits until the app has mounted (its main region has content), after the visitor's first input. */
export async function appReady(page) {
  await firstInput(page);
  await appMounted(page);
}

/** Waits until the app has mounted, with no input from the visitor: for pages that start it at once. */
export async function appMounted(page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main#main-content');
    return main && main.children.length > 0;
  });
}

/** Replaces localStorage entries (null removes) on the current origin. */
export async function setStorage(page, entries) {
  await page.waitForFunction((items) => {
    for (const [key, value] of Object.entries(items)) {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    }
    return true;
  }, entries);
}

/** Reads a localStorage entry of the current origin. */
export function getStorage(page, key) {
  return evaluate(page, (k) => localStorage.getItem(k), key);
}

/** URLs in `requests` that leave `origin` (blob: and data: URLs of the page itself are fine). */
export function foreignRequests(requests, origin) {
  return requests.filter((raw) => {
    if (raw.startsWith('data:')) return false;
    const url = raw.startsWith('blob:') ? raw.slice(5) : raw;
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** Creates test-artifacts/screenshots/ and returns its path. */
export function screenshotDir() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return SCREENSHOTS;
}

/** The scroll width of the document (horizontal overflow check). */
export async function scrollWidth(page) {
  return evaluate(page, () => document.documentElement.scrollWidth);
}

/** Runs axe-core on the page; returns the violations of impact serious or critical. */
export async function axeViolations(page) {
  const present = await evaluate(page, () => typeof window.axe === 'object');
  if (!present) await page.addScriptTag({ path: AXE });
  const results = await evaluate(
    page,
    () => window.axe.run(document, { resultTypes: ['violations'] }),
    undefined,
    60000,
  );
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable account of axe violations for a failing assertion. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}

/** Hostile strings for the safety tests. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
];

/** Whether a hostile payload ran (or left an element behind). */
export async function pwned(page) {
  return evaluate(page, () => ({
    flag: window.__pwned,
    img: document.querySelectorAll('img[src="x"]').length,
    script: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
  }));
}

/** Retries `check` (which throws while not yet true) until it passes or `ms` runs out. */
export async function eventually(check, ms = TIMEOUT, interval = 100) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** The text of a locator, whitespace collapsed. */
export async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The current URL fragment of the page. */
export function hashOf(page) {
  return new URL(page.url()).hash;
}
