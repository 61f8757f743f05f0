// The plan: several categories, one combined checklist, exports, share link.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { stopSite, startSite, launch, open, eventually, text, hashOf, setStorage, getStorage, evaluate, foreignRequests } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  ({ server, browser, page } = await startSite());
  await open(page, server, '#/');
  await setStorage(page, { 'leimu.profile.v1': null, 'leimu.plan.v1': null });
});

after(() => stopSite(server));

/** Runs `fn` with a second browser (its own profile folder), always closed afterwards. */
async function withFreshBrowser(fn) {
  const fresh = await launch();
  try {
    return await fn(fresh);
  } finally {
    await fresh.close();
  }
}

const checklist = (p = page) => p.locator('ul.plan-checklist > li');
const categoryLinks = (p = page) => p.locator('ul.plan-categories').getByRole('link');

test('an empty plan says how to start', async () => {
  await open(page, server, '#/plan');
  await page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
  await page.getByText('计划中还没有类目').waitFor();
  assert.equal(await page.locator('#share-link').count(), 0);
});

test('categories are added from their pages', async () => {
  for (const id of ['medical.public-institution', 'medical.private-tier3']) {
    await open(page, server, `#/c/${id}`);
    const add = page.getByRole('button', { name: '加入申请计划' });
    assert.equal(await add.getAttribute('aria-pressed'), 'false');
    await add.click();
    const added = page.getByRole('button', { name: '已在计划中' });
    await added.waitFor();
    assert.equal(await added.getAttribute('aria-pressed'), 'true');
  }
  // Hold one of the documents, so the checklist shows both states.
  await open(page, server, '#/c/medical.public-institution');
  await page.getByRole('checkbox', { name: /^事业单位法人证书/ }).check();
  await eventually(async () =>
    assert.deepEqual(JSON.parse(await getStorage(page, 'leimu.plan.v1')), [
      'medical.public-institution',
      'medical.private-tier3',
    ]),
  );
});

test('the combined checklist lists a shared document once', async () => {
  await page.getByRole('navigation').getByRole('link', { name: '申请计划' }).click();
  await page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
  await eventually(async () =>
    assert.deepEqual(await categoryLinks().allInnerTexts(), ['医疗服务 > 公立医疗机构', '医疗服务 > 三级私立医疗机构']),
  );
  const items = await checklist().allInnerTexts();
  const licence = items.filter((i) => i.includes('医疗机构执业许可证'));
  assert.equal(licence.length, 1, `the shared licence appears once: ${JSON.stringify(items)}`);
  assert.match(licence[0], /☐/);
  assert.match(licence[0], /公立医疗机构/);
  assert.match(licence[0], /三级私立医疗机构/);
  const certificate = items.filter((i) => i.includes('事业单位法人证书'));
  assert.equal(certificate.length, 1);
  assert.match(certificate[0], /☑/);
  assert.equal(items.length, 2);
  await page.getByRole('heading', { level: 2, name: '共缺 1 份资质' }).waitFor();
});

test('a category can be added and removed on the plan page itself', async () => {
  const box = page.getByRole('combobox', { name: '搜索类目' });
  await box.pressSequentially('药品信息展示');
  await page.getByRole('option', { name: /药品信息展示/ }).first().waitFor();
  await box.press('Enter');
  await eventually(async () => assert.equal(await categoryLinks().count(), 3));
  assert.equal(hashOf(page), '#/plan', 'choosing a result adds it instead of navigating');
  assert.equal(await box.inputValue(), '');
  await page.getByRole('button', { name: /移除.*药品信息展示/ }).click();
  await eventually(async () => assert.equal(await categoryLinks().count(), 2));
});

test('the Markdown export has the plan and its checklist', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Markdown' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'leimu-plan.md');
  const markdown = await readFile(await download.path(), 'utf8');
  assert.match(markdown, /^# 申请计划\n/);
  assert.match(markdown, /^- 医疗服务 > 公立医疗机构 \(`medical.public-institution`\) — 尚缺资质$/m);
  assert.match(markdown, /^- 医疗服务 > 三级私立医疗机构 \(`medical.private-tier3`\) — 尚缺资质$/m);
  assert.match(markdown, /^## 共缺 1 份资质$/m);
  assert.match(markdown, /^- \[ \] 医疗机构执业许可证 — 用于 医疗服务 > 公立医疗机构; 医疗服务 > 三级私立医疗机构$/m);
  assert.match(markdown, /^- \[x\] 事业单位法人证书 — 用于 医疗服务 > 公立医疗机构$/m);
  assert.equal(markdown.match(/医疗机构执业许可证/g).length, 1);
});

test('the JSON export has the same plan', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 JSON' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'leimu-plan.json');
  const plan = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(
    plan.categories.map((c) => [c.id, c.category]),
    [
      ['medical.public-institution', '医疗服务 > 公立医疗机构'],
      ['medical.private-tier3', '医疗服务 > 三级私立医疗机构'],
    ],
  );
  assert.equal(plan.missing_count, 1);
  const names = plan.documents.map((d) => d.name);
  assert.deepEqual([...names].sort(), ['事业单位法人证书', '医疗机构执业许可证'].sort());
  const licence = plan.documents.find((d) => d.name === '医疗机构执业许可证');
  assert.equal(licence.missing, true);
  assert.deepEqual([...licence.categories].sort(), ['medical.private-tier3', 'medical.public-institution']);
});

