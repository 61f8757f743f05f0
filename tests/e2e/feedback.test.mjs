// What a page says back while a person works: where a tick was recorded, a
// verdict in view on every width, what is still needed, a plan whose way the
// person chooses, an unlock page sized to attention (issue 10).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stopSite, startSite, open, eventually, text, setStorage, getStorage, evaluate, foreignRequests, screenshotDir } from './support.mjs';

let server;
let browser;
let page;

async function fresh(hash, entries = {}) {
  await open(page, server, '#/');
  await evaluate(page, () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('leimu.')) localStorage.removeItem(key);
  });
  await setStorage(page, entries);
  await open(page, server, hash);
}

before(async () => {
  ({ server, browser, page } = await startSite());
  await page.setViewportSize({ width: 1280, height: 800 });
});

after(() => stopSite(server));

test('a tick says where it was recorded, and the verdict stays in view at 1280×800', async () => {
  await fresh('#/c/education.platform');
  await page.getByRole('checkbox', { name: /小程序开发者承诺函/ }).check();
  const status = page.locator('.verdict-summary .tick-status');
  await eventually(async () =>
    assert.equal(await text(status), '已将「小程序开发者承诺函」记为本主体持有（客户「我的资料」）：所有类目都会计入。'),
  );
  const summary = page.locator('.verdict-summary');
  const box = await summary.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `the verdict line is in view: ${JSON.stringify(box)}`);
  assert.match(await text(summary.getByRole('link')), /^结论: /);
  await page.screenshot({ path: path.join(screenshotDir(), 'category-tick-1280.png') });
  // Unticking says it is gone everywhere, and how to say "held, but not met here".
  await page.getByRole('checkbox', { name: /其他平台良好经营情况的证明材料/ }).check();
  await page.getByRole('checkbox', { name: /其他平台良好经营情况的证明材料/ }).uncheck();
  await eventually(async () => assert.match(await text(status), /已不再记为本主体持有.*所有类目都不再计入。.*回答“不符合”/));
});

test('"held, but this category\'s condition is not met" is an answer for this category, not an untick', async () => {
  await fresh('#/c/education.platform');
  await page.getByRole('checkbox', { name: /其他平台良好经营情况的证明材料/ }).check();
  const answers = page.locator('.condition-answers');
  await answers.getByRole('button', { name: '不符合' }).click();
  await eventually(async () => {
    const profile = JSON.parse(await getStorage(page, 'leimu.profile.v1'));
    assert.deepEqual(profile.applicant, { 'good-operation-proof-over-500k-ratings': 1 }, 'still held');
    assert.equal(profile.answers.length, 1);
    assert.equal(profile.answers[0].category, 'education.platform');
    assert.equal(profile.answers[0].holds, false);
  });
  assert.equal(await answers.getByRole('button', { name: '不符合' }).getAttribute('aria-pressed'), 'true');
});

test('a partial partner count reads 还差 N 份, in the checklist and in the verdict', async () => {
  await fresh('#/c/education.platform');
  const count = page.getByRole('spinbutton').first();
  await count.fill('1');
  await count.press('Tab');
  await page.locator('.rule-tree .still-needed').first().getByText('还差 1 份').waitFor();
  await eventually(async () => assert.match(await text(page.locator('.verdict ol.ways')), /还差 1 份/));
  assert.doesNotMatch(await text(page.locator('.verdict ol.ways')), /培训机构合作协议 ×2|民办学校办学许可证 ×2/);
});

test('the plan uses the way the person chooses, and the exports say the same', async () => {
  await fresh('#/plan', {
    'leimu.profile.v1': JSON.stringify({ version: 2, applicant: { 'medical-institution-practice-licence': 1 } }),
    'leimu.plan.v1': '["medical.otc-sales"]',
  });
  const select = page.getByRole('combobox', { name: /使用的方式：.*药品（非处方药）销售/ });
  const options = await select.locator('option').allInnerTexts();
  assert.equal(options[0], '自动（最短的方式）');
  const retail = options.findIndex((o) => o.includes('药品零售企业'));
  assert.ok(retail > 0, options.join('\n'));
  await select.selectOption({ index: retail });
  await eventually(async () => assert.match(await text(page.locator('ul.plan-categories')), /仅适用于 药品零售企业/));
  const stored = JSON.parse(await getStorage(page, 'leimu.plan.v1'));
  assert.equal(stored[0].category, 'medical.otc-sales');
  assert.equal(typeof stored[0].way, 'number');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Markdown' }).click()]);
  assert.match(await readFile(await download.path(), 'utf8'), /仅适用于 药品零售企业/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
  const report = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(report.categories[0].chosen_by_user, true);
  // The choice survives a reload.
  await page.reload();
  await eventually(async () => assert.match(await text(page.locator('ul.plan-categories')), /仅适用于 药品零售企业/));
});

test('我能申请什么 answers on its first screen and keeps other kinds of applicant apart', async () => {
  await fresh('#/unlock', { 'leimu.profile.v1': JSON.stringify({ version: 2, applicant: { 'business-licence': 1 } }) });
  const headline = await text(page.locator('.unlock-headline'));
  assert.match(headline, /^现在可以申请 \d+ 个类目，另有 \d+ 个资料齐全待确认，\d+ 个只差一份资质。$/);
  const headlineBox = await page.locator('.unlock-headline').boundingBox();
  assert.ok(headlineBox.y + headlineBox.height < 800, 'the answer is on the first screen');
  const otherKinds = page.locator('details.unlock-other-kinds');
  if (await otherKinds.count()) {
    assert.equal(await otherKinds.getAttribute('open'), null, 'collapsed');
    assert.match(await text(otherKinds.locator('summary')), /个类目只对特定主体开放/);
  }
  assert.match(await text(page.locator('details.unlock-open summary')), /无需资质的类目（\d+ 个）/);
  const height = await evaluate(page, () => document.documentElement.scrollHeight);
  assert.ok(height < 8000, `the page is ${height} px tall`);
  await page.screenshot({ path: path.join(screenshotDir(), 'unlock-tea-shop-1280.png'), fullPage: true });
  const more = page.getByRole('button', { name: /显示其余 \d+ 个/ });
  if (await more.count()) {
    const before = await page.locator('.unlock-list > li').count();
    await more.click();
    await eventually(async () => assert.ok((await page.locator('.unlock-list > li').count()) > before));
  }
});

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, []);
});
