// axe-core on every page: no violation of impact serious or critical.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, stopSite, startSite, launch, open, setStorage, getStorage, axeViolations, describeViolations, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
  await open(page, server, '#/');
  await setStorage(page, {
    'leimu.lang': null,
    'leimu.profile.v1': JSON.stringify({
      version: 1,
      applicant: { 'medical-institution-practice-licence': 1, 'internet-drug-info-service-certificate': 1 },
      partners: { 'medical-institution-practice-licence': 2 },
      kinds: ['medical-institution'],
    }),
    'leimu.plan.v1': JSON.stringify(['medical.public-institution', 'medical.private-tier3']),
  });
});

after(() => stopSite(server));

async function expectAccessible(hash, prepare) {
  await open(page, server, hash);
  await prepare?.();
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe on ${hash}:\n${describeViolations(violations)}`);
}

test('home page, with search results open', () =>
  expectAccessible('#/', async () => {
    const box = page.getByRole('combobox', { name: '搜索类目' });
    await box.pressSequentially('卖茶叶');
    await page.getByRole('option', { name: /食品饮料/ }).waitFor();
    await box.press('ArrowDown');
  }));

test('home page, no match', () =>
  expectAccessible('#/', async () => {
    await page.getByRole('combobox', { name: '搜索类目' }).pressSequentially('zzqqxx');
    await page.getByRole('status').filter({ hasText: '没有匹配' }).waitFor();
  }));

test('category page (互联网医院)', () => expectAccessible('#/c/medical.internet-hospital'));

test('category page with an applicant-kind select (交通违法)', () =>
  expectAccessible('#/c/government.traffic-violation'));

test('category page with counts and partners (临床试验)', () => expectAccessible('#/c/medical.clinical-trial'));

test('profile page', () => expectAccessible('#/profile'));

test('unlock page', () => expectAccessible('#/unlock'));

test('plan page', () => expectAccessible('#/plan'));

test('a page with a notice', async () => {
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.plan.v1': JSON.stringify(['no.such.category', 'medical.public-institution']) });
  await expectAccessible('#/plan', () => page.locator('.notices').waitFor());
});

test('English home page', async () => {
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.lang': 'en' });
  await expectAccessible('#/', async () => {
    await page.getByRole('combobox', { name: 'Search categories' }).pressSequentially('hlwyy');
    await page.getByRole('option').first().waitFor();
  });
  await setStorage(page, { 'leimu.lang': null });
});

// The states issue 10 added: each one passes axe as a person reaches it.

async function axeClean(label) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe on ${label}:\n${describeViolations(violations)}`);
}

test('category page after a tick: the verdict line, the tick status and the condition answers', async () => {
  await open(page, server, '#/c/education.platform');
  await page.getByRole('checkbox', { name: /其他平台良好经营情况的证明材料/ }).check();
  await page.locator('.verdict-summary .tick-status').filter({ hasText: '记为' }).waitFor();
  await page.locator('.condition-answers').getByRole('button', { name: '不符合' }).click();
  await axeClean('the ticked category page');
  await page.getByRole('checkbox', { name: /其他平台良好经营情况的证明材料/ }).uncheck();
});

test('profile page: a client being renamed, a delete to confirm, a document search with no match', async () => {
  await open(page, server, '#/profile');
  await page.getByRole('textbox', { name: '新客户名称' }).fill('第二个客户');
  await page.getByRole('button', { name: '新建客户' }).click();
  await page.getByText('已创建并切换到「第二个客户」。').waitFor();
  await page.getByRole('button', { name: '重命名当前客户' }).click();
  await page.getByRole('textbox', { name: '客户名称', exact: true }).waitFor();
  await page.getByRole('searchbox', { name: '添加资质文件' }).fill('完全不存在的证照名');
  await page.getByText(/没有找到与“完全不存在的证照名”相符的资质文件/).waitFor();
  await axeClean('the profile page with a rename form and no document match');
  await page.getByRole('button', { name: '删除 第二个客户' }).click();
  await page.getByRole('button', { name: '确认删除' }).waitFor();
  await axeClean('the profile page with a delete to confirm');
  await page.getByRole('button', { name: '确认删除' }).click();
  await page.locator('.client-list > li').first().waitFor();
});

test('unlock page with every section open', async () => {
  await open(page, server, '#/unlock');
  await page.locator('.unlock-headline').waitFor();
  await page.locator('details').evaluateAll((all) => all.forEach((d) => (d.open = true)));
  const more = page.getByRole('button', { name: /显示其余 \d+ 个/ });
  if (await more.count()) await more.first().click();
  await axeClean('the unlock page, expanded');
});

test('plan page with a way chosen for a category', async () => {
  await open(page, server, '#/');
  const saved = await getStorage(page, 'leimu.plan.v1');
  await setStorage(page, { 'leimu.plan.v1': '["medical.otc-sales","medical.public-institution"]' });
  await open(page, server, '#/plan');
  const select = page.getByRole('combobox', { name: /使用的方式：.*药品（非处方药）销售/ });
  await select.waitFor();
  const options = await select.locator('option').count();
  await select.selectOption({ index: options - 1 });
  await axeClean('the plan with a chosen way');
  await select.selectOption({ index: 0 });
  await setStorage(page, { 'leimu.plan.v1': saved });
});

test('the not-found page', async () => {
  await open(page, server, '#/c/medical.internet-hospitl');
  await page.getByRole('heading', { level: 1, name: '找不到这个页面。' }).waitFor();
  await axeClean('the not-found page');
});

test('the about page', async () => {
  await open(page, server, '#/about');
  await page.getByRole('heading', { level: 1, name: '关于类目表' }).waitFor();
  await axeClean('the about page');
});

// Issue 13: a catalogue update as a returning visitor and an older share
// link's reader see it, with the faked older version of
// catalogue-update.test.mjs (its own browser: no service worker, so the
// fixture reaches the page).
test('a catalogue update notice and an older share link\'s note', async () => {
  const fresh = await launch({ serviceWorkers: 'block' });
  try {
    const fixture = path.join(ROOT, 'tests', 'e2e', 'fixtures', 'catalogue-changes.json');
    await fresh.context.route('**/catalogue-changes.json', (route) =>
      route.fulfill({ path: fixture, contentType: 'application/json; charset=utf-8' }),
    );
    const p = fresh.page;
    await open(p, server, '#/');
    await setStorage(p, {
      'leimu.profile.v1': JSON.stringify({ version: 2, catalogue: '2025.9', applicant: { 'business-licence': 1 } }),
      'leimu.plan.v1': JSON.stringify(['medical.public-institution', 'medical.retired-example']),
    });
    await open(p, server, '#/plan');
    await p.locator('.notices').filter({ hasText: '类目表已更新' }).waitFor();
    let violations = await axeViolations(p);
    assert.equal(violations.length, 0, `axe on the update notice:\n${describeViolations(violations)}`);
    await setStorage(p, { 'leimu.profile.v1': null, 'leimu.plan.v1': null, 'leimu.catalogue-seen.v1': null });
    await open(p, server, '#/plan?c=medical.private-tier3%2Cmedical.retired-example&cv=2025.9');
    await p.locator('.notices').filter({ hasText: '这个分享链接是按 2025.9 版' }).waitFor();
    violations = await axeViolations(p);
    assert.equal(violations.length, 0, `axe on an older share link's note:\n${describeViolations(violations)}`);
  } finally {
    await fresh.close();
  }
});

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
});
