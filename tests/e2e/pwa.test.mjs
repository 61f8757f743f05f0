// Offline and installable: the web app manifest and its icons; the service worker that
// `cargo xtask site` generates from dist/ (xtask/src/pwa.rs, site/pwa/sw.template.js); the app
// working offline at the root of a host and under a sub-path; a new deployment offered as
// "有新版本 — 重新加载", applied only on request, without losing the visitor's profile.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  serve,
  launch,
  stopSite,
  appReady,
  eventually,
  text,
  evaluate,
  getStorage,
  screenshotDir,
  foreignRequests,
  axeViolations,
  describeViolations,
  DIST,
  ROOT,
} from './support.mjs';
import { RENDERS, renderIcon } from '../../site/pwa/render-icons.mjs';

const run = promisify(execFile);

let server;
let browser;
let page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = browser.page;
});

after(() => stopSite(server));

/** Width and height from a PNG's IHDR chunk (the file's real dimensions, not what anyone says). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Waits until an activated service worker controls `page`; returns its scope and script. */
async function waitForControl(target) {
  await target.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  return evaluate(target, async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, script: registration.active.scriptURL };
  });
}

const cacheNames = (target) => evaluate(target, () => caches.keys());

/** The marker a test deployment puts into index.html, or null in the original build. */
const buildMarker = (target) =>
  evaluate(target, () => document.querySelector('meta[name="leimu-test-build"]')?.content ?? null);

/**
 * "Deploys a changed build" into `folder`: marks its index.html, then regenerates its sw.js
 * with the project's own generator, exactly as `cargo xtask site` would.
 */
async function deploy(folder, marker) {
  const index = path.join(folder, 'index.html');
  const html = (await readFile(index, 'utf8')).replace(/\n\s*<meta name="leimu-test-build"[^>]*>/, '');
  await writeFile(index, html.replace('<head>', `<head>\n    <meta name="leimu-test-build" content="${marker}">`));
  // `cargo xtask test` passes its own binary; run alone, go through cargo.
  const [command, args] = process.env.LEIMU_XTASK
    ? [process.env.LEIMU_XTASK, ['sw', '--dir', folder]]
    : ['cargo', ['xtask', 'sw', '--dir', folder]];
  await run(command, args, { cwd: ROOT, timeout: 300000 });
}

