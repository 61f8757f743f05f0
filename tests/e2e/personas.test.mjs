// Three people, as they really use the site, each journey end to end with
// screenshots to look at (test-artifacts/screenshots/persona-*.png):
// - a tea shop owner on a phone (8 actions);
// - a private hospital's IT staff on a desktop (13 actions);
// - an agency preparing categories for three clients (about 40 actions).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { stopSite, startSite, open, eventually, text, evaluate, foreignRequests, screenshotDir, scrollWidth } from './support.mjs';

let server;
let browser;
let page;
let shots;

async function shot(name) {
  await page.screenshot({ path: path.join(shots, `persona-${name}.png`), fullPage: false });
}

async function clean() {
  await open(page, server, '#/');
  await evaluate(page, () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('leimu.')) localStorage.removeItem(key);
  });
}

before(async () => {
  shots = screenshotDir();
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

test('a tea shop owner on a phone: search, tick, verdict, plan, export', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await clean();
  await open(page, server, '#/');
  const search = page.getByRole('combobox', { name: '搜索类目' });
  await search.pressSequentially('卖茶叶');
  await page.getByRole('option', { name: /食品饮料/ }).first().click();
  await page.getByRole('heading', { level: 1, name: '食品饮料' }).waitFor();
  await shot('tea-1-category-375');
  await page.getByRole('checkbox', { name: /食品经营许可证/ }).check();
  const summary = page.locator('.verdict-summary');
  await eventually(async () => assert.match(await text(summary.getByRole('link')), /结论: (符合条件|资料齐全)/));
  assert.match(await text(summary.locator('.tick-status')), /已将「食品经营许可证」记为本主体持有/);
  await shot('tea-2-ticked-375');
  await page.getByRole('button', { name: '加入申请计划' }).click();
  await page.getByRole('link', { name: '申请计划' }).first().click();
  await page.getByRole('heading', { level: 1, name: /申请计划/ }).waitFor();
  await eventually(async () => assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), ['商家自营 > 食品饮料']));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Markdown' }).click()]);
  assert.match(await readFile(await download.path(), 'utf8'), /商家自营 > 食品饮料/);
  assert.ok((await scrollWidth(page)) <= 375);
  await shot('tea-3-plan-375');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("a private hospital's IT staff: kinds, questions answered in place, a plan with a chosen way", async () => {
  await clean();
  await open(page, server, '#/c/medical.internet-hospital');
  await page.getByRole('checkbox', { name: /医疗机构执业许可证/ }).first().check();
  const verdict = page.locator('section.verdict');
  await eventually(async () => assert.match(await text(verdict.locator('h2')), /结论: /));
  await shot('hospital-1-ticked-1280');
  // Every question the verdict asks is answered "yes" where it stands.
  for (let round = 0; round < 6; round++) {
    const yes = verdict.getByRole('button', { name: '是', exact: true });
    if ((await yes.count()) === 0) break;
    await yes.first().click();
    await page.waitForTimeout(100);
  }
  await eventually(async () => assert.match(await text(verdict.locator('h2')), /符合条件/));
  await shot('hospital-2-answered-1280');
  await page.getByRole('button', { name: '加入申请计划' }).click();
  await open(page, server, '#/c/medical.otc-sales');
  await page.getByRole('button', { name: '加入申请计划' }).click();
  await open(page, server, '#/plan');
  const select = page.getByRole('combobox', { name: /使用的方式：.*药品（非处方药）销售/ });
  const options = await select.locator('option').allInnerTexts();
  const retail = options.findIndex((o) => o.includes('药品零售企业'));
  assert.ok(retail > 0, options.join('\n'));
  await select.selectOption({ index: retail });
  await eventually(async () => assert.match(await text(page.locator('ul.plan-categories')), /仅适用于 药品零售企业/));
  // The total never hides a category that cannot be met: the summary counts every state.
  assert.match(await text(page.locator('.plan-summary')), /\d+/);
  await shot('hospital-3-plan-1280');
  await open(page, server, '#/unlock');
  await page.locator('.unlock-headline').waitFor();
  await shot('hospital-4-unlock-1280');
});

test('an agency with three clients: each keeps its own documents and plan, all exported at once', async () => {
  await clean();
  const clients = [
    { name: '茶叶店', category: 'merchant.food-beverage', document: /食品经营许可证/ },
    { name: '民营医院', category: 'medical.internet-hospital', document: /医疗机构执业许可证/ },
    { name: '培训机构', category: 'education.platform', document: /小程序开发者承诺函/ },
  ];
  await open(page, server, '#/profile');
  await page.getByRole('button', { name: '重命名当前客户' }).click();
  await page.getByRole('textbox', { name: '客户名称', exact: true }).fill(clients[0].name);
  await page.getByRole('button', { name: '保存' }).click();
  for (const [i, client] of clients.entries()) {
    if (i > 0) {
      await open(page, server, '#/profile');
      await page.getByRole('textbox', { name: '新客户名称' }).fill(client.name);
      await page.getByRole('button', { name: '新建客户' }).click();
      await page.getByText(`已创建并切换到「${client.name}」。`).waitFor();
    }
    await open(page, server, `#/c/${client.category}`);
    await page.getByRole('checkbox', { name: client.document }).first().check();
    await eventually(async () => assert.match(await text(page.locator('.tick-status')), new RegExp(`客户「${client.name}」`)));
    await page.getByRole('button', { name: '加入申请计划' }).click();
    await open(page, server, '#/plan');
    assert.match(await text(page.getByRole('heading', { level: 1 })), new RegExp(client.name));
    await eventually(async () => assert.equal(await page.locator('ul.plan-categories > li').count(), 1, `${client.name}'s plan has only its own category`));
  }
  await open(page, server, '#/profile');
  await shot('agency-1-clients-1280');
  for (const client of clients.slice(0, 2)) {
    await page.getByRole('button', { name: `切换到 ${client.name}` }).click();
    await page.getByText(`已切换到「${client.name}」。`).waitFor();
    await open(page, server, '#/plan');
    const link = page.locator('ul.plan-categories').getByRole('link');
    await eventually(async () => assert.equal(await link.count(), 1));
    assert.match(await link.getAttribute('href'), new RegExp(client.category.replace('.', '\\.')));
    await open(page, server, '#/profile');
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出全部客户资料' }).click()]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(file.profiles.map((p) => p.name), clients.map((c) => c.name));
  assert.deepEqual(file.profiles.map((p) => p.plan), clients.map((c) => [c.category]));
  await page.setViewportSize({ width: 375, height: 812 });
  await open(page, server, '#/profile');
  assert.ok((await scrollWidth(page)) <= 375);
  await shot('agency-2-clients-375');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, []);
});