test('copy puts the Markdown checklist on the clipboard', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.getByRole('button', { name: '复制清单' }).click();
  await page.locator('.actions').getByRole('status').filter({ hasText: '已复制。' }).waitFor();
  const copied = await evaluate(page, () => navigator.clipboard.readText());
  assert.match(copied, /^# 申请计划\n/);
  assert.match(copied, /^- \[ \] 医疗机构执业许可证 — 用于 医疗服务 > 公立医疗机构; 医疗服务 > 三级私立医疗机构$/m);
  await browser.context.clearPermissions();
});

test('print opens the print dialog and prints the checklist only', async () => {
  await evaluate(page, () => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await page.getByRole('button', { name: '打印' }).click();
  await page.waitForFunction(() => window.__printed === 1);
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.getByRole('button', { name: '导出 Markdown' }).isVisible(), false);
    assert.equal(await page.locator('#share-link').isVisible(), false);
    assert.equal(await checklist().first().isVisible(), true);
  } finally {
    await page.emulateMedia({ media: null });
  }
});

test('a refused clipboard is not reported as copied', () =>
  withFreshBrowser(async (fresh) => {
    const p = fresh.page;
    // A browser that refuses the clipboard (no permission, an embedding that blocks it).
    await fresh.context.addInitScript(() => {
      if (navigator.clipboard) {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
      }
    });
    await p.goto(`${server.url}#/plan?c=medical.public-institution`);
    await p.getByRole('button', { name: '复制清单' }).click();
    const status = p.locator('.actions').getByRole('status');
    // Give the rejected promise time to settle, then look.
    await p.waitForTimeout(300);
    assert.notEqual(await text(status), '已复制。', 'the site must not claim it copied when the browser refused');
  }));

test('the share link opens the same plan in a fresh browser', () =>
  withFreshBrowser(async (fresh) => {
    const before = await checklist().allInnerTexts();
    const share = page.getByRole('textbox', { name: '分享链接' });
    assert.equal(await share.getAttribute('id'), 'share-link');
    const link = await share.inputValue();
    assert.ok(link.startsWith(server.url), link);
    assert.match(link, /#\/plan\?c=/);
    assert.match(link, /a=public-institution-legal-person-certificate/);

    await fresh.page.goto(link);
    await fresh.page.getByRole('heading', { level: 1, name: '申请计划' }).waitFor();
    await eventually(async () =>
      assert.deepEqual(await categoryLinks(fresh.page).allInnerTexts(), [
        '医疗服务 > 公立医疗机构',
        '医疗服务 > 三级私立医疗机构',
      ]),
    );
    assert.deepEqual(await checklist(fresh.page).allInnerTexts(), before);
    // The address bar shows the plain plan, and the opened plan is kept.
    await eventually(async () => assert.equal(hashOf(fresh.page), '#/plan'));
    await eventually(async () =>
      assert.deepEqual(JSON.parse(await getStorage(fresh.page, 'leimu.plan.v1')), [
        'medical.public-institution',
        'medical.private-tier3',
      ]),
    );
    assert.equal(await fresh.page.locator('.notices').count(), 0, 'a clean link gives no notice');
    await fresh.page.reload();
    await eventually(async () => assert.deepEqual(await checklist(fresh.page).allInnerTexts(), before));
    assert.deepEqual(foreignRequests(fresh.requests, server.origin), []);
    assert.deepEqual(fresh.errors, []);
  }));

test('a share link is applied once: later edits survive a language switch', () =>
  withFreshBrowser(async (fresh) => {
    const p = fresh.page;
    await p.goto(`${server.url}#/plan?c=medical.public-institution,medical.private-tier3`);
    await eventually(async () => assert.equal(await categoryLinks(p).count(), 2));
    await p.getByRole('button', { name: /移除.*三级私立医疗机构/ }).click();
    await eventually(async () => assert.deepEqual(await categoryLinks(p).allInnerTexts(), ['医疗服务 > 公立医疗机构']));
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
    await eventually(async () =>
      assert.deepEqual(
        await categoryLinks(p).allInnerTexts(),
        ['医疗服务 > 公立医疗机构'],
        'the removed category must not come back from the already-opened share link',
      ),
    );
    assert.deepEqual(JSON.parse(await getStorage(p, 'leimu.plan.v1')), ['medical.public-institution']);
  }));

test('every request went to the site itself', () => {
  assert.ok(browser.requests.length > 0);
  assert.deepEqual(foreignRequests(browser.requests, server.origin), []);
  assert.deepEqual(browser.errors, [], 'no page errors or console errors');
});
