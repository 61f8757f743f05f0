// "My documents" (the profile) and "What can I apply for" (unlock).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, open, eventually, text, setStorage, getStorage, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.profile.v1': null, 'leimu.plan.v1': null });
});

after(() => stopSite(server));

/** The list that follows a section heading on the profile page. */
const section = (heading) =>
  page.locator('section.profile h2', { hasText: heading }).locator('xpath=following-sibling::*[1]');

/**
 * With no documents, the only "satisfied" categories are the email-only ones
 * whose source lists no document (公益 > 网络互助; the CLI agrees), each
 * flagged 仅邮件申请.
 */
async function expectNothingSatisfiedButEmailOnly() {
  const satisfied = page.locator('section.unlock h2', { hasText: '已满足' }).locator('xpath=following-sibling::*[1]');
  await satisfied.waitFor();
  const items = await satisfied.getByRole('listitem').allInnerTexts();
  for (const item of items) assert.match(item, /仅邮件申请/, `only email-only categories, got ${item}`);
  assert.equal(await satisfied.getByRole('link', { name: '药品信息展示' }).count(), 0);
}

test('a new visitor has an empty profile and nothing unlocked', async () => {
  await open(page, server, '#/profile');
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
  assert.equal(await text(section('本主体持有')), '还没有记录任何资质。');
  assert.equal(await text(section('合作方持有')), '还没有记录任何资质。');
  await open(page, server, '#/unlock');
  await page.getByRole('heading', { level: 1, name: '我能申请什么' }).waitFor();
  await expectNothingSatisfiedButEmailOnly();
  assert.match(await text(page.locator('details.unlock-open summary')), /无需资质的类目（\d+ 个）/);
});

test('a document ticked on a category page is in the profile, and stays after a reload', async () => {
  await open(page, server, '#/c/medical.drug-info');
  await page.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).check();
  await eventually(async () =>
    assert.match((await getStorage(page, 'leimu.profile.v1')) ?? '', /internet-drug-info-service-certificate/),
  );
  await page.getByRole('navigation').getByRole('link', { name: '我的资质' }).click();
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
  const held = section('本主体持有');
  await eventually(async () => assert.match(await text(held), /互联网药品信息服务资格证书/));

  await page.reload();
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
  await eventually(async () => assert.match(await text(section('本主体持有')), /互联网药品信息服务资格证书/));

  // And the category page still shows it ticked.
  await open(page, server, '#/c/medical.drug-info');
  assert.equal(await page.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ }).isChecked(), true);
  await eventually(async () =>
    assert.equal(await text(page.getByRole('region', { name: /^结论/ }).locator('.status')), '符合条件'),
  );
});

test('documents can be added from the profile page, by applicant or partners', async () => {
  await open(page, server, '#/profile');
  await page.getByLabel('添加资质文件').pressSequentially('事业单位法人');
  const match = page.locator('.document-matches li', { hasText: '事业单位法人证书' });
  await match.getByRole('button', { name: '本主体持有' }).click();
  await eventually(async () => assert.match(await text(section('本主体持有')), /事业单位法人证书/));
  await match.getByRole('button', { name: '合作方持有' }).click();
  await eventually(async () => assert.match(await text(section('合作方持有')), /事业单位法人证书/));
  // Remove the partner's copy again.
  await section('合作方持有').getByRole('button', { name: /移除/ }).click();
  await eventually(async () => assert.equal(await text(section('合作方持有')), '还没有记录任何资质。'));
  await page.reload();
  await eventually(async () => {
    const applicant = await text(section('本主体持有'));
    assert.match(applicant, /事业单位法人证书/);
    assert.match(applicant, /互联网药品信息服务资格证书/);
  });
});

test('the unlock page lists a satisfied category after ticking', async () => {
  await open(page, server, '#/unlock');
  const satisfied = page.locator('section.unlock h2', { hasText: '已满足' }).locator('xpath=following-sibling::*[1]');
  const link = satisfied.getByRole('link', { name: '药品信息展示' });
  await link.waitFor();
  // One document away: 公立医疗机构 (has 事业单位法人证书, lacks 医疗机构执业许可证).
  const oneAway = page.locator('section.unlock h2', { hasText: '只差一份' }).locator('xpath=following-sibling::*[1]');
  const item = oneAway.getByRole('listitem').filter({ has: page.getByRole('link', { name: '公立医疗机构' }) });
  await eventually(async () => assert.match(await text(item), /医疗机构执业许可证/));
  await link.click();
  await page.getByRole('heading', { level: 1, name: '药品信息展示' }).waitFor();
});

test('clearing the profile empties it for good', async () => {
  await open(page, server, '#/profile');
  await page.getByRole('button', { name: '清空全部' }).click();
  await page.getByRole('button', { name: '确认清空' }).click();
  await page.getByRole('status').filter({ hasText: '已清空。' }).waitFor();
  await eventually(async () => {
    assert.equal(await text(section('本主体持有')), '还没有记录任何资质。');
    assert.equal(await text(section('合作方持有')), '还没有记录任何资质。');
  });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();
  assert.equal(await text(section('本主体持有')), '还没有记录任何资质。');
  await open(page, server, '#/unlock');
  await expectNothingSatisfiedButEmailOnly();
});

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
