// axe-core on every page: no violation of impact serious or critical.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, open, setStorage, axeViolations, describeViolations, foreignRequests } from './support.mjs';

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

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
});
