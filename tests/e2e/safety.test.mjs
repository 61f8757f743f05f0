// Hostile and broken input: typed, in a share link, in storage. The page must
// load, say what it dropped, keep the valid rest, and never run the payload.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, open, appReady, eventually, text, hashOf, setStorage, getStorage, pwned, HOSTILE, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

beforeEach(async () => {
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.profile.v1': null, 'leimu.profile.v1.unreadable': null, 'leimu.plan.v1': null });
  await open(page, server, '#/');
});

async function expectClean() {
  const result = await pwned(page);
  assert.deepEqual(result, { flag: undefined, img: 0, script: 0 }, 'the payload did not run or land in the DOM');
}

// One notice per message; the first is the stored profile's.
const notices = () => page.locator('.notices[role="status"]').first();

test('hostile text typed into the search box stays text', async () => {
  const box = page.getByRole('combobox', { name: '搜索类目' });
  for (const hostile of HOSTILE) {
    await box.fill('');
    await box.pressSequentially(hostile, { delay: 0 });
    assert.equal(await box.inputValue(), hostile);
    // Whatever it matches (or not), the page keeps working and shows no markup.
    await page.waitForFunction(() => document.querySelector('#home-search-results') !== null);
    await expectClean();
    await box.press('Enter');
    await appReady(page);
    await expectClean();
    await open(page, server, '#/');
  }
});

test('a hostile share link: the valid rest is kept, the rest reported as text', async () => {
  const link =
    `${server.url}#/plan?c=medical.drug-info,${encodeURIComponent(HOSTILE[0])}` +
    `&a=internet-drug-info-service-certificate,${HOSTILE[1]}`;
  await page.goto('about:blank');
  await page.goto(link);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
  const notice = notices();
  await notice.waitFor();
  const said = await notice.innerText();
  assert.match(said, /分享链接有部分内容无法识别/);
  assert.ok(said.includes(HOSTILE[0]), `the dropped id is shown as text: ${said}`);
  assert.ok(said.includes(HOSTILE[1]), `the dropped document is shown as text: ${said}`);
  // The valid category and document survived.
  await eventually(async () =>
    assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), ['医疗服务 > 药品信息展示']),
  );
  assert.match(await text(page.locator('ul.plan-checklist')), /☑ 互联网药品信息服务资格证书/);
  await expectClean();
  // The notice can be dismissed.
  await notice.getByRole('button', { name: '知道了' }).click();
  await notice.waitFor({ state: 'detached' });
  await expectClean();
});

test('a hostile category id in a deep link is shown as text', async () => {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/c/${encodeURIComponent(HOSTILE[0])}`);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: '找不到这个页面。' }).waitFor();
  assert.equal(await page.locator('main code').innerText(), HOSTILE[0]);
  await expectClean();
  await page.goto('about:blank');
  await page.goto(`${server.url}#/c/${HOSTILE[1]}`);
  await appReady(page);
  await expectClean();
});

test('a tampered stored profile: a notice, the valid rest kept, nothing run', async () => {
  const tampered = {
    version: 1,
    applicant: { [HOSTILE[0]]: 1, 'internet-drug-info-service-certificate': 1 },
    partners: { [HOSTILE[1]]: 2 },
    kinds: [HOSTILE[1], 'government'],
  };
  await setStorage(page, {
    'leimu.profile.v1': JSON.stringify(tampered),
    'leimu.plan.v1': JSON.stringify([HOSTILE[0], 'medical.drug-info']),
  });
  await open(page, server, '#/profile');
  const notice = notices();
  await notice.waitFor();
  const said = await notice.innerText();
  assert.match(said, /以下内容已不在当前类目表中，已忽略/);
  assert.ok(said.includes(HOSTILE[0]) && said.includes(HOSTILE[1]), said);
  await eventually(async () => assert.match(await text(page.locator('section.profile')), /互联网药品信息服务资格证书/));
  assert.match(await text(page.locator('section.profile')), /是政府机关/);
  await expectClean();
  // Nothing is written back until the user changes something: what was
  // stored, dropped ids included, is still there.
  assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.profile.v1')), tampered);
  assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.plan.v1')), [HOSTILE[0], 'medical.drug-info']);
  await open(page, server, '#/plan');
  await expectClean();
});

test('a stored profile that is not JSON: a notice, and the raw text kept aside', async () => {
  const raw = `{not json ${HOSTILE[0]}`;
  await setStorage(page, { 'leimu.profile.v1': raw });
  await open(page, server, '#/');
  const notice = notices();
  await notice.waitFor();
  assert.match(await notice.innerText(), /保存的记录无法读取，原文已另存（leimu.profile.v1.unreadable）/);
  assert.equal(await getStorage(page, 'leimu.profile.v1.unreadable'), raw);
  await expectClean();
  // The site works: search, and a fresh profile.
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.pressSequentially('卖茶叶');
  await page.getByRole('option', { name: /食品饮料/ }).waitFor();
  await open(page, server, '#/profile');
  assert.equal(await text(page.locator('section.profile h2', { hasText: '本主体持有' }).locator('xpath=following-sibling::*[1]')), '还没有记录任何资质。');
  // The backup is still there after the reload rewrote the profile.
  assert.equal(await getStorage(page, 'leimu.profile.v1.unreadable'), raw);
});

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
