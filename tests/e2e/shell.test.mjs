// The frame index.html paints before the app has started: a visitor on a slow
// connection sees the header and a search box at once, can type into it, and
// loses nothing when the app takes over. The wasm is held back by the test
// (page.route) so the app's start is in its hands.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  stopSite,
  serve,
  launch,
  open,
  setStorage,
  evaluate,
  axeViolations,
  describeViolations,
  screenshotDir,
  foreignRequests,
  firstInput,
  eventually,
  getStorage,
  text,
} from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await serve();
  // No service worker: a page it controls is served from its cache, past page.route.
  browser = await launch({ serviceWorkers: 'block' });
  page = browser.page;
});

after(() => stopSite(server));

/**
 * Holds the next request for the site's wasm until the returned function is called; the
 * function's `requested()` says whether the page has asked for the wasm yet.
 */
async function holdWasm() {
  let release;
  let requested = false;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(
    /leimu-site-[^/]*\.wasm$/,
    async (route) => {
      requested = true;
      await released;
      await route.continue();
    },
    { times: 1 },
  );
  const releaseNow = async () => release();
  releaseNow.requested = () => requested;
  return releaseNow;
}

/** Forgets everything leimu stored on the site's origin: the next visit is a first visit. */
async function forgetVisitor() {
  await open(page, server, '#/about');
  await evaluate(page, () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('leimu.')) localStorage.removeItem(key);
  });
}

/** Loads `hash` afresh with the wasm held back; resolves once the HTML is parsed. */
async function loadHeld(hash) {
  await page.goto('about:blank');
  const release = await holdWasm();
  await page.goto(server.url + hash, { waitUntil: 'domcontentloaded' });
  return release;
}

test('the frame and a search box come with the HTML, and typing there survives the start', async () => {
  await forgetVisitor();
  const release = await loadHeld('#/');
  try {
    const shellBox = page.locator('#boot-search-input');
    await shellBox.waitFor();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#home-search-input').count(), 0, 'the app has not started');
    // A first visit asks for no wasm until the visitor does something (xtask/src/boot.rs).
    assert.equal(release.requested(), false, 'no wasm fetched before the first input');
    assert.equal(await page.getByLabel('搜索类目').getAttribute('id'), 'boot-search-input');
    assert.equal(await page.locator('#boot-search-hint').textContent(), '可输入类目名、服务描述、资质文件名、拼音全拼或首字母');
    assert.equal(await page.locator('#boot-search-loading').isHidden(), true);
    assert.equal(await page.getByRole('link', { name: '我的资质' }).getAttribute('href'), '#/profile');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe on the frame:\n${describeViolations(violations)}`);
    await page.screenshot({ path: path.join(screenshotDir(), 'shell-before-start-1280.png') });
    await page.setViewportSize({ width: 375, height: 740 });
    await page.screenshot({ path: path.join(screenshotDir(), 'shell-before-start-375.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The visitor clicks the box and types before the app exists: that starts it.
    await shellBox.click();
    await page.keyboard.type('茶');
    assert.equal(await shellBox.inputValue(), '茶');
    await page.locator('#boot-search-loading').waitFor();
    assert.equal(await page.locator('#boot-search-loading').textContent(), '正在载入类目…');
    assert.equal(await page.locator('#boot-search-hint').isHidden(), true);
    assert.equal(await shellBox.getAttribute('aria-describedby'), 'boot-search-loading');
    await eventually(() => release.requested());
  } finally {
    await release();
  }
  // The app takes over: same text, the focus on its own box, results for it.
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.waitFor();
  assert.equal(await page.locator('#boot-shell').count(), 0, 'the frame is gone');
  assert.equal(await box.inputValue(), '茶');
  assert.equal(await evaluate(page, () => document.activeElement?.id), 'home-search-input');
  await page.getByRole('option').first().waitFor();
  // Typing goes on in the app's box.
  await page.keyboard.type('叶');
  assert.equal(await box.inputValue(), '茶叶');
  await page.getByRole('option', { name: /食品饮料/ }).first().waitFor();
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
});

test('a first visit fetches no wasm until the first input; a key press starts the app, with nothing carried over', async () => {
  await forgetVisitor();
  const release = await loadHeld('#/');
  await page.locator('#boot-search-input').waitFor();
  await page.waitForLoadState('load');
  // Time for anything that would start on its own (a timer, idle work) to do so.
  await page.waitForTimeout(1000);
  assert.equal(release.requested(), false, 'no wasm fetched before the first input');
  await release();
  await firstInput(page);
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.waitFor();
  assert.equal(await box.inputValue(), '');
  assert.equal(await page.locator('#boot-shell').count(), 0);
});

test('a deep link shows no home search box while its page loads', async () => {
  const release = await loadHeld('#/profile');
  try {
    assert.equal(await page.locator('#boot-shell').count(), 0, 'no frame for another page');
  } finally {
    await release();
  }
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
});

test('when the wasm cannot be downloaded, the frame says so instead of loading for ever', async () => {
  await page.goto('about:blank');
  await page.route(/leimu-site-[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'), { times: 2 });
  await page.goto(server.url + '#/', { waitUntil: 'domcontentloaded' });
  await firstInput(page);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.textContent(), '类目没有载入。请检查网络连接，然后刷新页面。');
  assert.equal(await page.locator('#boot-search-hint').isHidden(), true);
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe on the failed frame:\n${describeViolations(violations)}`);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('without JavaScript the frame is not shown, and the page says why', async () => {
  const noScript = await launch({ javaScriptEnabled: false });
  try {
    await noScript.page.goto(server.url);
    assert.equal(await noScript.page.locator('#boot-shell').isVisible(), false);
    assert.match(await noScript.page.locator('body').innerText(), /需要启用 JavaScript 与 WebAssembly/);
  } finally {
    await noScript.close();
  }
});

test('the frame speaks English to a visitor who chose it', async () => {
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.lang': 'en' });
  const release = await loadHeld('#/');
  try {
    await page.locator('#boot-search-input').waitFor();
    assert.equal(await page.getByLabel('Search categories').getAttribute('id'), 'boot-search-input');
    // A returning visitor (something stored) gets the app at once, with no input.
    await page.locator('#boot-search-loading').waitFor();
    assert.equal(await page.locator('#boot-search-loading').textContent(), 'Loading the categories…');
    await eventually(() => release.requested());
    assert.equal(await evaluate(page, () => document.documentElement.lang), 'en');
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe on the English frame:\n${describeViolations(violations)}`);
  } finally {
    await release();
  }
  await page.getByRole('combobox', { name: 'Search categories' }).waitFor();
  await setStorage(page, { 'leimu.lang': null });
});

test('the frame\'s language button works before the app: the frame changes at once, the app starts in English and keeps it', async () => {
  await forgetVisitor();
  const release = await loadHeld('#/');
  try {
    const button = page.locator('#boot-lang-switch');
    await button.waitFor();
    assert.equal(await button.isVisible(), true);
    await button.click();
    // The frame speaks English before the app exists.
    assert.equal(await page.getByLabel('Search categories').getAttribute('id'), 'boot-search-input');
    assert.equal(await evaluate(page, () => document.documentElement.lang), 'en');
    assert.equal(await text(button), '中文');
  } finally {
    await release();
  }
  await page.getByRole('combobox', { name: 'Search categories' }).waitFor();
  assert.equal(await page.locator('#boot-shell').count(), 0);
  assert.equal(await getStorage(page, 'leimu.lang'), 'en', 'the choice is kept');
  await setStorage(page, { 'leimu.lang': null });
});
