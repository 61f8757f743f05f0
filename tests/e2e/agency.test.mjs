// An agency's workload: several named clients, files in and out, share
// links that never destroy anything, stored data that survives anything, and
// a profile page that confirms what it did. Each test is a regression for a
// failure people hit (issue 10).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  stopSite, startSite, open, eventually, text, setStorage, getStorage, evaluate, foreignRequests, scrollWidth,
  axeViolations, describeViolations, screenshotDir,
} from './support.mjs';

let server;
let browser;
let page;

const ALL_KEYS = async () =>
  evaluate(page, () => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('leimu.')).map((k) => [k, localStorage.getItem(k)])));

async function fresh(hash = '#/profile', entries = {}) {
  await open(page, server, '#/');
  await evaluate(page, () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('leimu.')) localStorage.removeItem(key);
  });
  await setStorage(page, entries);
  await open(page, server, hash);
}

const TEA = { version: 2, applicant: { 'business-licence': 1 } };
const HOSPITAL = { version: 2, applicant: { 'medical-institution-practice-licence': 1 } };

before(async () => {
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

test('clients: create, rename, switch, duplicate and delete, each client keeping its own data', async () => {
  await fresh('#/profile', { 'leimu.profile.v1': JSON.stringify(TEA) });
  const clients = page.locator('.client-list > li');
  assert.equal(await clients.count(), 1);
  // Name the first client.
  await page.getByRole('button', { name: '重命名当前客户' }).click();
  await page.getByRole('textbox', { name: '客户名称', exact: true }).fill('茶叶店');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('当前客户已命名为「茶叶店」。').waitFor();
  // A new client starts empty and becomes current; the tea shop keeps its licence.
  await page.getByRole('textbox', { name: '新客户名称' }).fill('民营医院');
  await page.getByRole('button', { name: '新建客户' }).click();
  await page.getByText('已创建并切换到「民营医院」。').waitFor();
  assert.equal(await page.locator('ul.held .doc-name').count(), 0, 'the new client holds nothing');
  await page.getByRole('searchbox', { name: '添加资质文件' }).fill('医疗机构执业许可证');
  await page.getByRole('button', { name: '本主体持有 医疗机构执业许可证' }).click();
  await page.getByText('已将「医疗机构执业许可证」记为本主体持有（客户「民营医院」）。').waitFor();
  // Switch back: the tea shop's data is as it was.
  await page.getByRole('button', { name: '切换到 茶叶店' }).click();
  await eventually(async () => assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']));
  // Duplicate, then delete the copy after confirming.
  await page.getByRole('button', { name: '复制当前客户' }).click();
  await page.getByText('已创建并切换到「茶叶店（副本）」。').waitFor();
  await eventually(async () => assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']));
  await page.getByRole('button', { name: '删除 茶叶店（副本）' }).click();
  await page.getByText('删除「茶叶店（副本）」及其全部资料？').waitFor();
  await page.getByRole('button', { name: '取消' }).click();
  assert.equal(await clients.count(), 3, 'cancel deletes nothing');
  await page.getByRole('button', { name: '删除 茶叶店（副本）' }).click();
  await page.getByRole('button', { name: '确认删除' }).click();
  await eventually(async () => assert.equal(await clients.count(), 2));
  // Everything survives a reload, under the current client.
  await page.reload();
  await page.locator('.client-list').waitFor();
  assert.deepEqual(await page.locator('.client-list .client-name').allInnerTexts(), ['茶叶店', '民营医院']);
  assert.match(await text(page.getByRole('heading', { level: 1 })), /茶叶店/);
  const stored = await ALL_KEYS();
  const index = JSON.parse(stored['leimu.clients.v1']);
  assert.equal(index.clients.length, 2);
  const hospital = index.clients.find((c) => c.name === '民营医院');
  assert.deepEqual(JSON.parse(stored[`leimu.client.${hospital.id}.profile`]).applicant, { 'medical-institution-practice-licence': 1 });
  assert.equal(stored['leimu.client.c2.profile'], undefined, 'a deleted client leaves nothing behind');
});

test("the client's name is on the plan page and every export", async () => {
  await open(page, server, '#/c/merchant.food-beverage');
  await page.getByRole('button', { name: '加入申请计划' }).click();
  await open(page, server, '#/plan');
  assert.match(await text(page.getByRole('heading', { level: 1 })), /申请计划 · 茶叶店/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Markdown' }).click()]);
  assert.match(download.suggestedFilename(), /茶叶店/);
  const markdown = await readFile(await download.path(), 'utf8');
  assert.match(markdown, /^# 申请计划 — 茶叶店/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON' }).click()]);
  assert.equal(JSON.parse(await readFile(await json.path(), 'utf8')).client, '茶叶店');
});

test('all clients go to a file and come back from it as new clients, overwriting nothing', async () => {
  await open(page, server, '#/profile');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出全部客户资料' }).click()]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.format, 'leimu-profiles');
  assert.deepEqual(file.profiles.map((p) => p.name), ['茶叶店', '民营医院']);
  assert.deepEqual(file.profiles[0].plan, ['merchant.food-beverage']);
  // A second browser's worth: import it here, beside what is there.
  const dir = await mkdtemp(path.join(tmpdir(), 'leimu-import-'));
  const saved = path.join(dir, 'clients.json');
  await writeFile(saved, JSON.stringify(file));
  await page.locator('#client-import').setInputFiles(saved);
  await page.getByText(/已导入 2 个客户/).waitFor();
  assert.deepEqual(await page.locator('.client-list .client-name').allInnerTexts(), ['茶叶店', '民营医院', '茶叶店 (2)', '民营医院 (2)']);
  // Not a profile file: refused, nothing added.
  const junk = path.join(dir, 'junk.json');
  await writeFile(junk, '[1,2,3]');
  await page.locator('#client-import').setInputFiles(junk);
  await page.getByText('该文件不是 leimu 导出的客户资料，未导入任何内容。').waitFor();
  assert.equal(await page.locator('.client-list > li').count(), 4);
});

test('a share link with nothing recognisable changes nothing and says so', async () => {
  await fresh('#/', { 'leimu.profile.v1': JSON.stringify(TEA), 'leimu.plan.v1': '["merchant.food-beverage"]' });
  const before = await ALL_KEYS();
  await open(page, server, '#/plan?c=nope&zz=1');
  await page.getByText('这个分享链接里没有可识别的类目或资质，你的资料没有任何改动。').waitFor();
  assert.deepEqual(await ALL_KEYS(), before);
  // The notice belongs to the plan page: it goes when the user leaves.
  await page.getByRole('link', { name: '我的资质' }).first().click();
  await eventually(async () => assert.equal(await page.getByText('这个分享链接里没有可识别的类目或资质').count(), 0));
});

test('a valid share link asks first; "as a new client" leaves the visitor\'s data untouched', async () => {
  await fresh('#/', { 'leimu.profile.v1': JSON.stringify(TEA), 'leimu.plan.v1': '["merchant.food-beverage"]' });
  const before = await ALL_KEYS();
  await open(page, server, '#/plan?c=medical.internet-hospital&a=medical-institution-practice-licence');
  await page.getByText(/这个分享链接带来 1 个类目和 1 份资质/).waitFor();
  assert.deepEqual(await ALL_KEYS(), before, 'nothing is written before the visitor chooses');
  await page.getByRole('button', { name: '作为新客户打开' }).click();
  await page.getByText(/已作为新客户「分享的资料」打开/).waitFor();
  await eventually(async () =>
    assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), ['医疗服务 > 互联网医院']),
  );
  const after = await ALL_KEYS();
  assert.equal(after['leimu.profile.v1'], before['leimu.profile.v1']);
  assert.equal(after['leimu.plan.v1'], before['leimu.plan.v1']);
});

test('"replace" keeps the visitor\'s data as a client first, and a later link never overwrites it', async () => {
  await fresh('#/', { 'leimu.profile.v1': JSON.stringify(TEA), 'leimu.plan.v1': '["merchant.food-beverage"]' });
  await open(page, server, '#/plan?c=medical.internet-hospital');
  await page.getByRole('button', { name: '替换当前资料（原资料另存为客户）' }).click();
  await page.getByText(/原来的资料已另存为客户「我的资料（替换前）」/).waitFor();
  await open(page, server, '#/plan?c=logistics.pickup-delivery');
  await page.getByRole('button', { name: '替换当前资料（原资料另存为客户）' }).click();
  await page.getByText(/原来的资料已另存为客户「我的资料（替换前） \(2\)」/).waitFor();
  await open(page, server, '#/profile');
  assert.deepEqual(await page.locator('.client-list .client-name').allInnerTexts(), ['我的资料', '我的资料（替换前）', '我的资料（替换前） (2)']);
  // Restoring is switching to the kept client: the tea shop's licence and plan are there.
  await page.getByRole('button', { name: '切换到 我的资料（替换前）', exact: true }).click();
  await eventually(async () => assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']));
  // "Don't open" changes nothing.
  const before = await ALL_KEYS();
  await open(page, server, '#/plan?c=medical.internet-hospital');
  await page.getByRole('button', { name: '不打开' }).click();
  await page.getByText('未打开分享链接，你的资料没有改动。').waitFor();
  assert.deepEqual(await ALL_KEYS(), before);
});

test('an old backup of a share link becomes a client profile', async () => {
  await fresh('#/profile', {
    'leimu.profile.v1': JSON.stringify(HOSPITAL),
    'leimu.before-share.v1': JSON.stringify({ plan: ['merchant.food-beverage'], profile: TEA }),
  });
  await page.getByText(/已另存为客户「分享链接打开前的资料」/).waitFor();
  assert.deepEqual(await page.locator('.client-list .client-name').allInnerTexts(), ['我的资料', '分享链接打开前的资料']);
  assert.equal(await getStorage(page, 'leimu.before-share.v1'), null);
});

test('stored data survives anything: deep nesting, junk in the plan, a newer version', async () => {
  const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
  const deepProfile = `{"version":2,"applicant":${deep}}`;
  await fresh('#/profile', { 'leimu.profile.v1': deepProfile, 'leimu.plan.v1': '["merchant.food-beverage",7,{"x":1},"gone.category"]' });
  await page.getByRole('heading', { level: 1, name: /我的资质/ }).waitFor();
  await page.getByText(/保存的记录无法读取，原文已另存（leimu.profile.v1.unreadable）/).waitFor();
  await page.getByText(/以下内容已不在当前类目表中，已忽略：7, {"x":1}, gone.category/).waitFor();
  assert.equal(await getStorage(page, 'leimu.profile.v1.unreadable'), deepProfile);
  await open(page, server, '#/plan');
  assert.deepEqual(await page.locator('ul.plan-categories').getByRole('link').allInnerTexts(), ['商家自营 > 食品饮料'], 'the valid id is kept');

  const newer = JSON.stringify({ version: 7, applicant: { 'business-licence': 1 }, later: { kept: true } });
  await fresh('#/profile', { 'leimu.profile.v1': newer });
  await page.getByText(/保存的资料来自更新版本的 leimu/).waitFor();
  assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']);
  assert.equal(await getStorage(page, 'leimu.profile.v1'), newer, 'the original is untouched');
  assert.equal(await getStorage(page, 'leimu.profile.v1.newer'), newer, 'and a copy kept');
  // A second unreadable value never overwrites the first copy.
  await fresh('#/profile', { 'leimu.profile.v1': '{broken', 'leimu.profile.v1.unreadable': 'earlier' });
  await page.getByText(/原文已另存（leimu.profile.v1.unreadable.2）/).waitFor();
  assert.equal(await getStorage(page, 'leimu.profile.v1.unreadable'), 'earlier');
});

test('a refused save is shown at once, with a way to export what the user has', async () => {
  await fresh('#/profile', { 'leimu.profile.v1': JSON.stringify(TEA) });
  await evaluate(page, () => {
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await page.getByRole('searchbox', { name: '添加资质文件' }).fill('yyzz');
  await page.getByRole('button', { name: '合作方持有 营业执照' }).click();
  const alert = page.getByRole('alert');
  await alert.getByText(/浏览器拒绝保存/).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: '导出全部客户资料' }).click()]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(file.profiles[0].profile.partners, { 'business-licence': 1 }, 'the export has what was not saved');
  // Creating a client that cannot be written is not claimed.
  await page.getByRole('button', { name: '新建客户' }).click();
  await page.getByText('浏览器拒绝保存，未能创建。').waitFor();
  assert.equal(await page.locator('.client-list > li').count(), 1);
});

test('the profile page: search by pinyin and short names, "no match", confirmed additions, a stepper that stops at 1', async () => {
  await fresh('#/profile');
  const search = page.getByRole('searchbox', { name: '添加资质文件' });
  await search.fill('yyzz');
  await eventually(async () => assert.equal(await text(page.locator('.document-matches li > span').first()), '营业执照'));
  await search.fill('快递合作协议');
  await eventually(async () => assert.equal(await text(page.locator('.document-matches li > span').first()), '与快递公司的合作协议'));
  await search.fill('不存在的证书xyz');
  await page.getByText('没有找到与“不存在的证书xyz”相符的资质文件。试试更短的名称或拼音首字母。').waitFor();
  await search.fill('营业执照');
  await page.getByRole('button', { name: '本主体持有 营业执照' }).first().click();
  await page.getByText('已将「营业执照」记为本主体持有（客户「我的资料」）。').waitFor();
  assert.equal(await page.getByRole('button', { name: '本主体持有 营业执照' }).first().isDisabled(), true, 'already held');
  const count = page.locator('ul.held input[type=number]');
  await count.fill('0');
  await count.press('Enter');
  await count.blur();
  await eventually(async () => assert.equal(await count.inputValue(), '1'));
  assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.profile.v1')).applicant, { 'business-licence': 1 });
});

test('清空全部 asks first and can be undone', async () => {
  await fresh('#/profile', { 'leimu.profile.v1': JSON.stringify(TEA) });
  await page.getByRole('button', { name: '清空全部' }).click();
  await page.getByText('清空「我的资料」的全部资质、主体类型和回答？').waitFor();
  await page.getByRole('button', { name: '取消' }).click();
  assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']);
  await page.getByRole('button', { name: '清空全部' }).click();
  await page.getByRole('button', { name: '确认清空' }).click();
  await eventually(async () => assert.equal(await page.locator('ul.held .doc-name').count(), 0));
  await page.getByRole('button', { name: '撤销' }).click();
  await eventually(async () => assert.deepEqual(await page.locator('ul.held .doc-name').allInnerTexts(), ['营业执照']));
});

test('the not-found page offers the closest categories and a search', async () => {
  await fresh('#/c/medical.internet-hospitl');
  await page.getByRole('heading', { level: 1, name: '找不到这个页面。' }).waitFor();
  await page.getByRole('link', { name: '医疗服务 > 互联网医院' }).waitFor();
  await page.getByRole('combobox', { name: '搜索类目' }).waitFor();
  await open(page, server, '#/no/such/page');
  await page.getByRole('combobox', { name: '搜索类目' }).waitFor();
});

test('new states pass axe and never overflow a phone', async () => {
  await fresh('#/profile', { 'leimu.profile.v1': JSON.stringify(TEA) });
  await page.getByRole('button', { name: '清空全部' }).click();
  let violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await open(page, server, '#/plan?c=medical.internet-hospital');
  await page.getByRole('button', { name: '作为新客户打开' }).waitFor();
  violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await page.setViewportSize({ width: 375, height: 812 });
  const long = 'x'.repeat(400);
  await open(page, server, `#/plan?c=${long}`);
  await page.getByText(/分享链接有部分内容无法识别/).waitFor();
  assert.ok((await scrollWidth(page)) <= 375, 'a long token in a notice wraps');
  await page.screenshot({ path: path.join(screenshotDir(), 'notice-long-token-375.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, []);
});
