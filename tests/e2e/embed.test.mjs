// Embedding: the <leimu-checker> custom element and the iframe embed page,
// on a host page from another origin, as a person and a host's script use
// them. Three real origins: the widget (leimu's dist/) on 127.0.0.1:<p1>,
// host pages on localhost:<p2>, and a third site on 127.0.0.1:<p3> that
// tries to command the widget.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtemp, mkdir, symlink, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import {
  serve,
  launch,
  closeAll,
  ROOT,
  DIST,
  evaluate,
  eventually,
  text,
  screenshotDir,
  axeViolations,
  describeViolations,
  foreignRequests,
  HOSTILE,
  AXE,
} from './support.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'embed-host');
// The catalogue's version, as catalog/provenance.toml sets it and the `ready` event carries it.
const CATALOGUE_VERSION = JSON.parse(
  await readFile(path.join(ROOT, 'catalog', 'generated', 'catalog.json'), 'utf8'),
).provenance.version;
const EVENT_KEYS = {
  ready: ['catalogue', 'category', 'lang', 'source', 'type', 'version'],
  category: ['id', 'name', 'path', 'source', 'type', 'version'],
  verdict: ['category', 'documents_ready', 'missing', 'satisfied', 'source', 'status', 'type', 'version'],
  resize: ['height', 'source', 'type', 'version'],
  profile: ['applicant', 'kinds', 'partners', 'source', 'type', 'version'],
};
const MISSING_KEYS = ['have', 'holder', 'id', 'name', 'need'];
// Two documents, either of which satisfies 药品信息展示 (medical.drug-info).
const DRUG_INFO_CERTIFICATE = 'internet-drug-info-service-certificate';

let widget; // leimu's dist/ — the widget's origin
let host; // the host pages' origin
let third; // another site
let subpathRoot; // a folder serving dist/ under /docs/leimu/
let subpath;
let browser;
let page;

before(async () => {
  widget = await serve();
  host = await serve(FIXTURES, { hostname: 'localhost' });
  third = await serve(FIXTURES);
  subpathRoot = await mkdtemp(path.join(tmpdir(), 'leimu-subpath-'));
  await writeFile(path.join(subpathRoot, 'index.html'), '<!doctype html><title>another site</title>');
  await mkdir(path.join(subpathRoot, 'docs'));
  await symlink(DIST, path.join(subpathRoot, 'docs', 'leimu'));
  subpath = await serve(subpathRoot, { hostname: 'localhost' });
  browser = await launch({ locale: 'en-US' });
  page = browser.page;
});

after(async () => {
  await closeAll();
  await Promise.all([widget, host, third, subpath].map((server) => server?.close()));
  if (subpathRoot) await rm(subpathRoot, { recursive: true, force: true });
});

const elementPage = (site = widget.url) => `${host.url}index.html?widget=${encodeURIComponent(site)}`;
const iframePage = (extra = {}) =>
  `${host.url}iframe.html?${new URLSearchParams({ widget: widget.url, ...extra })}`;

/** The widget's frame (inside the element's shadow root, or the iframe page's iframe). */
function widgetFrame() {
  const frame = page.frames().find((f) => f.url().startsWith(`${widget.origin}/embed.html`));
  assert.ok(frame, `no embed frame among ${page.frames().map((f) => f.url())}`);
  return frame;
}

const widgetLocator = () => page.frameLocator('iframe[src*="/embed.html"]');

/** The leimu CustomEvents the host page received, by type (`leimu-verdict` → `verdict`). */
async function hostEvents(type) {
  const events = await evaluate(page, () => window.__events);
  return events.filter((e) => e.type === `leimu-${type}`);
}

/** The postMessages the iframe host page received from the widget, by type. */
async function hostMessages(type) {
  const messages = await evaluate(page, () => window.__messages);
  return messages.filter((m) => m.data?.type === type);
}

async function openElementPage(site) {
  await page.goto(elementPage(site));
  await page.waitForFunction(() => window.__events?.some((e) => e.type === 'leimu-ready'));
}

