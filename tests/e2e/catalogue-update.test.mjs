// Which catalogue the site is, and what a catalogue update means for a
// returning visitor and for the reader of an older share link (issue 13).
//
// catalog/history/ holds one version today, so an older one is faked: the
// browser gets tests/e2e/fixtures/catalogue-changes.json in place of the
// built dist/catalogue-changes.json. That fixture is written by the build's
// own generator (xtask/src/changes.rs) from a catalogue its test made older
// (`2025.9`: 公立医疗机构 read differently, 三级私立医疗机构 had another
// name, medical.retired-example existed; `2025.10`: only the first), and a
// test there fails when it is stale. The service worker is blocked so that
// every fetch reaches the network (and this fixture).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT,
  serve,
  launch,
  stopSite,
  open,
  setStorage,
  getStorage,
  eventually,
  screenshotDir,
  foreignRequests,
} from './support.mjs';

const FIXTURE = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'catalogue-changes.json');
const CHANGES = 'catalogue-changes.json';

let server;
let browser;
let page;
let current;
let provenance;

/** How many times the page asked for the list of changes. */
const changesFetched = () => browser.requests.filter((url) => url.endsWith('/' + CHANGES)).length;

const updateNotice = () => page.locator('.notices').filter({ hasText: '类目表已更新' });

before(async () => {
  current = JSON.parse(await readFile(FIXTURE, 'utf8')).version;
  const toml = await readFile(path.join(ROOT, 'catalog', 'provenance.toml'), 'utf8');
  provenance = Object.fromEntries(
    [...toml.matchAll(/^(\w+) = "([^"]*)"/gm)].map(([, key, value]) => [key, value]),
  );
  assert.equal(provenance.version, current, 'the fixture is for today\'s catalogue (cargo test -p xtask changes)');
  server = await serve();
  browser = await launch({ serviceWorkers: 'block' });
  page = browser.page;
  await browser.context.route('**/' + CHANGES, (route) =>
    route.fulfill({ path: FIXTURE, contentType: 'application/json; charset=utf-8' }),
  );
  await open(page, server, '#/');
});

after(() => stopSite(server));

const clearStorage = () =>
  setStorage(page, {
    'leimu.lang': null,
    'leimu.profile.v1': null,
    'leimu.plan.v1': null,
    'leimu.catalogue-seen.v1': null,
    'leimu.clients.v1': null,
  });

