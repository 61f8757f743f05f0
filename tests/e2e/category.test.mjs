// A category page: tick what you hold and watch the verdict; the applicant
// kind; deep links, reloads and the back button.

import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, open, eventually, text, hashOf, setStorage, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

// Every test starts with an empty profile and plan.
beforeEach(async () => {
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.profile.v1': null, 'leimu.plan.v1': null });
});

const verdict = () => page.getByRole('region', { name: /^结论/ });

async function expectStatus(status) {
  await eventually(async () => assert.equal(await text(verdict().locator('.status')), status));
}

test('药品信息展示: one of two documents turns 尚缺资质 into 符合条件', async () => {
  await open(page, server, '#/c/medical.drug-info');
  await page.getByRole('heading', { level: 1, name: '药品信息展示' }).waitFor();
  assert.equal(await verdict().getAttribute('aria-live'), 'polite');
  await expectStatus('尚缺资质');
  const ways = await text(verdict());
  assert.match(ways, /方式 1/);
  assert.match(ways, /方式 2/);

  const first = page.getByRole('checkbox', { name: /^互联网药品信息服务资格证书/ });
  const second = page.getByRole('checkbox', { name: /^药品、医疗器械互联网信息服务备案凭证/ });
  assert.equal(await first.isChecked(), false);
  await first.check();
  await expectStatus('符合条件');
  assert.match(await text(verdict()), /满足方式.*互联网药品信息服务资格证书/);

  await first.uncheck();
  await expectStatus('尚缺资质');
  await second.check();
  await expectStatus('符合条件');
});

test('公立医疗机构: both documents are needed', async () => {
  await open(page, server, '#/c/medical.public-institution');
  await expectStatus('尚缺资质');
  await page.getByRole('checkbox', { name: /^医疗机构执业许可证/ }).check();
  await expectStatus('尚缺资质');
  // The one way left names exactly the missing document.
  await eventually(async () => {
    const body = await text(verdict());
    assert.match(body, /方式 1: 补充 事业单位法人证书/);
    assert.doesNotMatch(body, /方式 2/);
  });
  await page.getByRole('checkbox', { name: /^事业单位法人证书/ }).check();
  await expectStatus('符合条件');
});

test('交通违法: choosing an alternative hides the other here, and only here', async () => {
  await open(page, server, '#/c/government.traffic-violation');
  const kind = page.getByLabel('适用于你的方式：');
  const government = page.getByRole('checkbox', { name: /^统一社会信用代码证/ });
  const authorisation = page.getByRole('checkbox', { name: /^资质授权文件/ });
  assert.equal(await kind.inputValue(), '');
  assert.ok(await government.isVisible());
  assert.ok(await authorisation.isVisible());

  await kind.selectOption({ label: '政府/有政府职能的事业单位' });
  await eventually(async () => {
    assert.ok(await government.isVisible(), 'the government alternative stays');
    assert.ok(!(await authorisation.isVisible()), 'the non-government alternative is hidden');
  });
  await eventually(async () => {
    const body = await text(verdict());
    assert.match(body, /统一社会信用代码证/);
    assert.doesNotMatch(body, /资质授权文件/);
  });

  await kind.selectOption({ label: '非政府/事业单位' });
  await eventually(async () => {
    assert.ok(!(await government.isVisible()));
    assert.ok(await authorisation.isVisible());
  });
  await authorisation.check();
  // The issuer (相关政府部门) is part of what the document is, not a condition.
  await expectStatus('符合条件');

  // The choice is an answer for this category: another category with the same
  // alternatives still shows both (it used to be written to the whole profile).
  await open(page, server, '#/c/government.customs');
  await eventually(async () => {
    assert.ok(await page.getByRole('checkbox', { name: /^统一社会信用代码证/ }).isVisible());
    assert.ok(await page.getByRole('checkbox', { name: /^资质授权文件/ }).isVisible());
  });
  assert.equal(await page.getByLabel('适用于你的方式：').inputValue(), '');

  await open(page, server, '#/c/government.traffic-violation');
  await page.getByLabel('适用于你的方式：').selectOption({ label: '不限定' });
  await eventually(async () => {
    assert.ok(await government.isVisible());
    assert.ok(await authorisation.isVisible());
  });
});

