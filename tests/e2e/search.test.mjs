// Searching from the home page, by keyboard, the way a person does.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, launch, open, eventually, text, hashOf, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
});

after(() => stopSite(server));

const searchBox = () => page.getByRole('combobox', { name: '搜索类目' });

test('the home page offers a focused search box', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.waitFor();
  assert.equal(await box.getAttribute('id'), 'home-search-input');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  await eventually(async () => assert.ok(await box.evaluate((el) => el === document.activeElement), 'search box has focus'));
  assert.match(await page.title(), /leimu/);
});

test('typing 卖茶叶 finds 食品饮料 with the matched text highlighted', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.pressSequentially('卖茶叶');
  const listbox = page.getByRole('listbox', { name: '搜索结果' });
  const food = listbox.getByRole('option', { name: /食品饮料/ });
  await food.waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  const marks = await food.locator('mark').allInnerTexts();
  assert.ok(marks.length > 0, 'the result marks what matched');
  assert.ok(marks.some((m) => m.includes('茶')), `a <mark> highlights 茶叶, got ${JSON.stringify(marks)}`);
  // It is the best result.
  assert.match(await text(listbox.getByRole('option').first()), /食品饮料/);
});

test('results typed one character at a time are the results of the whole query', async () => {
  // An item whose content did not change keeps its element from one
  // keystroke to the next (result_items.rs): whatever was typed before, the
  // list must be exactly the one a fresh box shows for the same query, in
  // order, with consecutive ids and nothing left over.
  const list = () =>
    page.evaluate(() => {
      const ul = document.querySelector('#home-search-results');
      return { html: ul.innerHTML, ids: [...ul.children].map((li) => li.id) };
    });
  const box = searchBox();
  for (const [typed, back] of [['互联网医院', 2], ['bubble tea shop', 2], ['hlwyy', 3], ['医疗机构执业许可证', 5]]) {
    await open(page, server, '#/');
    await box.fill('');
    await box.pressSequentially(typed);
    for (let i = 0; i < back; i += 1) await box.press('Backspace');
    const query = [...typed].slice(0, [...typed].length - back).join('');
    await eventually(async () => assert.equal(await box.inputValue(), query));
    await page.waitForTimeout(100);
    const incremental = await list();
    await open(page, server, '#/');
    await box.fill(query);
    await eventually(async () => assert.equal((await list()).html, incremental.html, `the list for ${query} after typing ${typed} and ${back} × Backspace`));
    assert.ok(incremental.ids.length > 0, `${query} finds something`);
    assert.deepEqual(incremental.ids, incremental.ids.map((_, i) => `home-search-option-${i}`));
  }
});

test("a result shows the limit its notes set when the query touches it", async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('VPN');
  const proxy = page.getByRole('option', { name: /网络代理/ });
  await proxy.waitFor();
  assert.equal(await text(proxy.locator('.limit')), '注意，原文限制：暂不支持涉及vpn等服务');
  // A query that does not touch it shows none.
  await box.fill('网络代理');
  await eventually(async () => assert.equal(await text(page.getByRole('option').first().locator('.path')), '商业服务 › 网络代理'));
  assert.equal(await page.locator('#home-search-results .limit').count(), 0);
});

test('↓ and Enter open the highlighted category', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('卖茶叶');
  const first = page.getByRole('option').first();
  await first.waitFor();
  await box.press('ArrowDown');
  await eventually(async () => {
    assert.equal(await box.getAttribute('aria-activedescendant'), 'home-search-option-0');
    assert.equal(await first.getAttribute('aria-selected'), 'true');
  });
  await box.press('Enter');
  await page.getByRole('heading', { level: 1, name: '食品饮料' }).waitFor();
  assert.equal(hashOf(page), '#/c/merchant.food-beverage');
  assert.match(await page.title(), /食品饮料/);
});

test('↓↓↑ moves the active option and Escape clears the query', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.pressSequentially('医院');
  await page.getByRole('option').nth(1).waitFor();
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await eventually(async () => assert.equal(await box.getAttribute('aria-activedescendant'), 'home-search-option-1'));
  await box.press('ArrowUp');
  await eventually(async () => assert.equal(await box.getAttribute('aria-activedescendant'), 'home-search-option-0'));
  await box.press('Escape');
  await eventually(async () => {
    assert.equal(await box.inputValue(), '');
    assert.equal(await page.getByRole('option').count(), 0);
  });
});

test('pinyin initials find a category (hlwyy → 互联网医院)', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('hlwyy');
  await page.getByRole('option', { name: /互联网医院/ }).first().waitFor();
});

test('a query with no match says so', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('zzqqxx');
  const status = page.getByRole('status').filter({ hasText: '没有匹配' });
  await status.waitFor();
  assert.equal(await page.getByRole('option').count(), 0);
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  // Enter with no result stays on the home page.
  await box.press('Enter');
  assert.equal(hashOf(page), '#/');
});

test('clicking a result opens it', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('公立医疗机构');
  await page.getByRole('option', { name: /公立医疗机构/ }).first().click();
  await page.getByRole('heading', { level: 1, name: '公立医疗机构' }).waitFor();
  assert.equal(hashOf(page), '#/c/medical.public-institution');
});

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});

test('an everyday word says why its category came first; a weak match says nothing fits well', async () => {
  await open(page, server, '#/');
  const box = searchBox();
  await box.fill('');
  await box.pressSequentially('寿司店');
  const first = page.getByRole('listbox', { name: '搜索结果' }).getByRole('option').first();
  await eventually(async () => assert.match(await text(first), /日韩料理/));
  assert.match(await text(first), /常用说法：寿司/);
  assert.equal(await page.locator('.weak').count(), 0);
  await box.fill('');
  await box.pressSequentially('馆子');
  const status = page.locator('.weak');
  await status.waitFor();
  assert.match(await text(status), /没有很相符的类目.*可以浏览：\s*\S+/);
});

test('search answers before the lexicon arrives, and better once it has, without retyping', async () => {
  // The lexicon of everyday words is a file of its own, fetched after the
  // first paint. Hold it back (no service worker, so every request is seen).
  const own = await launch({ serviceWorkers: 'block' });
  const asked = [];
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await own.context.route('**/lexicon-*.bin', async (route) => {
    asked.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  const p = own.page;
  await open(p, server, '#/');
  const box = p.getByRole('combobox', { name: '搜索类目' });
  const listbox = p.getByRole('listbox', { name: '搜索结果' });
  // The page is up and asked for the lexicon once.
  await eventually(async () => assert.equal(asked.length, 1));
  assert.match(asked[0], /^\/lexicon-[0-9a-f]{16}\.bin$/);
  // The source's own words need no lexicon.
  await box.pressSequentially('互联网医院');
  await eventually(async () => assert.match(await text(listbox.getByRole('option').first()), /互联网医院/));
  // An everyday word only the lexicon knows: no confident answer yet.
  await box.fill('');
  await box.pressSequentially('茅台');
  await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.equal(await listbox.getByRole('option', { name: /酒类/ }).count(), 0);
  // It arrives: the same query, untouched, now finds its category first.
  release();
  const first = listbox.getByRole('option').first();
  await eventually(async () => assert.match(await text(first), /酒类/));
  assert.match(await text(first), /常用说法：茅台/);
  assert.equal(await box.inputValue(), '茅台');
  assert.equal(asked.length, 1, 'fetched once');
  assert.deepEqual(own.errors, []);
});
