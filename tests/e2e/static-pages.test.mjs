// The static category pages (c/<id>/, written by leimu-static, issue 12):
// complete without JavaScript, reachable by a crawler following plain links
// from the home page (at the root and under a sub-path), accessible, and
// leading into the app. The app taking them over: takeover.test.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DIST,
  serve,
  launch,
  closeAll,
  appReady,
  axeViolations,
  describeViolations,
  screenshotDir,
} from './support.mjs';

const LEAF = 'medical.internet-hospital';
const PAGES = 403;

let server;
let subPath;

before(async () => {
  server = await serve();
  subPath = await serve(DIST, { prefix: '/some/sub/path/' });
});

after(async () => {
  await closeAll();
  await server?.close();
  await subPath?.close();
});

/** The plain `<a href>` targets of an HTML text, resolved against its URL. */
function links(html, base) {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].map((m) => new URL(m[1].replaceAll('&amp;', '&'), base));
}

/** Fetches from the home page and follows every plain link below c/, as a crawler without JavaScript. */
async function crawl(root) {
  const seen = new Map();
  const queue = [new URL(root)];
  const rootPath = new URL(root).pathname;
  while (queue.length > 0) {
    const url = queue.shift();
    const response = await fetch(url);
    assert.equal(response.status, 200, `${url}`);
    const html = await response.text();
    if (url.pathname !== rootPath) seen.set(url.pathname, html);
    for (const link of links(html, url)) {
      link.hash = '';
      if (link.origin !== url.origin || !link.pathname.startsWith(rootPath + 'c/')) continue;
      if (seen.has(link.pathname) || queue.some((q) => q.pathname === link.pathname)) continue;
      queue.push(link);
    }
  }
  return seen;
}

function titleAndHeading(html) {
  const title = html.match(/<title>([^<]*)<\/title>/)?.[1];
  const h1 = html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];
  return { title, h1 };
}

for (const where of ['root', 'sub-path']) {
  test(`a crawler without JavaScript reaches all ${PAGES} category pages from the home page (${where})`, async () => {
    const site = where === 'root' ? server : subPath;
    const pages = await crawl(site.url);
    assert.equal(pages.size, PAGES);
    for (const [pathname, html] of pages) {
      const { title, h1 } = titleAndHeading(html);
      assert.ok(h1 && title?.includes(h1), `${pathname}: title ${title} names ${h1}`);
      const ld = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)?.[1];
      const list = JSON.parse(ld);
      assert.equal(list['@type'], 'BreadcrumbList', pathname);
      // The last item is the page itself (relative, or under LEIMU_PUBLIC_URL when the build had one).
      const last = list.itemListElement.at(-1);
      const own = pathname.slice(new URL(site.url).pathname.length);
      assert.ok(new URL(last.item, new URL(pathname, site.url)).pathname.endsWith(`/${own}`), `${pathname}: ${last.item}`);
    }
  });
}

test('a category page with JavaScript disabled shows its whole content', async () => {
  const browser = await launch({ javaScriptEnabled: false });
  const page = browser.page;
  await page.goto(`${subPath.url}c/${LEAF}/`);
  await page.getByRole('heading', { level: 1, name: '互联网医院' }).waitFor();
  const requirement = page.locator('pre.source-text');
  assert.match(await requirement.innerText(), /卫生健康部门的《设置医疗机构批准书》/);
  assert.match(await page.locator('.source-line').innerText(), /原文第 \d+ 行/);
  assert.match(await page.locator('.source-text').first().innerText(), /在线看诊/);
  // The checklist's structure; its controls need the app, and the page says so.
  assert.ok((await page.locator('.rule-tree li.doc').count()) >= 4);
  assert.ok(await page.locator('.rule-tree input').first().isDisabled());
  assert.match(await page.locator('main').innerText(), /启用 JavaScript 后，本页按你的资质逐项核对/);
  // The header and footer lead to the site's root under the sub-path.
  const home = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '查找类目' });
  assert.equal(await home.evaluate((a) => a.href), `${subPath.url}#/`);
  assert.equal(await page.getByRole('link', { name: '变更记录' }).evaluate((a) => a.href), `${subPath.url}changes.html`);
  assert.equal(await page.title(), '医疗服务 > 互联网医院 · leimu 类目');
  await page.screenshot({ path: path.join(screenshotDir(), 'static-category-no-js.png'), fullPage: true });
  // The home page, without JavaScript, shows its links to every first level.
  await page.goto(subPath.url);
  const index = page.getByRole('navigation', { name: '全部一级类目' });
  assert.equal(await index.getByRole('link').count(), 24);
  assert.ok(await index.isVisible());
  await browser.close();
});

