// The JavaScript API in Chromium: the example page (dist/js/example.html)
// works by typing and clicking, and `import('./js/init.js')` on the site
// gives the same answers as the package in Node.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  stopSite,
  startSite,
  evaluate,
  eventually,
  text,
  foreignRequests,
  screenshotDir,
  axeViolations,
  describeViolations,
  ROOT,
} from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

async function openExample() {
  await page.goto(`${server.url}js/example.html`);
  await page.locator('body[data-ready="true"]').waitFor();
}

const verdict = () => page.locator('#verdict');

test('the example page checks its sample on load', async () => {
  await openExample();
  // Held, but its scope condition and the applicant's kind are still to confirm.
  await eventually(async () => assert.match(await text(verdict()), /^Documents complete, to confirm — 医疗服务 > 互联网医院/));
  assert.match(await text(verdict()), /Documents held: 医疗机构执业许可证/);
  assert.match(await text(verdict()), /医疗机构主体/);
});

test('typing a service finds categories, and a result is checked with a click', async () => {
  await openExample();
  const box = page.getByLabel('Describe your service (Chinese, pinyin or initials)');
  await box.pressSequentially('卖茶叶');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await eventually(async () => assert.match(await text(results.first()), /^商家自营 > 食品饮料 merchant\.food-beverage/));
  assert.match(await text(page.locator('#search-status')), /^\d+ categories match$/);
  await page.getByRole('button', { name: 'Check this: 商家自营 > 食品饮料' }).click();
  assert.equal(await page.getByLabel('Category (path, id or name)').inputValue(), 'merchant.food-beverage');
  await eventually(async () => assert.match(await text(verdict()), /^Missing documents — 商家自营 > 食品饮料/));
  const ways = page.getByRole('list', { name: 'Ways to complete it' }).getByRole('listitem');
  assert.ok((await ways.count()) >= 1);
  assert.match(await text(ways.first()), /^Add /);
  await page.screenshot({ path: path.join(screenshotDir(), 'js-example.png'), fullPage: true });
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, describeViolations(violations));
  await box.fill('zzqqxx');
  await eventually(async () => assert.equal(await text(page.locator('#search-status')), 'No category matches “zzqqxx”'));
  assert.equal(await results.count(), 0);
});

test('by keyboard: a mistyped category shows the closest names, a fixed one a verdict', async () => {
  await openExample();
  const category = page.getByLabel('Category (path, id or name)');
  await category.fill('互联网医');
  await category.press('Enter');
  const alert = page.getByRole('alert');
  await eventually(async () =>
    assert.equal(await text(alert), 'check: no category matches `互联网医`; closest: `互联网医院`, `医疗服务 > 互联网医院`'),
  );
  await category.press('End');
  await category.press('Shift+Home');
  await category.pressSequentially('物流服务 > 收件/派件');
  const documents = page.getByLabel(/^Documents you hold/);
  await documents.fill('快递业务经营许可证');
  await documents.press('Tab');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await text(verdict()), /^Documents complete, to confirm — 物流服务 > 收件\/派件/));
  assert.equal(await alert.count(), 0);
});

test('import("./js/init.js") on the site gives the same answers as the package in Node', async () => {
  await page.goto(server.url);
  const inBrowser = await evaluate(
    page,
    async () => {
      const leimu = await import('./js/init.js');
      await leimu.default();
      const profile = { have: ['医疗机构执业许可证'], partner: ['医疗机构执业许可证=2'] };
      let error;
      try {
        leimu.check('互联网医', profile);
      } catch (e) {
        error = { isError: e instanceof Error, message: e.message };
      }
      return {
        search: leimu.search('卖茶叶', { limit: 5 }),
        check: leimu.check('互联网医院', profile),
        unlock: leimu.unlock(profile),
        plan: leimu.plan(['互联网医院', 'medical.clinical-trial'], profile),
        show: leimu.show('医疗服务 > 临床试验'),
        error,
        afterError: leimu.check('logistics.pickup-delivery'),
        version: leimu.version,
      };
    },
    undefined,
    30000,
  );
  const leimu = await import(path.join(ROOT, 'target', 'js', 'leimu', 'leimu.js'));
  const profile = { have: ['医疗机构执业许可证'], partner: ['医疗机构执业许可证=2'] };
  assert.deepStrictEqual(inBrowser, {
    search: leimu.search('卖茶叶', { limit: 5 }),
    check: leimu.check('互联网医院', profile),
    unlock: leimu.unlock(profile),
    plan: leimu.plan(['互联网医院', 'medical.clinical-trial'], profile),
    show: leimu.show('医疗服务 > 临床试验'),
    error: { isError: true, message: 'check: no category matches `互联网医`; closest: `互联网医院`, `医疗服务 > 互联网医院`' },
    afterError: leimu.check('logistics.pickup-delivery'),
    version: leimu.version,
  });
  assert.equal(inBrowser.check.status, 'confirm');
});

test('the example and the module load without errors and ask no other origin', () => {
  assert.deepStrictEqual(browser.errors, []);
  assert.deepStrictEqual(foreignRequests(browser.requests, server.origin), []);
  assert.ok(browser.requests.some((url) => url.endsWith('/js/leimu_wasm_bg.wasm')));
});