async function openIframePage(extra) {
  await page.goto(iframePage(extra));
  await page.waitForFunction(() => window.__messages?.some((m) => m.data?.type === 'ready'));
}

async function expectHeading(name) {
  await widgetLocator().getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** The widget's content height and the iframe's height, in the host page. */
async function heights() {
  const content = await widgetFrame().evaluate(() => document.querySelector('.embed').getBoundingClientRect().height);
  const frame = await evaluate(page, () => {
    const checker = document.querySelector('leimu-checker');
    const iframe = checker ? checker.shadowRoot.querySelector('iframe') : document.getElementById('leimu');
    return iframe.getBoundingClientRect().height;
  });
  return { content, frame };
}

async function expectFrameFitsContent() {
  await eventually(async () => {
    const { content, frame } = await heights();
    // The element's iframe has no border; the iframe page's has 2px each side.
    const border = (await evaluate(page, () => !!document.querySelector('leimu-checker'))) ? 0 : 4;
    assert.ok(Math.abs(frame - border - Math.ceil(content)) <= 1, `iframe ${frame}px for content ${content}px`);
  });
}

/** Sends `data` to the widget frame from the host page (iframe page) and waits until the widget has received it. */
async function sendFromHost(data) {
  await armProbe();
  await evaluate(page, (payload) => window.__send(payload), data);
  await waitForDelivery(1);
}

/**
 * A listener in the widget's window that records which messages reach it:
 * proof that an ignored command was delivered (and ignored), not lost.
 */
async function armProbe() {
  await widgetFrame().evaluate(() => {
    window.__received = [];
    if (!window.__probe) {
      window.__probe = true;
      window.addEventListener('message', (event) => window.__received.push(event.origin));
    }
  });
}

async function waitForDelivery(count) {
  await widgetFrame().waitForFunction((n) => window.__received.length >= n, count);
  // Leptos applies a change on the next tick; give an ignored command every chance to show.
  await page.waitForTimeout(300);
  return widgetFrame().evaluate(() => window.__received);
}

async function expectNotPwned() {
  for (const frame of page.frames()) {
    const state = await frame.evaluate(() => ({
      flag: window.__pwned,
      img: document.querySelectorAll('img[src="x"]').length,
      script: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
    }));
    assert.deepEqual(state, { flag: undefined, img: 0, script: 0 }, `in ${frame.url()}`);
  }
}

test('the custom element renders the category, and the host receives ready, category and verdict events', async () => {
  await openElementPage();
  await expectHeading('药品信息展示');
  const verdict = widgetLocator().getByRole('region', { name: /^Verdict/ });
  assert.match(await text(verdict), /Verdict: Missing documents/);
  // No site header or footer in the widget.
  assert.equal(await widgetLocator().locator('header, footer, nav').count(), 0);

  await eventually(async () => assert.equal((await hostEvents('verdict')).length, 1));
  const [ready] = await hostEvents('ready');
  assert.deepEqual(ready.detail, { source: 'leimu', version: 1, type: 'ready', lang: 'en', category: 'medical.drug-info', catalogue: CATALOGUE_VERSION });
  const [category] = await hostEvents('category');
  assert.deepEqual(category.detail, {
    source: 'leimu',
    version: 1,
    type: 'category',
    id: 'medical.drug-info',
    name: '药品信息展示',
    path: ['医疗服务', '药品信息展示'],
  });
  const [first] = await hostEvents('verdict');
  assert.deepEqual(Object.keys(first.detail).sort(), EVENT_KEYS.verdict);
  assert.equal(first.detail.category, 'medical.drug-info');
  assert.equal(first.detail.status, 'missing');
  assert.equal(first.detail.satisfied, false);
  assert.equal(first.detail.missing.length, 1, 'the shortest way needs one document');
  assert.deepEqual(Object.keys(first.detail.missing[0]).sort(), MISSING_KEYS);
  assert.equal(first.detail.missing[0].have, 0);
  for (const event of await evaluate(page, () => window.__events)) {
    assert.equal(event.target, 'checker', 'dispatched on the element');
    assert.ok(event.bubbles && event.composed, `${event.type} bubbles out of shadow DOM`);
    assert.deepEqual(Object.keys(event.detail).sort(), EVENT_KEYS[event.type.slice('leimu-'.length)], event.type);
  }
});

test('styles do not leak into the widget or out of it', async () => {
  await openElementPage();
  await expectHeading('药品信息展示');
  const input = await widgetFrame().evaluate(() => {
    const style = getComputedStyle(document.querySelector('input[type="search"]'));
    return { color: style.color, background: style.backgroundColor, size: style.fontSize };
  });
  assert.notEqual(input.color, 'rgb(255, 0, 0)');
  assert.notEqual(input.background, 'rgb(255, 255, 0)');
  assert.notEqual(input.size, '40px');
  const hostVerdict = await evaluate(page, () => getComputedStyle(document.getElementById('host-verdict')).borderTopWidth);
  assert.equal(hostVerdict, '0px', "leimu's .verdict style stays out of the host page");
});

test('by keyboard: Tab into the widget, search, choose with Enter, tick with Space', async () => {
  await openElementPage();
  await expectHeading('药品信息展示');
  await page.locator('#before').focus();
  await page.keyboard.press('Tab');
  await eventually(async () =>
    assert.equal(await widgetFrame().evaluate(() => document.activeElement?.id), 'embed-search-input'),
  );
  await page.keyboard.type('互联网医院');
  await widgetLocator().getByRole('option', { name: /互联网医院/ }).first().waitFor();
  await page.keyboard.press('Enter');
  await expectHeading('互联网医院');
  await eventually(async () => {
    const chosen = (await hostEvents('category')).at(-1);
    assert.equal(chosen.detail.id, 'medical.internet-hospital');
  });
  // The element's attribute follows the visitor's choice.
  assert.equal(await page.locator('#checker').getAttribute('category'), 'medical.internet-hospital');

  const before = (await hostEvents('verdict')).at(-1).detail;
  assert.equal(before.category, 'medical.internet-hospital');
  // Tab on to the first checkbox of the checklist and tick it with Space.
  let focused;
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    focused = await widgetFrame().evaluate(() => ({ type: document.activeElement?.type, id: document.activeElement?.id }));
    if (focused.type === 'checkbox') break;
  }
  assert.equal(focused.type, 'checkbox', 'Tab reaches a checkbox');
  await page.keyboard.press('Space');
  assert.ok(await widgetFrame().locator(`#${focused.id}`).isChecked());
  await eventually(async () => {
    const profile = (await hostEvents('profile')).at(-1);
    assert.ok(profile, 'a profile event follows the tick');
    assert.equal(Object.keys(profile.detail.applicant).length, 1);
  });
  await eventually(async () => {
    const after = (await hostEvents('verdict')).at(-1).detail;
    assert.notDeepEqual(after, before, 'the verdict changed');
  });
});

