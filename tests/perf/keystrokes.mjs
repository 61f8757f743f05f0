// Search latency per keystroke, shared by site-bench (section 3) and
// keystroke-compare (builds side by side).

import { evaluate } from '../e2e/support.mjs';

/** Queries typed one character at a time: names, pinyin, licences, descriptions, English. */
export const QUERIES = ['卖茶叶', '互联网医院', 'hlwyy', 'yiliao', '医疗机构执业许可证', '小程序直播', 'jiaxiao', '二手车', 'chaye', '快递', '卖茅台', 'bubble tea shop', '开了家美甲店想做预约'];

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
export const median = (values) => percentile(values, 50);

/**
 * Opens the home page at `url` in a new page of `browser`, with the app
 * started and the lexicon loaded (issue 11: it arrives after the first paint).
 */
export async function openForTyping(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  // The app starts at the first input (issue 12); a page without the start-up
  // frame (a build straight from trunk, for profiling) has the app's box already.
  await page.locator('#boot-search-input, #home-search-input').first().focus();
  await page.waitForSelector('#home-search-input');
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((r) => /\/lexicon-[0-9a-f]{16}\.bin$/.test(r.name) && r.responseEnd > 0),
  );
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  return page;
}

/** Types every query once in `page`; one sample per keystroke. */
export function typeOnce(page, queries = QUERIES) {
  return evaluate(page, keystrokeProbe, queries, 120000);
}

/**
 * Each keystroke's median over several passes (`passes`: arrays of samples
 * from `typeOnce`), so that one busy moment of a shared machine is not taken
 * for the page's latency.
 */
export function medianOfPasses(passes) {
  return passes[0].map((first, i) => {
    const own = passes.map((pass) => pass[i]);
    return {
      ...first,
      ms: median(own.map((s) => s.ms)),
      domMs: first.domMs === null ? null : median(own.map((s) => s.domMs).filter((v) => v !== null)),
      lateMutations: own.reduce((sum, s) => sum + s.lateMutations, 0),
      passes_ms: own.map((s) => s.ms),
    };
  });
}

/** Runs in the page: types each query one character at a time and times every keystroke. */
export async function keystrokeProbe(queries) {
  const input = document.querySelector('#home-search-input');
  const root = input.closest('.search') ?? document.body;
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
  // A macrotask with no timer clamp: runs after every microtask (Leptos effects) has drained.
  const channel = new MessageChannel();
  const nextTask = () =>
    new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const samples = [];
  for (const query of queries) {
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    const chars = [...query];
    for (let i = 1; i <= chars.length; i += 1) {
      const value = chars.slice(0, i).join('');
      let mutatedAt = null;
      let lateMutations = 0;
      let measured = false;
      const observer = new MutationObserver(() => {
        if (measured) lateMutations += 1;
        else if (mutatedAt === null) mutatedAt = performance.now();
      });
      observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTask();
      void document.body.offsetHeight; // style and layout of the new results
      const t1 = performance.now();
      measured = true;
      await settle();
      observer.disconnect();
      samples.push({
        query,
        value,
        ms: t1 - t0,
        domMs: mutatedAt === null ? null : mutatedAt - t0,
        lateMutations,
        results: root.querySelectorAll('[role="option"]').length,
      });
    }
  }
  return samples;
}
