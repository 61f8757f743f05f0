// Screenshots of every page at desktop and phone size, for a person to look
// at: test-artifacts/screenshots/<page>-<width>.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { stopSite, startSite, open, setStorage, screenshotDir, foreignRequests } from './support.mjs';

let server;
let browser;
let page;
let folder;

const SIZES = [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
];

const PROFILE = {
  version: 1,
  applicant: { 'medical-institution-practice-licence': 1, 'internet-drug-info-service-certificate': 1 },
  partners: {},
  kinds: [],
};
const PLAN = ['medical.public-institution', 'medical.private-tier3', 'medical.internet-hospital'];

const PAGES = [
  {
    name: 'home',
    hash: '#/',
    async prepare() {
      await page.getByRole('combobox', { name: '搜索类目' }).pressSequentially('卖茶叶');
      await page.getByRole('option', { name: /食品饮料/ }).waitFor();
    },
  },
  { name: 'category', hash: '#/c/medical.internet-hospital' },
  { name: 'profile', hash: '#/profile' },
  { name: 'unlock', hash: '#/unlock' },
  { name: 'plan', hash: '#/plan' },
];

before(async () => {
  folder = screenshotDir();
  ({ server, browser, page } = await startSite());
  await open(page, server, '#/');
  await setStorage(page, {
    'leimu.lang': null,
    'leimu.profile.v1': JSON.stringify(PROFILE),
    'leimu.plan.v1': JSON.stringify(PLAN),
  });
});

after(() => stopSite(server));

for (const size of SIZES) {
  for (const target of PAGES) {
    test(`screenshot: ${target.name} at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size);
      await open(page, server, target.hash);
      await target.prepare?.();
      // Let fonts settle so CJK glyphs are drawn, not boxes.
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      const file = path.join(folder, `${target.name}-${size.width}.png`);
      await page.screenshot({ path: file, fullPage: target.name !== 'home' });
      // The home page in full is long (24 groups); a second shot shows all of it.
      if (target.name === 'home') {
        await page.screenshot({ path: path.join(folder, `home-full-${size.width}.png`), fullPage: true });
      }
    });
  }
}

test('every request went to the site itself', () => {
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