test('by mouse: choose a result, tick a document, the verdict turns satisfied', async () => {
  await openElementPage();
  await expectHeading('药品信息展示');
  const box = widgetLocator().getByRole('combobox', { name: 'Search categories' });
  await box.click();
  await box.pressSequentially('临床试验');
  await widgetLocator().getByRole('option', { name: /临床试验/ }).first().click();
  await expectHeading('临床试验');
  await eventually(async () => assert.equal((await hostEvents('category')).at(-1).detail.id, 'medical.clinical-trial'));

  // Back to 药品信息展示 by a command, then one click satisfies it.
  await evaluate(page, () => document.getElementById('checker').setAttribute('category', 'medical.drug-info'));
  await expectHeading('药品信息展示');
  await widgetLocator().getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).click();
  await eventually(async () => {
    const verdict = (await hostEvents('verdict')).at(-1).detail;
    assert.equal(verdict.category, 'medical.drug-info');
    assert.equal(verdict.status, 'satisfied');
    assert.equal(verdict.satisfied, true);
    assert.deepEqual(verdict.missing, []);
  });
  assert.match(await text(widgetLocator().getByRole('region', { name: /^Verdict/ })), /Qualifies/);
});

test('the element grows and shrinks with the content', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openElementPage();
  await expectHeading('药品信息展示');
  await expectFrameFitsContent();
  const small = (await heights()).frame;
  assert.notEqual(small, 420, 'the initial height was replaced by the content height');

  await evaluate(page, () => document.getElementById('checker').setAttribute('category', 'medical.clinical-trial'));
  await expectHeading('临床试验');
  await expectFrameFitsContent();
  const large = (await heights()).frame;
  assert.ok(large > small + 50, `临床试验 (${large}px) is taller than 药品信息展示 (${small}px)`);

  await evaluate(page, () => document.getElementById('checker').removeAttribute('category'));
  await widgetLocator().locator('#embed-category-name').waitFor({ state: 'detached' });
  await expectFrameFitsContent();
  assert.ok((await heights()).frame < small, 'back to the search alone, it shrinks');
  const resizes = await hostEvents('resize');
  assert.ok(resizes.length >= 3, 'leimu-resize events reach the host');
});

