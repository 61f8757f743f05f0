// The English switch, and the site at phone width.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, open, eventually, text, setStorage, getStorage, evaluate, scrollWidth, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.profile.v1': null, 'leimu.plan.v1': null, 'leimu.lang': null });
});

after(() => stopSite(server));

const htmlLang = () => evaluate(page, () => document.documentElement.lang);

test('the site starts in Chinese', async () => {
  await open(page, server, '#/');
  await page.getByRole('navigation').getByRole('link', { name: '查找类目' }).waitFor();
  assert.equal(await htmlLang(), 'zh-CN');
});

test('switching to English and back, remembered across reloads', async () => {
  await open(page, server, '#/');
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.pressSequentially('卖茶叶');
  await page.getByRole('option', { name: /食品饮料/ }).waitFor();

  await page.getByRole('button', { name: 'English' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Find a category' }).waitFor();
  await nav.getByRole('link', { name: 'My documents' }).waitFor();
  assert.equal(await htmlLang(), 'en');
  assert.equal(await getStorage(page, 'leimu.lang'), 'en');
  // The query and its results survive the switch; catalogue text stays Chinese.
  const englishBox = page.getByRole('combobox', { name: 'Search categories' });
  assert.equal(await englishBox.inputValue(), '卖茶叶');
  await page.getByRole('option', { name: /食品饮料/ }).waitFor();

  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find a category' }).waitFor();
  assert.equal(await htmlLang(), 'en');

  await open(page, server, '#/c/medical.drug-info');
  await page.getByRole('heading', { level: 2, name: 'Scope' }).waitFor();
  await eventually(async () =>
    assert.equal(await text(page.getByRole('region', { name: /^Verdict/ }).locator('.status')), 'Missing documents'),
  );
  await page.getByRole('button', { name: 'Add to plan' }).waitFor();
  assert.match(await page.title(), /医疗服务 > 药品信息展示/);

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { level: 2, name: '类目适用范围' }).waitFor();
  await page.getByRole('button', { name: '加入申请计划' }).waitFor();
  assert.equal(await htmlLang(), 'zh-CN');
  assert.equal(await getStorage(page, 'leimu.lang'), 'zh-CN');
});

test('at 375 px wide no page scrolls sideways', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  try {
    // Content on every page: a profile, a plan, search results.
    await setStorage(page, {
      'leimu.lang': null,
      'leimu.profile.v1': JSON.stringify({
        version: 1,
        // The longest unbreakable text in the catalogue is a URL inside this document's name.
        applicant: {
          'medical-institution-practice-licence': 1,
          'internet-drug-info-service-certificate': 1,
          'amac-private-fund-manager-screenshot': 1,
        },
        partners: { 'medical-institution-practice-licence': 2 },
        kinds: ['medical-institution'],
      }),
      'leimu.plan.v1': JSON.stringify([
        'medical.internet-hospital',
        'medical.public-institution',
        'medical.clinical-trial',
        'finance.private-fund',
      ]),
    });
    const pages = [
      '#/',
      '#/c/medical.internet-hospital',
      '#/c/medical.clinical-trial',
      '#/c/government.traffic-violation',
      '#/c/finance.private-fund',
      '#/c/auto.used-cars',
      '#/profile',
      '#/unlock',
      '#/plan',
    ];
    const wide = [];
    for (const hash of pages) {
      await open(page, server, hash);
      if (hash === '#/') {
        await page.getByRole('combobox', { name: '搜索类目' }).pressSequentially('医疗机构执业许可证');
        await page.getByRole('option').first().waitFor();
        // Open every first-level group too.
        await page.locator('details.first-level').evaluateAll((all) => all.forEach((d) => (d.open = true)));
      }
      const width = await scrollWidth(page);
      if (width > 375) {
        const culprits = await evaluate(page, () =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 376)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`),
        );
        wide.push(`${hash}: scrollWidth ${width} (${culprits.join(', ')})`);
      }
    }
    assert.deepEqual(wide, [], 'pages wider than the phone');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