test('axe finds nothing serious on a static category page and a first-level page', async () => {
  // The static page as it is before the app has arrived (takeover.test.mjs checks it after):
  // no wasm, and no worker to serve it from its cache.
  const browser = await launch({ serviceWorkers: 'block' });
  await browser.page.route(/_bg\.wasm$/, (route) => route.abort());
  for (const id of [LEAF, 'government.traffic-violation', 'medical']) {
    await browser.page.goto(`${server.url}c/${id}/`);
    const violations = await axeViolations(browser.page);
    assert.equal(violations.length, 0, `axe on c/${id}/:\n${describeViolations(violations)}`);
    if (id !== 'medical') assert.equal(await browser.page.locator('#boot-shell').count(), 1, 'still the static page');
  }
  await browser.close();
});

test('the header of a static page leads into the app at the root, which removes the home page index', async () => {
  const browser = await launch();
  const page = browser.page;
  await page.goto(`${subPath.url}c/${LEAF}/`);
  await appReady(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '查找类目' }).click();
  // The home page as painted, the app waiting for the visitor's first input (xtask/src/boot.rs).
  await page.getByRole('searchbox', { name: '搜索类目' }).waitFor();
  await appReady(page);
  await page.getByRole('combobox', { name: '搜索类目' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/some/sub/path/');
  assert.equal(await page.locator('#boot-index').count(), 0);
  await page.goto('about:blank');
  await page.goto(server.url);
  await appReady(page);
  assert.equal(await page.locator('#boot-index').count(), 0, 'the app replaces the static index');
  assert.deepEqual(browser.errors, []);
  await browser.close();
});

// The build writes sitemap.xml, robots.txt and canonical links only when
// given the site's public URL. A dist/ built without one (as CI builds it) is
// copied and leimu-static, the step that writes them, is run again on the
// copy with a public URL: `cargo xtask test` names the binary in
// LEIMU_STATIC (no nested cargo); run alone, the test needs one of the two.
test('sitemap.xml, robots.txt and canonical links, when the build is given a public URL', async (t) => {
  let dist = DIST;
  let base = null;
  if (!existsSync(path.join(DIST, 'sitemap.xml'))) {
    const binary = process.env.LEIMU_STATIC;
    if (!binary || !existsSync(binary)) {
      t.skip('dist/ was built without LEIMU_PUBLIC_URL, and LEIMU_STATIC names no leimu-static to write them');
      return;
    }
    dist = await mkdtemp(path.join(tmpdir(), 'leimu-public-'));
    await cp(DIST, dist, { recursive: true });
    base = 'https://example.org/tools/leimu/';
    const run = spawnSync(binary, [dist], { env: { ...process.env, LEIMU_PUBLIC_URL: base.slice(0, -1) }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`sitemap.xml and robots.txt for ${base}`));
  }
  try {
    const sitemap = readFileSync(path.join(dist, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    assert.equal(locs.length, PAGES + 1);
    assert.equal(new Set(locs).size, locs.length);
    base ??= locs[0];
    assert.equal(locs[0], base, 'the home page first');
    assert.ok(locs.includes(`${base}c/${LEAF}/`));
    assert.ok(locs.every((loc) => loc === base || /^c\/[a-z0-9.-]+\/$/.test(loc.slice(base.length))), 'every page under the public URL');
    const robots = readFileSync(path.join(dist, 'robots.txt'), 'utf8');
    assert.match(robots, new RegExp(`Sitemap: ${base}sitemap.xml`));
    const page = readFileSync(path.join(dist, 'c', LEAF, 'index.html'), 'utf8');
    assert.ok(page.includes(`<link rel="canonical" href="${base}c/${LEAF}/">`));
    assert.ok(page.includes(`<meta property="og:url" content="${base}c/${LEAF}/">`));
  } finally {
    if (dist !== DIST) await rm(dist, { recursive: true, force: true });
  }
});