test('attributes and setProfile command the widget from the allowed host page', async () => {
  await openElementPage();
  await expectHeading('药品信息展示');
  await evaluate(page, () => document.getElementById('checker').setAttribute('lang', 'zh'));
  await widgetLocator().getByRole('combobox', { name: '搜索类目' }).waitFor();
  assert.equal(
    await evaluate(page, () => document.getElementById('checker').shadowRoot.querySelector('iframe').title),
    'leimu 类目：小程序服务类目资质自查',
  );
  await evaluate(
    page,
    (id) => document.getElementById('checker').setProfile({ applicant: { [id]: 1, 'no-such-document': 3 }, partners: {}, kinds: [] }),
    DRUG_INFO_CERTIFICATE,
  );
  await eventually(async () => assert.equal((await hostEvents('verdict')).at(-1).detail.status, 'satisfied'));
  assert.ok(await widgetLocator().getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).isChecked());
  const profile = (await hostEvents('profile')).at(-1).detail;
  assert.deepEqual(profile.applicant, { [DRUG_INFO_CERTIFICATE]: 1 }, 'the unknown id was dropped');
});

test('iframe: the host receives postMessages of the documented shape and its commands work', async () => {
  await openIframePage();
  await expectHeading('药品信息展示');
  await eventually(async () => assert.ok((await hostMessages('resize')).length > 0));
  await expectFrameFitsContent();
  for (const type of ['ready', 'category', 'verdict', 'resize']) {
    const [message] = await hostMessages(type);
    assert.ok(message, `a ${type} message`);
    assert.equal(message.origin, widget.origin);
    assert.deepEqual(Object.keys(message.data).sort(), EVENT_KEYS[type], type);
    assert.equal(message.data.source, 'leimu');
    assert.equal(message.data.version, 1);
  }
  assert.equal((await hostMessages('ready'))[0].data.lang, 'zh');

  await sendFromHost({ source: 'leimu', version: 1, type: 'set-category', category: 'medical.internet-hospital' });
  await expectHeading('互联网医院');
  await eventually(async () => assert.equal((await hostMessages('category')).at(-1).data.id, 'medical.internet-hospital'));
  await sendFromHost({ source: 'leimu', version: 1, type: 'set-lang', lang: 'en' });
  await widgetLocator().getByRole('combobox', { name: 'Search categories' }).waitFor();
  await sendFromHost({ source: 'leimu', version: 1, type: 'set-category', category: null });
  await widgetLocator().locator('#embed-category-name').waitFor({ state: 'detached' });
  assert.equal((await hostMessages('category')).at(-1).data.id, null);
});