test('a thing to confirm is answered in place, and the verdict follows', async () => {
  await open(page, server, '#/c/logistics.pickup-delivery');
  await page.getByRole('checkbox', { name: /^快递业务经营许可证/ }).first().check();
  // Held, but whether the applicant is an 经营快递业务企业 is not known: never green.
  await expectStatus('资料齐全，待确认');
  const question = page.locator('ul.confirm li', { hasText: '经营快递业务企业' });
  await question.getByRole('button', { name: '是' }).click();
  await expectStatus('符合条件');
  // The answer is kept, and can be taken back from the profile page.
  await open(page, server, '#/profile');
  const kept = page.locator('ul.answers li', { hasText: '经营快递业务企业' });
  await kept.waitFor();
  await kept.getByRole('button', { name: '移除' }).click();
  await open(page, server, '#/c/logistics.pickup-delivery');
  await expectStatus('资料齐全，待确认');
});

test('a deep link survives a reload', async () => {
  await open(page, server, '#/c/medical.internet-hospital');
  const heading = page.getByRole('heading', { level: 1, name: '互联网医院' });
  await heading.waitFor();
  assert.match(await page.title(), /医疗服务 > 互联网医院/);
  await page.reload();
  await heading.waitFor();
  assert.equal(hashOf(page), '#/c/medical.internet-hospital');
  // The rules and the verbatim source are there after the reload too.
  await page.getByRole('heading', { name: '资质要求（原文）' }).waitFor();
  await page.getByRole('checkbox').first().waitFor();
});

test('the back and forward buttons move between pages', async () => {
  await open(page, server, '#/');
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.pressSequentially('互联网医院');
  await page.getByRole('option', { name: /互联网医院/ }).first().waitFor();
  await box.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: '互联网医院' });
  await heading.waitFor();
  await page.getByRole('navigation').getByRole('link', { name: '我的资质' }).click();
  await page.getByRole('heading', { level: 1, name: '我的资质' }).waitFor();

  await page.goBack();
  await heading.waitFor();
  assert.equal(hashOf(page), '#/c/medical.internet-hospital');
  await page.goBack();
  await box.waitFor();
  assert.equal(hashOf(page), '#/');
  await page.goForward();
  await heading.waitFor();
});

test('a cross-reference in the notes links to the category it names', async () => {
  // 校园缴费's notes send you to 【生活服务-生活缴费】.
  await open(page, server, '#/c/education.campus-payment');
  const reference = page.getByRole('link', { name: '【生活服务-生活缴费】' });
  assert.equal(await reference.getAttribute('href'), '#/c/life.utility-payment');
  await reference.click();
  await page.getByRole('heading', { level: 1, name: '生活缴费' }).waitFor();
  assert.equal(hashOf(page), '#/c/life.utility-payment');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: '校园缴费' }).waitFor();
});

test('an unknown category shows a not-found page with a way home', async () => {
  await open(page, server, '#/c/no.such.category');
  await page.getByRole('heading', { level: 1, name: '找不到这个页面。' }).waitFor();
  await page.getByRole('main').getByRole('link', { name: '返回首页' }).click();
  await page.getByRole('combobox', { name: '搜索类目' }).waitFor();
});

test('a first level by its old hash link lists its categories, linked', async () => {
  await open(page, server, '#/c/medical');
  await page.getByRole('heading', { level: 1, name: '医疗服务' }).waitFor();
  assert.equal(await page.title(), '医疗服务 · leimu 类目');
  const links = page.getByRole('main').getByRole('listitem').getByRole('link');
  assert.equal(await links.count(), 21);
  await page.getByRole('main').getByRole('link', { name: '互联网医院' }).click();
  await page.getByRole('heading', { level: 1, name: '互联网医院' }).waitFor();
});

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