test('the manifest and its icons are served, and each PNG has the size the manifest says', async () => {
  const html = await (await fetch(server.url)).text();
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest">/);
  const response = await fetch(server.url + 'manifest.webmanifest');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/manifest+json');
  const manifest = await response.json();
  assert.match(manifest.name, /leimu/);
  assert.ok(manifest.short_name.length <= 12, 'a short name that fits under an icon');
  assert.ok(manifest.description.length > 0);
  assert.equal(manifest.lang, 'zh-CN');
  assert.equal(manifest.display, 'standalone');
  // Relative to the manifest, so the app works under any sub-path.
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  // The site's own colours (site/style.css, light theme: the first definition of each).
  const css = await readFile(path.join(ROOT, 'site', 'style.css'), 'utf8');
  const colour = (name) => css.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`))[1];
  assert.equal(manifest.theme_color, colour('accent'));
  assert.equal(manifest.background_color, colour('bg'));

  for (const icon of manifest.icons) {
    const file = await fetch(new URL(icon.src, server.url + 'manifest.webmanifest'));
    assert.equal(file.status, 200, icon.src);
    assert.equal(file.headers.get('content-type'), icon.type, icon.src);
    const bytes = Buffer.from(await file.arrayBuffer());
    if (icon.type === 'image/png') assert.equal(pngSize(bytes), icon.sizes, `${icon.src} is really ${icon.sizes}`);
  }
  for (const purpose of ['any', 'maskable']) {
    for (const size of ['192x192', '512x512']) {
      assert.ok(
        manifest.icons.some((i) => i.type === 'image/png' && i.sizes === size && i.purpose.split(' ').includes(purpose)),
        `a ${size} PNG icon for purpose ${purpose}`,
      );
    }
  }
});

test('the committed PNG icons are their SVG sources rendered again (else run cargo xtask icons)', async () => {
  const scratch = await browser.context.newPage();
  try {
    await scratch.goto('about:blank');
    for (const { svg, png, size } of RENDERS) {
      const fresh = await renderIcon(scratch, svg, size);
      const committed = await readFile(path.join(ROOT, 'site', 'pwa', 'icons', png));
      assert.equal(pngSize(committed), `${size}x${size}`);
      // Pixels, not bytes: two encoders may compress the same image differently.
      const differing = await evaluate(
        scratch,
        async ({ a, b, size }) => {
          const pixels = async (base64) => {
            const image = new Image();
            image.src = 'data:image/png;base64,' + base64;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = size;
            canvas.height = size;
            const context = canvas.getContext('2d');
            context.drawImage(image, 0, 0);
            return context.getImageData(0, 0, size, size).data;
          };
          const [x, y] = [await pixels(a), await pixels(b)];
          let count = 0;
          for (let i = 0; i < x.length; i += 4) {
            const channels = [0, 1, 2, 3].map((c) => Math.abs(x[i + c] - y[i + c]));
            if (Math.max(...channels) > 8) count += 1;
          }
          return count;
        },
        { a: fresh.toString('base64'), b: committed.toString('base64'), size },
      );
      assert.equal(differing, 0, `site/pwa/icons/${png} differs from ${svg}: run cargo xtask icons`);
    }
  } finally {
    await scratch.close();
  }
});

test('the service worker precaches exactly the files of the build, each once, but not c/ or js/', async () => {
  const worker = await (await fetch(server.url + 'sw.js')).text();
  const listed = [...worker.matchAll(/^ {2}\["([^"]+)", "sha256-[A-Za-z0-9+/]+=*"\],$/gm)].map((m) => m[1]);
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(DIST, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'sw.js' && !file.split('/').some((part) => part.startsWith('.')))
    // The 403 static category pages and the npm package are not for offline use (xtask/src/pwa.rs).
    .filter((file) => !file.startsWith('c/') && !file.startsWith('js/'))
    .map((file) => file.split('/').map(encodeURIComponent).join('/'))
    .sort();
  assert.deepEqual(listed, files);
  assert.ok(!listed.some((f) => f.startsWith('c/') || f.startsWith('js/')));
  assert.equal(new Set(listed).size, listed.length, 'no URL twice (Cache.addAll rejects duplicates)');
  assert.ok(listed.includes('index.html') && listed.some((f) => f.endsWith('.wasm')));
});

test('Chromium finds the site installable', async () => {
  await page.goto(server.url + '#/');
  await appReady(page);
  const { scope, script } = await waitForControl(page);
  assert.equal(scope, server.url);
  assert.equal(script, server.url + 'sw.js');
  const cdp = await browser.context.newCDPSession(page);
  try {
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, server.url + 'manifest.webmanifest');
    assert.deepEqual(manifest.errors, []);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await cdp.detach();
  }
});

/**
 * Visits `site` once, waits for the worker, goes offline and proves that a reload, the search,
 * a category page loaded afresh and a verdict all work.
 */
async function expectWorksOffline(session, site) {
  const target = session.page;
  await target.goto(site.url + '#/');
  await appReady(target);
  const { scope } = await waitForControl(target);
  assert.equal(scope, site.url, 'the worker is scoped to the folder the site is served from');
  await session.context.setOffline(true);
  try {
    const reloaded = await target.reload();
    assert.ok(reloaded.fromServiceWorker(), 'the page came from the service worker');
    await appReady(target);
    // Really offline: a file the worker does not hold cannot be fetched (Chromium logs exactly
    // that failure on the console, which is then not an error of the site).
    const errorsBefore = session.errors.length;
    const probe = await evaluate(target, () =>
      fetch('offline-probe.txt', { cache: 'no-store' }).then(
        () => 'reached the server',
        () => 'failed',
      ),
    );
    assert.equal(probe, 'failed');
    await eventually(() => assert.equal(session.errors.length, errorsBefore + 1, JSON.stringify(session.errors)));
    assert.match(session.errors.splice(errorsBefore, 1)[0], /ERR_INTERNET_DISCONNECTED/);

    const box = target.getByRole('combobox', { name: '搜索类目' });
    await box.pressSequentially('茶叶');
    await target.getByRole('listbox', { name: '搜索结果' }).getByRole('option', { name: /食品饮料/ }).waitFor();

    // A category page, loaded afresh (a full navigation, query and all), offline.
    await target.goto('about:blank');
    const category = await target.goto(site.url + '?from=offline-test#/c/medical.drug-info');
    assert.ok(category.fromServiceWorker());
    await target.getByRole('heading', { level: 1, name: '药品信息展示' }).waitFor();
    const status = target.getByRole('region', { name: /^结论/ }).locator('.status');
    await eventually(async () => assert.equal(await text(status), '尚缺资质'));
    await target.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).check();
    await eventually(async () => assert.equal(await text(status), '符合条件'));
  } finally {
    await session.context.setOffline(false);
  }
  assert.deepEqual(foreignRequests(session.requests, site.origin), []);
  assert.deepEqual(session.errors, [], 'no page errors or console errors');
}

test('visited once, the site works offline: reload, search, a category page, a verdict', async () => {
  const session = await launch();
  try {
    await expectWorksOffline(session, server);
  } finally {
    await session.close();
  }
});

test('under a sub-path (/tools/leimu/) the worker is scoped to it and the site works offline', async () => {
  const nested = await serve(DIST, { prefix: '/tools/leimu/' });
  const session = await launch();
  try {
    assert.equal(nested.url, `${nested.origin}/tools/leimu/`);
    await expectWorksOffline(session, nested);
    // The cache is named for this scope, so another copy of leimu on the origin keeps its own.
    const names = await cacheNames(session.page);
    assert.equal(names.length, 1);
    assert.ok(names[0].startsWith(`leimu ${nested.url} `), names[0]);
  } finally {
    await session.close();
    await nested.close();
  }
});

test('a new deployment is offered, applied only on request, and the profile survives it', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'leimu-pwa-deploy-'));
  await cp(DIST, folder, { recursive: true });
  const site = await serve(folder);
  const session = await launch();
  const target = session.page;
  const shots = screenshotDir();
  try {
    await target.goto(site.url + '#/c/medical.drug-info');
    await appReady(target);
    await waitForControl(target);
    const [firstCache] = await cacheNames(target);
    assert.equal(await buildMarker(target), null);
    await target.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).check();
    await eventually(async () =>
      assert.match((await getStorage(target, 'leimu.profile.v1')) ?? '', /internet-drug-info-service-certificate/),
    );
    const profile = await getStorage(target, 'leimu.profile.v1');

    await deploy(folder, 'second');
    await target.reload();
    await appReady(target);
    const prompt = target.locator('.sw-update');
    await prompt.getByRole('button', { name: '重新加载' }).waitFor();
    assert.equal(await prompt.getAttribute('role'), 'status');
    assert.equal(await text(prompt), '有新版本 重新加载 稍后');
    // Until the visitor agrees, the version that was running keeps serving the page.
    assert.equal(await buildMarker(target), null);
    const violations = await axeViolations(target);
    assert.deepEqual(violations, [], describeViolations(violations));
    for (const width of [1280, 375]) {
      await target.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await target.screenshot({ path: path.join(shots, `update-prompt-${width}.png`) });
    }
    await target.emulateMedia({ colorScheme: 'dark' });
    await target.screenshot({ path: path.join(shots, 'update-prompt-375-dark.png') });
    await target.emulateMedia({ colorScheme: 'light' });
    await target.setViewportSize({ width: 1280, height: 900 });

    const loaded = target.waitForEvent('load');
    await prompt.getByRole('button', { name: '重新加载' }).click();
    await loaded;
    await appReady(target);
    assert.equal(await buildMarker(target), 'second', 'the new files are served');
    assert.equal(await prompt.count(), 0, 'no prompt once the new version runs');
    await eventually(async () => {
      const names = await cacheNames(target);
      assert.equal(names.length, 1, `the old cache is deleted: ${names}`);
      assert.notEqual(names[0], firstCache);
    });
    // The profile is untouched, and the page still shows the document ticked.
    assert.equal(await getStorage(target, 'leimu.profile.v1'), profile);
    const ticked = target.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ });
    await eventually(async () => assert.equal(await ticked.isChecked(), true));

    // In English, the prompt is in English, and it follows a language switch while it is shown.
    await target.getByRole('button', { name: 'English' }).click();
    await eventually(async () => assert.equal(await getStorage(target, 'leimu.lang'), 'en'));
    await deploy(folder, 'third');
    await target.reload();
    await appReady(target);
    await prompt.getByRole('button', { name: 'Reload' }).waitFor();
    assert.equal(await text(prompt), 'A new version is available Reload Later');
    assert.equal(await prompt.getAttribute('lang'), 'en');
    await target.setViewportSize({ width: 375, height: 812 });
    await target.screenshot({ path: path.join(shots, 'update-prompt-375-en.png') });
    await target.setViewportSize({ width: 1280, height: 900 });
    await target.getByRole('button', { name: '中文' }).click();
    await eventually(async () => assert.equal(await text(prompt), '有新版本 重新加载 稍后'));
    await target.getByRole('button', { name: 'English' }).click();
    // "Later" hides it; the new version waits for the next visit.
    await prompt.getByRole('button', { name: 'Later' }).click();
    assert.equal(await prompt.isVisible(), false);
    assert.equal(await buildMarker(target), 'second');

    assert.equal(await getStorage(target, 'leimu.profile.v1'), profile);
    assert.deepEqual(foreignRequests(session.requests, site.origin), []);
    assert.deepEqual(session.errors, [], 'no page errors or console errors');
  } finally {
    await session.close();
    await site.close();
    await rm(folder, { recursive: true, force: true });
  }
});

test('a half-deployed build (a file that is not what sw.js says) is never installed', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'leimu-pwa-half-'));
  await cp(DIST, folder, { recursive: true });
  const site = await serve(folder);
  const session = await launch();
  const target = session.page;
  try {
    await target.goto(site.url + '#/');
    await appReady(target);
    await waitForControl(target);
    // The new sw.js is deployed, but index.html is not yet the one it lists.
    await deploy(folder, 'listed');
    const index = path.join(folder, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('content="listed"', 'content="not listed"'));
    const outcome = await evaluate(target, async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing;
      if (!worker) return 'no new worker';
      if (worker.state === 'redundant') return worker.state;
      return new Promise((resolve) =>
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' || worker.state === 'redundant') resolve(worker.state);
        }),
      );
    });
    assert.equal(outcome, 'redundant', 'the integrity check fails the install');
    // The working version stays in charge, offers nothing, and still serves the page.
    await target.reload();
    await appReady(target);
    assert.equal(await buildMarker(target), null);
    assert.equal(await target.locator('.sw-update').count(), 0);
  } finally {
    await session.close();
    await site.close();
    await rm(folder, { recursive: true, force: true });
  }
});

test('every request of the first browser went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