test('iframe: a host page whose origin is not in allow= cannot command the widget', async () => {
  await page.goto(iframePage({ allow: third.origin }));
  await expectHeading('药品信息展示');
  await armProbe();
  await evaluate(page, () =>
    window.__send({ source: 'leimu', version: 1, type: 'set-category', category: 'medical.internet-hospital' }),
  );
  assert.deepEqual(await waitForDelivery(1), [host.origin], 'the command was delivered');
  await expectHeading('药品信息展示');
  // Events are posted to the allowed origins only, and this host is not one of them.
  assert.deepEqual(await evaluate(page, () => window.__messages), [], 'no event reached a host that is not allowed');
});

test('iframe: commands from a third origin are ignored', async () => {
  await openIframePage({ third: `${third.url}third.html` });
  await expectHeading('药品信息展示');
  const attacker = page.frames().find((f) => f.url().startsWith(third.origin));
  assert.ok(attacker, 'the third frame loaded');
  await attacker.waitForFunction(() => typeof window.__attack === 'function');
  await armProbe();
  await attacker.evaluate(() => {
    window.__attack({ source: 'leimu', version: 1, type: 'set-category', category: 'medical.internet-hospital' });
    window.__attack({ source: 'leimu', version: 1, type: 'set-lang', lang: 'en' });
  });
  assert.deepEqual(await waitForDelivery(2), [third.origin, third.origin], 'both commands were delivered');
  await expectHeading('药品信息展示');
  await widgetLocator().getByRole('combobox', { name: '搜索类目' }).waitFor();
  assert.equal((await hostMessages('category')).length, 1, 'no category change');
});

test('iframe: malformed and hostile messages from the allowed host are ignored and the widget keeps working', async () => {
  await openIframePage();
  await expectHeading('药品信息展示');
  await armProbe();
  const sent = await evaluate(
    page,
    (hostile) => {
      const cyclic = { source: 'leimu', version: 1, type: 'set-category' };
      cyclic.category = cyclic;
      const messages = [
        null,
        undefined,
        42,
        'set-category',
        JSON.stringify({ source: 'leimu', version: 1, type: 'set-category', category: 'medical.internet-hospital' }),
        [],
        {},
        { type: 'set-category', category: 'medical.internet-hospital' },
        { source: 'leimu', version: 2, type: 'set-category', category: 'medical.internet-hospital' },
        { source: 'leimu', version: '1', type: 'set-category', category: 'medical.internet-hospital' },
        { source: 'other', version: 1, type: 'set-category', category: 'medical.internet-hospital' },
        { source: 'leimu', version: 1, type: 'set-everything', category: 'medical.internet-hospital' },
        { source: 'leimu', version: 1, type: 'set-category' },
        { source: 'leimu', version: 1, type: 'set-category', category: ['medical.internet-hospital'] },
        { source: 'leimu', version: 1, type: 'set-category', category: 10n },
        cyclic,
        { source: 'leimu', version: 1, type: 'set-lang', lang: 'fr' },
        { source: 'leimu', version: 1, type: 'set-profile', profile: 'everything' },
        { source: 'leimu', version: 1, type: 'set-profile', profile: { applicant: { x: -1 } } },
        { source: 'leimu', version: 1, type: 'ready', lang: 'en', category: null },
        { source: 'leimu', version: 1, type: 'set-category', category: 'x'.repeat(200000) },
        new Date(),
        new Blob(['x']),
        ...hostile.flatMap((text) => [
          { source: 'leimu', version: 1, type: 'set-category', category: text },
          { source: 'leimu', version: 1, type: 'set-lang', lang: text },
          { source: 'leimu', version: 1, type: text },
          { source: 'leimu', version: 1, type: 'set-profile', profile: { applicant: { [text]: 1 }, partners: {}, kinds: [text] } },
          text,
        ]),
      ];
      for (const message of messages) window.__send(message);
      return messages.length;
    },
    HOSTILE,
  );
  await waitForDelivery(sent);
  await expectHeading('药品信息展示');
  await widgetLocator().getByRole('combobox', { name: '搜索类目' }).waitFor();
  assert.equal((await hostMessages('category')).length, 1, 'nothing changed the category');
  await expectNotPwned();

  // Still working: a valid command right after.
  await sendFromHost({ source: 'leimu', version: 1, type: 'set-category', category: 'medical.internet-hospital' });
  await expectHeading('互联网医院');
  await widgetLocator().getByRole('checkbox').first().check();
  await eventually(async () => assert.equal((await hostMessages('profile')).length, 1));
  await expectNotPwned();
});

