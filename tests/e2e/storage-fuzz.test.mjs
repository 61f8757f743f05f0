// A seeded fuzz of what a link and storage can hold: 500 cases of location
// fragments (routes, share links, junk) and stored values (profiles, plans,
// client indexes, from valid to hostile). For every case the page must
// render (never blank), never overflow a phone's width, and lose nothing the
// user had: every stored value is still there, or kept in a copy the page
// named. The seed is fixed, so a failure is reproducible; LEIMU_FUZZ_SEED
// and LEIMU_FUZZ_CASES explore further.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stopSite, startSite, evaluate, appReady } from './support.mjs';

const SEED = Number(process.env.LEIMU_FUZZ_SEED ?? 20261206);
const CASES = Number(process.env.LEIMU_FUZZ_CASES ?? 500);
const WIDTH = 375;

let server;
let browser;
let page;

/** mulberry32: a small deterministic generator. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['medical.internet-hospital', 'merchant.food-beverage', 'education.platform', 'medical.otc-sales', 'logistics.pickup-delivery'];
const DOCUMENTS = ['business-licence', 'medical-institution-practice-licence', 'icp-value-added-telecom-permit'];
const KINDS = ['enterprise', 'government', 'bank', 'public-medical-institution'];
const JUNK = [
  '', ' ', 'null', '[]', '{}', '{', '"x"', '0', '-1', '1e309', 'true', '<img src=x onerror=window.__pwned=1>', '%', '%E4%B8',
  '\u0000', '🙂'.repeat(50), 'x'.repeat(3000), '中'.repeat(500), '../../etc', '__proto__', 'constructor', '{"__proto__":{"x":1}}',
];

function fuzzer(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const maybe = (p = 0.5) => random() < p;
  const nested = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const value = (depth = 0) => {
    const r = random();
    if (depth > 3 || r < 0.3) return pick([null, true, 1, -1, 0.5, 2 ** 40, 'x', pick(JUNK), pick(CATEGORIES), pick(DOCUMENTS)]);
    if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(['version', 'applicant', 'kinds', 'x', pick(DOCUMENTS), pick(JUNK)]), value(depth + 1)]));
  };
  const profile = () => {
    const r = random();
    if (r < 0.15) return pick(JUNK);
    if (r < 0.25) return `{"version":2,"applicant":${nested(1 + Math.floor(random() * 60000))}}`;
    if (r < 0.45) return JSON.stringify(value());
    const p = { version: pick([1, 2, 2, 3, 99, '2', -1]) };
    if (maybe()) p.applicant = Object.fromEntries(DOCUMENTS.filter(() => maybe()).map((d) => [maybe(0.9) ? d : pick(JUNK), pick([1, 2, 0, 99, 100, -3, 1.5, 'one'])]));
    if (maybe(0.3)) p.partners = { [pick(DOCUMENTS)]: pick([1, 3]) };
    if (maybe(0.3)) p.kinds = KINDS.filter(() => maybe(0.3)).concat(maybe(0.2) ? [pick(JUNK)] : []);
    if (maybe(0.2)) p.scope = maybe() ? '许可项目：' + pick(JUNK) : 'x'.repeat(10000);
    if (maybe(0.2)) p.answers = [{ category: pick(CATEGORIES), question: 'label:x', holds: maybe() }];
    if (maybe(0.1)) p.answers = value();
    return JSON.stringify(p);
  };
  const plan = () => {
    const r = random();
    if (r < 0.15) return pick(JUNK);
    if (r < 0.2) return nested(1 + Math.floor(random() * 60000));
    const entries = Array.from({ length: Math.floor(random() * 6) }, () =>
      pick([pick(CATEGORIES), pick(CATEGORIES), { category: pick(CATEGORIES), way: pick([1, 2, 0, -1, 'x', 99]) }, pick(JUNK), value(2)]),
    );
    return JSON.stringify(entries);
  };
  const clients = () => {
    const r = random();
    if (r < 0.2) return pick(JUNK);
    const list = [{ id: 'default', name: pick(['', '茶叶店', pick(JUNK)]) }];
    for (let i = 1; i < Math.floor(random() * 4); i++) list.push({ id: pick([`c${i}`, pick(JUNK), 'c1']), name: maybe() ? `客户${i}` : value(2) });
    return JSON.stringify({ version: 1, current: pick(['default', 'c1', 'c2', pick(JUNK)]), clients: list });
  };
  const query = () =>
    Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
      const key = pick(['c', 'a', 'p', 'k', 'n', 'v', 's', 'q', 'zz', pick(JUNK)]);
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        pick([pick(CATEGORIES), pick(DOCUMENTS), `${pick(DOCUMENTS)}*${pick([2, 999, 0, 'x'])}`, pick(KINDS), encodeURIComponent(pick(JUNK))]),
      );
      return maybe(0.9) ? `${key}=${items.join(',')}` : key;
    }).join('&');
  const fragment = () =>
    pick([
      '#/',
      `#/c/${pick(CATEGORIES)}`,
      `#/c/${encodeURIComponent(pick(JUNK))}`,
      `#/plan?${query()}`,
      `#/plan?${query()}`,
      '#/plan',
      '#/profile',
      '#/unlock',
      `#/${encodeURIComponent(pick(JUNK))}/${pick(JUNK).slice(0, 50)}`,
      `#${pick(JUNK).slice(0, 200)}`,
    ]);
  return () => {
    const storage = {};
    if (maybe(0.7)) storage['leimu.profile.v1'] = profile();
    if (maybe(0.5)) storage['leimu.plan.v1'] = plan();
    if (maybe(0.3)) storage['leimu.clients.v1'] = clients();
    if (maybe(0.2)) storage['leimu.client.c1.profile'] = profile();
    if (maybe(0.1)) storage['leimu.client.c1.plan'] = plan();
    if (maybe(0.1)) storage['leimu.before-share.v1'] = maybe() ? JSON.stringify({ plan: [pick(CATEGORIES)], profile: { version: 2, applicant: { [pick(DOCUMENTS)]: 1 } } }) : pick(JUNK);
    return { fragment: fragment(), storage };
  };
}

before(async () => {
  ({ server, browser, page } = await startSite());
  await page.setViewportSize({ width: WIDTH, height: 812 });
});

after(() => stopSite(server));

test(`${CASES} seeded cases of links and stored values: never blank, never wider than a phone, nothing lost`, { timeout: 30 * 60 * 1000 }, async () => {
  const next = fuzzer(generator(SEED));
  await page.goto(server.url);
  await appReady(page);
  for (let i = 0; i < CASES; i++) {
    const { fragment, storage } = next();
    const where = `case ${i} (seed ${SEED}): ${fragment.slice(0, 120)} with ${JSON.stringify(Object.fromEntries(Object.entries(storage).map(([k, v]) => [k, String(v).slice(0, 80)])))}`;
    await evaluate(page, (entries) => {
      localStorage.clear();
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, storage);
    await page.goto('about:blank');
    await page.goto(server.url + fragment);
    await appReady(page).catch((error) => assert.fail(`${where}: the page stayed blank (${error.message})`));
    const state = await evaluate(page, () => ({
      text: document.querySelector('main#main-content')?.innerText.trim().length ?? 0,
      width: document.documentElement.scrollWidth,
      pwned: window.__pwned === 1,
      storage: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
      offer: document.querySelector('.share-offer') !== null,
    }));
    assert.ok(state.text > 0, `${where}: empty main`);
    assert.ok(state.width <= WIDTH, `${where}: ${state.width} px wide`);
    assert.equal(state.pwned, false, `${where}: a script ran`);
    for (const [key, value] of Object.entries(storage)) {
      if (key === 'leimu.before-share.v1') continue; // migrated into a client profile when readable
      let kept = Object.entries(state.storage).some(([k, v]) => (k === key || k.startsWith(`${key}.`)) && v === value);
      if (!kept && key === 'leimu.clients.v1') {
        // The index may gain clients (an old share-link backup migrated): every client it named is still named.
        let before = null;
        try {
          before = JSON.parse(value);
        } catch {}
        const now = JSON.parse(state.storage[key] ?? '{"clients":[]}');
        const seen = new Set();
        kept = Array.isArray(before?.clients) && before.clients
          .filter((c) => c && typeof c.name === 'string' && /^(default|c\d{1,11})$/.test(c.id) && !seen.has(c.id) && seen.add(c.id))
          .every((c) => now.clients.some((n) => n.id === c.id));
      }
      // A share link may fill an empty profile or plan (nothing to lose), never a non-empty one without asking.
      const emptied = fragment.startsWith('#/plan?') && !state.offer;
      assert.ok(kept || emptied, `${where}: ${key} lost (now ${String(state.storage[key]).slice(0, 80)})`);
    }
  }
});