test('the about page names the source text, and the footer leads to it', async () => {
  await open(page, server, '#/');
  await page.locator('footer').getByRole('link', { name: '关于' }).click();
  await page.getByRole('heading', { level: 1, name: '关于类目表' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/about');
  const facts = await page.locator('dl.provenance').innerText();
  for (const fact of ['非个人主体小程序开放的服务类目', provenance.version, provenance.taken, provenance.source_sha256]) {
    assert.ok(facts.includes(fact), `the about page shows ${fact}:\n${facts}`);
  }
  assert.match(facts, /\d+ 个一级类目，\d+ 个类目，\d+ 种资质/);
  const changes = page.getByRole('link', { name: '各版本的变化' });
  assert.equal(await changes.getAttribute('href'), 'changes.html');
  assert.match(await page.title(), /^关于类目表 · /);
  await page.screenshot({ path: path.join(screenshotDir(), 'about-zh.png'), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'About the catalogue' }).waitFor();
  assert.ok((await page.locator('dl.provenance').innerText()).includes('SHA-256 of the text'));
  await page.screenshot({ path: path.join(screenshotDir(), 'about-en.png'), fullPage: true });
  await setStorage(page, { 'leimu.lang': null });
});

test('data saved with today\'s catalogue fetches nothing and says nothing', async () => {
  await clearStorage();
  await setStorage(page, {
    'leimu.profile.v1': JSON.stringify({ version: 2, catalogue: current, applicant: { 'business-licence': 1 } }),
    'leimu.plan.v1': JSON.stringify(['medical.public-institution']),
  });
  const before = changesFetched();
  await open(page, server, '#/plan');
  await page.getByRole('link', { name: '医疗服务 > 公立医疗机构' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(changesFetched(), before, 'nothing to compare, nothing fetched');
  assert.equal(await updateNotice().count(), 0);
});

test('a returning visitor is told which categories of the plan changed and which went, and nothing is lost', async () => {
  await clearStorage();
  const profile = JSON.stringify({ version: 2, catalogue: '2025.9', applicant: { 'business-licence': 1 } });
  const plan = JSON.stringify(['medical.internet-hospital', 'medical.public-institution', 'medical.retired-example']);
  await setStorage(page, { 'leimu.profile.v1': profile, 'leimu.plan.v1': plan });
  await open(page, server, '#/plan');
  const notice = updateNotice();
  await notice.waitFor();
  const text = await notice.innerText();
  assert.ok(
    text.includes(`类目表已更新：你的资料保存时是 2025.9 版（原文取于 2025-09-01），现在是 ${current} 版。计划中以下类目有变化，点开看现在需要什么：`),
    text,
  );
  // Only the plan's categories: 三级私立医疗机构 changed too, but is not in this plan; 互联网医院 is, unchanged.
  assert.deepEqual(await notice.getByRole('link').allInnerTexts(), ['医疗服务 > 公立医疗机构', '全部变化']);
  assert.equal(
    await notice.getByRole('link', { name: '医疗服务 > 公立医疗机构' }).getAttribute('href'),
    '#/c/medical.public-institution',
  );
  assert.equal(await notice.getByRole('link', { name: '全部变化' }).getAttribute('href'), 'changes.html');
  assert.ok(text.includes('已删除：医疗服务 > 已撤销的示例类目（medical.retired-example）'), text);
  assert.ok(!text.includes('互联网医院'), text);
  // The removed id is reported as it is now, by the notice every dropped id gets.
  await page.locator('.notices').filter({ hasText: '以下内容已不在当前类目表中，已忽略：medical.retired-example' }).waitFor();
  // The plan shows what today's catalogue has; storage keeps what the visitor entered.
  assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), [
    '医疗服务 > 互联网医院',
    '医疗服务 > 公立医疗机构',
  ]);
  assert.equal(await getStorage(page, 'leimu.plan.v1'), plan);
  assert.equal(await getStorage(page, 'leimu.profile.v1'), profile);
  await page.screenshot({ path: path.join(screenshotDir(), 'catalogue-update-notice.png'), fullPage: true });

  // "What each now needs": the link opens the category as today's catalogue has it; the notice stays.
  await notice.getByRole('link', { name: '医疗服务 > 公立医疗机构' }).click();
  await page.getByRole('heading', { level: 1, name: /公立医疗机构/ }).waitFor();
  await updateNotice().waitFor();

  // Dismissed, it records today's version and does not come back.
  await updateNotice().getByRole('button', { name: '知道了' }).click();
  await eventually(async () => assert.equal(await updateNotice().count(), 0));
  assert.equal(await getStorage(page, 'leimu.catalogue-seen.v1'), current);
  assert.equal(await getStorage(page, 'leimu.plan.v1'), plan, 'dismissing writes nothing the visitor entered');
  const fetched = changesFetched();
  await open(page, server, '#/plan');
  await page.getByRole('link', { name: '医疗服务 > 互联网医院' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await updateNotice().count(), 0);
  assert.equal(changesFetched(), fetched, 'nothing fetched once seen');
});

test('a version the list does not know (a later one) says nothing', async () => {
  await clearStorage();
  await setStorage(page, {
    'leimu.profile.v1': JSON.stringify({ version: 2, catalogue: '2099.1' }),
    'leimu.plan.v1': JSON.stringify(['medical.public-institution']),
  });
  const before = changesFetched();
  await open(page, server, '#/plan');
  await eventually(() => assert.equal(changesFetched(), before + 1));
  await page.waitForTimeout(300);
  assert.equal(await updateNotice().count(), 0);
});

test('a plan saved alone records the version too, so its visitor is told after an update', async () => {
  await clearStorage();
  await open(page, server, '#/c/medical.public-institution');
  await page.getByRole('button', { name: '加入申请计划' }).click();
  await eventually(async () => assert.equal(await getStorage(page, 'leimu.catalogue-seen.v1'), current));
  assert.equal(await getStorage(page, 'leimu.profile.v1'), null, 'no profile was written');
  // As if this had been saved with 2025.10, then the site updated.
  await setStorage(page, { 'leimu.catalogue-seen.v1': '2025.10' });
  await open(page, server, '#/');
  const notice = updateNotice();
  await notice.waitFor();
  assert.ok((await notice.innerText()).includes('2025.10'));
  assert.deepEqual(await notice.getByRole('link').allInnerTexts(), ['医疗服务 > 公立医疗机构', '全部变化']);
});

test('an older share link is shown against today\'s catalogue, with what changed for its categories', async () => {
  await clearStorage();
  await open(
    page,
    server,
    '#/plan?c=medical.private-tier3%2Cmedical.internet-hospital%2Cmedical.retired-example&a=business-licence&cv=2025.9',
  );
  const note = page.locator('.notices').filter({ hasText: '这个分享链接是按 2025.9 版类目表生成的' });
  await note.waitFor();
  const text = await note.innerText();
  assert.ok(text.includes(`这个分享链接是按 2025.9 版类目表生成的，现按当前 ${current} 版显示。链接中以下类目有变化：`), text);
  assert.deepEqual(await note.getByRole('link').allInnerTexts(), ['医疗服务 > 三级私立医疗机构', '全部变化']);
  assert.ok(text.includes('已删除：医疗服务 > 已撤销的示例类目（medical.retired-example）'), text);
  // The link's plan is read against today's catalogue (a fresh visitor takes it).
  await eventually(async () =>
    assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), [
      '医疗服务 > 三级私立医疗机构',
      '医疗服务 > 互联网医院',
    ]),
  );
  await page.screenshot({ path: path.join(screenshotDir(), 'older-share-link.png'), fullPage: true });
  // The note belongs to the plan page.
  await page.locator('nav').getByRole('link', { name: '查找类目' }).click();
  await eventually(async () => assert.equal(await note.count(), 0));
});

test('a share link of an unknown version says so without guessing; one of today\'s says nothing', async () => {
  await clearStorage();
  await open(page, server, '#/plan?c=medical.private-tier3&cv=2099.1');
  const note = page.locator('.notices').filter({ hasText: '这个分享链接是按 2099.1 版类目表生成的' });
  await note.waitFor();
  assert.ok((await note.innerText()).includes(`现按当前 ${current} 版显示。`));
  assert.deepEqual(await note.getByRole('link').allInnerTexts(), ['全部变化']);
  await clearStorage();
  const before = changesFetched();
  await open(page, server, `#/plan?c=medical.private-tier3&cv=${current}`);
  await page.getByRole('link', { name: '医疗服务 > 三级私立医疗机构' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.notices').filter({ hasText: '这个分享链接是按' }).count(), 0);
  assert.equal(changesFetched(), before);
});

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
});