test('the docs page: snippets from its own address, a live preview with events, accessible', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // The site's old route and its footer link lead to the guide's own page.
  await page.goto(`${widget.url}#/embed`);
  await page.waitForURL(`${widget.url}embed-docs.html`);
  await page.goto(widget.url);
  await page.locator('footer').getByRole('link', { name: '把类目自查嵌入你的网站' }).click();
  await page.waitForURL(`${widget.url}embed-docs.html`);
  await page.getByRole('heading', { level: 1, name: '嵌入到你的网站' }).waitFor();
  const element = await text(page.locator('#snippet-element'));
  assert.ok(element.includes(`<script type="module" src="${widget.url}leimu-checker.js"></script>`), element);
  assert.ok(element.includes('<leimu-checker category="medical.internet-hospital" lang="zh"></leimu-checker>'));
  assert.ok((await text(page.locator('#snippet-iframe'))).includes(`new URL('${widget.url}embed.html')`));
  // The live preview is a real <leimu-checker>, and its events reach the page.
  await page.frameLocator('leimu-checker iframe').getByRole('heading', { level: 2, name: '互联网医院' }).waitFor();
  await page.locator('.event-log').getByText(/leimu-verdict/).waitFor();
  // axe checks frames only where it runs (and waits for the others): load it into the preview too.
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) await frame.addScriptTag({ path: AXE });
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
});

test('under a sub-path, the snippets and the element resolve from the site itself', async () => {
  const site = `${subpath.url}docs/leimu/`;
  await page.goto(`${site}embed-docs.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.ok((await text(page.locator('#snippet-element'))).includes(`src="${site}leimu-checker.js"`));
  await page.frameLocator('leimu-checker iframe').getByRole('heading', { level: 2, name: '互联网医院' }).waitFor();
  assert.ok(page.frames().some((f) => f.url().startsWith(`${site}embed.html?`)));
});

test('the docs page follows the language: ?lang=en, and its switch', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${widget.url}embed-docs.html?lang=en`);
  await page.getByRole('heading', { level: 1, name: 'Embed in your site' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok((await text(page.locator('#snippet-element'))).includes('lang="en"'));
  await page.getByRole('link', { name: '中文' }).click();
  await page.getByRole('heading', { level: 1, name: '嵌入到你的网站' }).waitFor();
});

test('screenshots: the docs page and the host page at 1280 and 375 px', async () => {
  const folder = screenshotDir();
  for (const size of [
    { width: 1280, height: 900 },
    { width: 375, height: 812 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`${widget.url}embed-docs.html`);
    await page.frameLocator('leimu-checker iframe').getByRole('heading', { level: 2, name: '互联网医院' }).waitFor();
    await page.waitForFunction(() => document.fonts.status === 'loaded');
    await page.screenshot({ path: path.join(folder, `embed-docs-${size.width}.png`), fullPage: true });
    assert.ok((await evaluate(page, () => document.documentElement.scrollWidth)) <= size.width, 'no sideways scroll');

    await openElementPage();
    await expectHeading('药品信息展示');
    await expectFrameFitsContent();
    await page.screenshot({ path: path.join(folder, `embed-host-${size.width}.png`), fullPage: true });
    assert.ok((await evaluate(page, () => document.documentElement.scrollWidth)) <= size.width, 'no sideways scroll');
  }
});

test('no request left the origins of the test, and no page logged an error', () => {
  const origins = [widget, host, third, subpath].map((server) => server.origin);
  const foreign = origins.reduce((left, origin) => foreignRequests(left, origin), browser.requests);
  assert.deepEqual(foreign, []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
