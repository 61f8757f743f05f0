// The app on a category's static page (c/<id>/, issue 12): it takes the page over without
// moving anything (layout-shift entries summed, and every box above the verdict compared before
// and after), shows the visitor's stored profile, navigates from there, keeps the old hash links
// working, opens a category never visited while offline, and passes axe. At the root of a host
// and under a sub-path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  DIST,
  serve,
  launch,
  closeAll,
  appReady,
  appMounted,
  eventually,
  evaluate,
  text,
  hashOf,
  setStorage,
  getStorage,
  axeViolations,
  describeViolations,
  screenshotDir,
  foreignRequests,
} from './support.mjs';

const LEAF = 'medical.internet-hospital';
const DRUG_INFO = 'medical.drug-info';
const DRUG_INFO_CERTIFICATE = 'internet-drug-info-service-certificate';

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

/** Holds every request for the wasm until the returned function is called: until then the static page is all there is. */
async function holdWasm(page) {
  let release;
  let requested = false;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(/_bg\.wasm$/, async (route) => {
    requested = true;
    await released;
    await route.continue();
  });
  const releaseNow = () => release();
  /** Whether the page has asked for the wasm yet. */
  releaseNow.requested = () => requested;
  return releaseNow;
}

/** Sums every layout shift of the page from its first paint on (buffered), as CLS counts them. */
async function recordLayoutShifts(page) {
  await page.addInitScript(() => {
    window.__layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__layoutShifts.push({
          value: entry.value,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map((s) => `${s.node?.nodeName}.${s.node?.className ?? ''}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The boxes that exist on the static page and in the app, each in document coordinates. */
const BOXES = [
  'header.site-header',
  '.site-header nav',
  '.brand',
  'main#main-content',
  'article.category .breadcrumbs',
  'article.category h1',
  'article.category .meta',
  '.plan-toggle',
  'article.category > h2',
  'article.category > .source-text',
  '.rules-and-source',
  '.checklist > h2',
  '.kind-picker',
  '.rule-tree',
  '.verdict-summary',
  'section.source pre.source-text',
  '.source-line',
];

function boxes(page) {
  return evaluate(page, (selectors) => {
    const out = {};
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (!element) {
        out[selector] = null;
        continue;
      }
      const r = element.getBoundingClientRect();
      out[selector] = [r.left + scrollX, r.top + scrollY, r.width, r.height].map((n) => Math.round(n * 10) / 10);
    }
    return out;
  }, BOXES);
}

/** Two frames: what the app rendered is laid out and painted. */
const settle = (page) =>
  evaluate(page, () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

for (const [viewport, size] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
]) {
  test(`the app takes a static page over and nothing moves: layout shift 0 (${viewport}, sub-path)`, async (t) => {
    const browser = await launch({ viewport: size });
    const page = browser.page;
    try {
      await recordLayoutShifts(page);
      const release = await holdWasm(page);
      await page.goto(`${subPath.url}c/${LEAF}/`);
      await page.getByRole('heading', { level: 1, name: '互联网医院' }).waitFor();
      // The static page alone: its frame; its buttons wait for the app, its checkboxes do not.
      assert.equal(await page.locator('#boot-shell').count(), 1);
      assert.ok(await page.locator('.plan-toggle').isDisabled());
      assert.equal(await page.locator('.rule-tree input').first().isDisabled(), false);
      await settle(page);
      const before = await boxes(page);
      for (const [selector, box] of Object.entries(before)) assert.ok(box, `${selector} is on the static page`);
      await page.screenshot({ path: path.join(screenshotDir(), `takeover-static-${viewport}.png`) });

      release();
      await appReady(page);
      await page.locator('#boot-shell').waitFor({ state: 'detached' });
      await page.getByRole('region', { name: /^结论/ }).waitFor();
      await settle(page);
      // Anything late (a font, an effect) would shift within a few frames.
      await page.waitForTimeout(500);
      const after = await boxes(page);
      await page.screenshot({ path: path.join(screenshotDir(), `takeover-app-${viewport}.png`) });

      // `main` grows by the verdict, below everything compared here: its place and width are compared.
      const moved = BOXES.filter((selector) => {
        const [was, is] = [before[selector], after[selector]].map((box) => (selector.startsWith('main') ? box.slice(0, 3) : box));
        return JSON.stringify(was) !== JSON.stringify(is);
      });
      assert.deepEqual(
        moved.map((selector) => `${selector}: ${before[selector]} -> ${after[selector]}`),
        [],
        'boxes that moved when the app took over (left, top, width, height)',
      );
      const shifts = await evaluate(page, () => window.__layoutShifts);
      const cls = shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);
      t.diagnostic(`cumulative layout shift ${cls} (${shifts.length} entries); ${BOXES.length} boxes unmoved`);
      assert.equal(cls, 0, `layout shifts: ${JSON.stringify(shifts)}`);
      // The app's own page: working controls, the verdict, the route from the path.
      assert.equal(await page.locator('.plan-toggle').isDisabled(), false);
      assert.equal(new URL(page.url()).hash, '');
      assert.equal(await page.title(), '医疗服务 > 互联网医院 · leimu 类目');
      assert.deepEqual(foreignRequests(browser.requests, subPath.origin), []);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('what the visitor ticks and types on the static page before the app starts is kept', async () => {
  // No worker: once it controls the page (it claims it on install) it answers the wasm from its cache, past page.route.
  const browser = await launch({ serviceWorkers: 'block' });
  const page = browser.page;
  try {
    const release = await holdWasm(page);
    await page.goto(`${subPath.url}c/${LEAF}/`);
    await page.getByRole('heading', { level: 1, name: '互联网医院' }).waitFor();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('#boot-shell').count(), 1, 'the static page, the app not started');
    // A first visit fetches the app only at the visitor's first input (xtask/src/boot.rs).
    await page.waitForTimeout(1000);
    assert.equal(release.requested(), false, 'no wasm fetched before the first input');
    // The choice of kind, and a document ticked last (it keeps the focus).
    await page.getByRole('combobox', { name: /适用于你的方式/ }).selectOption('medical-institution');
    await eventually(() => assert.ok(release.requested(), 'the first input starts the app'));
    const licence = page.getByRole('checkbox', { name: /^设置医疗机构批准书/ }).first();
    const id = await licence.getAttribute('id');
    await licence.check();
    release();
    await appMounted(page);
    await page.locator('#boot-shell').waitFor({ state: 'detached' });
    const appLicence = page.locator(`[id="${id}"]`);
    await eventually(async () => assert.ok(await appLicence.isChecked(), 'the tick is the app’s'));
    assert.equal(await page.getByRole('combobox', { name: /适用于你的方式/ }).inputValue(), 'medical-institution');
    assert.equal(await evaluate(page, () => document.activeElement?.id), id, 'the focus is where it was');
    // Recorded as if done in the app: stored.
    await eventually(async () => {
      const stored = JSON.parse((await getStorage(page, 'leimu.profile.v1')) ?? '{}');
      assert.ok(Object.keys(stored.applicant ?? {}).length > 0, JSON.stringify(stored));
    });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

for (const where of ['root', 'sub-path']) {
  const site = () => (where === 'root' ? server : subPath);
  test(`on a static page the app shows the stored profile, and its links lead through the site (${where})`, async () => {
    const browser = await launch();
    const page = browser.page;
    const base = site().url;
    try {
      await page.goto(base);
      await appReady(page);
      await setStorage(page, {
        'leimu.profile.v1': JSON.stringify({ version: 1, applicant: { [DRUG_INFO_CERTIFICATE]: 1 } }),
      });
      await page.goto(`${base}c/${DRUG_INFO}/`);
      // A returning visitor's page depends on what they stored: the app starts with no input.
      await appMounted(page);
      await page.getByRole('heading', { level: 1, name: '药品信息展示' }).waitFor();
      const status = page.getByRole('region', { name: /^结论/ }).locator('.status');
      await eventually(async () => assert.equal(await text(status), '符合条件'));
      assert.ok(await page.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).isChecked());
      // The search lexicon, fetched after the takeover, comes from the site's root, not the page's folder.
      await eventually(async () =>
        assert.ok(browser.requests.some((url) => /^[^#?]*\/lexicon-[0-9a-f]{16}\.bin$/.test(url) && url.startsWith(base) && !url.includes('/c/')), 'the lexicon was fetched from the root'),
      );
      assert.deepEqual(browser.requests.filter((url) => /\/c\/[^/]+\/(lexicon-|catalogue-changes)/.test(url)), []);
      // A change is stored, as anywhere in the app.
      await page.getByRole('button', { name: '加入申请计划' }).click();
      await eventually(async () => assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.plan.v1')), [DRUG_INFO]));

      // The header and footer lead to the site's root, wherever it is.
      const href = (locator) => locator.evaluate((a) => a.href);
      const nav = page.getByRole('navigation', { name: '主导航' });
      assert.equal(await href(nav.getByRole('link', { name: '查找类目' })), `${base}#/`);
      assert.equal(await href(nav.getByRole('link', { name: '申请计划' })), `${base}#/plan`);
      const footer = page.locator('footer.site-footer');
      assert.equal(await href(footer.getByRole('link', { name: '关于' })), `${base}#/about`);
      assert.equal(await href(footer.getByRole('link', { name: /变更/ })), `${base}changes.html`);
      assert.equal(await href(footer.getByRole('link', { name: /嵌入/ })), `${base}embed-docs.html`);

      // The first level's page, then another category's page, which the app takes over too.
      await page.locator('.breadcrumbs').getByRole('link', { name: '医疗服务' }).click();
      await page.getByRole('heading', { level: 1, name: '医疗服务' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${new URL(base).pathname}c/medical/`);
      await page.getByRole('link', { name: '互联网医院' }).click();
      await appReady(page);
      await page.getByRole('region', { name: /^结论/ }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${new URL(base).pathname}c/${LEAF}/`);

      // Into the app at the root: the plan holds what was added on the static page.
      await nav.getByRole('link', { name: '申请计划' }).click();
      await page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
      assert.equal(page.url(), `${base}#/plan`);
      await page.locator('.plan-categories').getByRole('link', { name: /药品信息展示/ }).waitFor();
      // From the app at the root, a category's link stays in the app.
      await page.locator('.plan-categories').getByRole('link', { name: /药品信息展示/ }).click();
      await page.getByRole('heading', { level: 1, name: '药品信息展示' }).waitFor();
      assert.equal(page.url(), `${base}#/c/${DRUG_INFO}`);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
    }
  });

  test(`every old hash link opens what it opened, share links with their data (${where})`, async () => {
    const browser = await launch();
    const page = browser.page;
    const base = site().url;
    try {
      const cases = [
        [`#/c/${LEAF}`, '互联网医院'],
        ['#/profile', '我的资质'],
        ['#/unlock', '我能申请什么'],
        ['#/plan', '申请计划'],
        ['#/about', '关于类目表'],
      ];
      for (const [hash, heading] of cases) {
        await page.goto('about:blank');
        await page.goto(base + hash);
        await appReady(page);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        // Opened in place: the old link is still the address (nothing to lose on the way).
        assert.equal(page.url(), base + hash, hash);
      }
      // A category's old link shows the live page: the verdict.
      await page.goto('about:blank');
      await page.goto(`${base}#/c/${LEAF}`);
      await page.getByRole('region', { name: /^结论/ }).waitFor();

      // A share link on a fresh profile: its plan and documents are taken, then stored.
      await page.goto('about:blank');
      await page.goto(`${base}#/plan?c=${DRUG_INFO}&a=${DRUG_INFO_CERTIFICATE}`);
      await page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
      await eventually(async () => assert.equal(hashOf(page), '#/plan'));
      await eventually(async () => assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.plan.v1')), [DRUG_INFO]));
      assert.match((await getStorage(page, 'leimu.profile.v1')) ?? '', new RegExp(DRUG_INFO_CERTIFICATE));
      await page.locator('.plan-status.satisfied').waitFor();
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
    }
  });

  test(`offline, a category page never visited opens through the app (${where})`, async () => {
    const browser = await launch();
    const page = browser.page;
    const base = site().url;
    try {
      await page.goto(base);
      await appReady(page);
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
      // Nothing stored: only the offline stand-in itself can start the app with no input.
      await evaluate(page, () => {
        for (const key of Object.keys(localStorage)) if (key.startsWith('leimu.')) localStorage.removeItem(key);
      });
      await browser.context.setOffline(true);
      const response = await page.goto(`${base}c/medical.clinical-trial/`);
      assert.ok(response.fromServiceWorker(), 'answered by the worker');
      await appMounted(page);
      await page.getByRole('heading', { level: 1, name: '临床试验' }).waitFor();
      const status = page.getByRole('region', { name: /^结论/ }).locator('.status');
      await eventually(async () => assert.equal(await text(status), '尚缺资质'));
      assert.equal(new URL(page.url()).pathname, `${new URL(base).pathname}c/medical.clinical-trial/`);
      // Its breadcrumb leads to the first level's page, never fetched either: the app lists it.
      await page.locator('.breadcrumbs').getByRole('link', { name: '医疗服务' }).click();
      await page.getByRole('heading', { level: 1, name: '医疗服务' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${new URL(base).pathname}c/medical/`);
      assert.equal(await page.title(), '医疗服务 · leimu 类目');
      await page.getByRole('link', { name: '临床试验' }).click();
      await page.getByRole('heading', { level: 1, name: '临床试验' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: '医疗服务' }).waitFor();
      // Its links still lead up to the root, which opens offline too.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的资质' }).click();
      await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
      assert.equal(page.url(), `${base}#/profile`);
      await browser.context.setOffline(false);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.context.setOffline(false);
      await browser.close();
    }
  });
}

test('index.html under a sub-path that looks like a category page (/c/tools/) is still the home page', async () => {
  const lookalike = await serve(DIST, { prefix: '/c/tools/' });
  const browser = await launch();
  try {
    await browser.page.goto(lookalike.url);
    await appReady(browser.page);
    await browser.page.getByRole('combobox', { name: '搜索类目' }).waitFor();
    assert.equal(await browser.page.locator('main h1').innerText(), '查找类目', 'the home page, not “not found”');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await lookalike.close();
  }
});

test('axe finds nothing serious on a static page once the app has taken it over', async () => {
  const browser = await launch();
  const page = browser.page;
  try {
    await page.goto(`${server.url}c/${LEAF}/`);
    await appReady(page);
    await page.locator('#boot-shell').waitFor({ state: 'detached' });
    await page.getByRole('region', { name: /^结论/ }).waitFor();
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe after the takeover:\n${describeViolations(violations)}`);
  } finally {
    await browser.close();
  }
});
