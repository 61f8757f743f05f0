// The site's browser benchmark (run by `cargo xtask bench`; not a test).
//
// 1. First-visit bytes: every file the page requests on a first load, raw and
//    brotli (quality 11), by kind. Target (issue 12): ≤ 150 KiB brotli, every
//    file counted. A first visit paints the home page from its HTML and
//    starts the app at the visitor's first input (xtask/src/boot.rs): what
//    the page loads with no input is the first visit; what the first input
//    brings (the app's wasm) is listed apart, as "at first input", with its
//    total. The search lexicon (lexicon-<fingerprint>.bin) is fetched after
//    the app has started (search works without it;
//    tests/e2e/search.test.mjs holds it back to prove so): listed as "after
//    paint", in neither total.
// 2. Navigation → usable search box: the query typed into the input as soon
//    as it exists (focused first, as a person does, which starts the app),
//    until its first result is on screen (the frame after it
//    reached the DOM has been rendered). leimu against a plain static HTML page
//    of the same catalogue text with one <input>, N alternating runs each.
//    Target: ratio ≤ 2×. Also reported: when the results reach the DOM (the
//    plain page has them before its first frame), first paint, and the floor,
//    a page that only fetches leimu's wasm.
// 3. Search latency per keystroke: queries typed character by character;
//    from dispatching `input` to the DOM updated and laid out. Target: p95 ≤ 16 ms.
//    (keystroke-compare.mjs times two builds side by side the same way.)
// 4. A slow phone's first search: section 2's measure under Lighthouse's
//    mobile conditions as DevTools applies them (562.5 ms request latency,
//    1,474.56 kbps down, 675 kbps up, CPU 4× slower), every page served
//    brotli. The visitor types at once, so the whole start of the app (the
//    wasm's download, compile, the first render) is inside the figure: the
//    worst case for an app that starts at the first input. Not a target:
//    what Lighthouse cannot show, since it never types.
//
// Writes test-artifacts/site-bench.json. `--strict` exits 1 when a target is missed.
// Environment: LEIMU_DIST (default dist/), BENCH_RUNS (default 15), KEYSTROKE_PASSES
// (default 3: section 3 types its queries that many times and takes each keystroke's median).

import { serveInChild } from './servers.mjs';
import { mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { launch, withTimeout, ROOT, DIST, ARTIFACTS } from '../e2e/support.mjs';
import { QUERIES, typeOnce, medianOfPasses, percentile, median } from './keystrokes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** How many times the keystroke queries are typed (section 3). */
const KEYSTROKE_PASSES = Number(process.env.KEYSTROKE_PASSES ?? 3);
const STRICT = process.argv.includes('--strict');
const TARGET_BROTLI = 150 * 1024;
const TARGET_RATIO = 2;
const TARGET_P95 = 16;
/** The query typed for the "usable" check: plain substring search must find it too. */
const USABLE_QUERY = '茶叶';

const brotli = (buffer) =>
  brotliCompressSync(buffer, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;


function kindOf(url, contentType) {
  const pathname = new URL(url).pathname;
  if (/\/lexicon-[0-9a-f]{16}\.bin$/.test(pathname)) return 'after paint';
  if (pathname.endsWith('.wasm') || contentType.includes('wasm')) return 'wasm';
  if (pathname.endsWith('.js') || contentType.includes('javascript')) return 'JS';
  if (pathname.endsWith('.css') || contentType.includes('css')) return 'CSS';
  if (pathname.endsWith('/') || pathname.endsWith('.html') || contentType.includes('html')) return 'HTML';
  return 'other';
}

// ---------------------------------------------------------------------------
// The plain page: the same catalogue text, plain HTML, one <input>, a few
// lines of inline script that filter by substring.

const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function plainPage(catalog) {
  const items = catalog.leaves
    .map(
      (leaf) =>
        `<li><h3>${escapeHtml(leaf.path.join(' > '))}</h3><p>${escapeHtml(leaf.scope)}</p>` +
        `<pre>${escapeHtml(leaf.requirement_text)}</pre></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>类目 (plain)</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem}pre{white-space:pre-wrap}</style></head>
<body><label for="q">搜索类目</label> <input id="q" type="search" autocomplete="off">
<ul id="results" role="listbox"></ul>
<ul id="all">
${items}
</ul>
<script>
const input = document.getElementById('q');
const results = document.getElementById('results');
const all = [...document.querySelectorAll('#all > li')].map((li) => [li, li.textContent]);
input.addEventListener('input', () => {
  const q = input.value.trim();
  results.replaceChildren();
  if (!q) return;
  for (const [li, text] of all) {
    if (!text.includes(q)) continue;
    const option = document.createElement('li');
    option.setAttribute('role', 'option');
    option.textContent = li.querySelector('h3').textContent;
    results.append(option);
    if (results.children.length >= 20) break;
  }
});
</script>
</body></html>
`;
}

/**
 * The floor: a page with the plain page's <input> whose only work is to fetch
 * leimu's wasm (no compile, no run), showing an option once the bytes are in.
 * Not a target: it shows how much of leimu's time is the download of a second
 * file at all, which no work inside the wasm can win back.
 */
function floorPage(wasmFile) {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>类目 (floor)</title><link rel="icon" href="data:,">
<script>const bytes = fetch(${JSON.stringify(wasmFile)}).then((r) => r.arrayBuffer());</script></head>
<body><label for="q">搜索类目</label> <input id="q" type="search" autocomplete="off"><ul id="results" role="listbox"></ul>
<script>
document.getElementById('q').addEventListener('input', () => bytes.then((b) => {
  const option = document.createElement('li');
  option.setAttribute('role', 'option');
  option.textContent = String(b.byteLength);
  document.getElementById('results').append(option);
}));
</script>
</body></html>
`;
}

// ---------------------------------------------------------------------------
// In-page probes (installed before any page script runs).

/**
 * Types the query into the search input as soon as it exists (once, as a
 * person would: a page that replaces its input must carry the text over),
 * then records, in milliseconds since the navigation started:
 * - `__inputAt`: the input exists;
 * - `__resultsAt`: an option is in the DOM (nothing painted yet, perhaps);
 * - `__paintedAt`: the frame after that has been rendered (a `setTimeout`
 *   posted from `requestAnimationFrame` runs once the frame's style, layout
 *   and paint are done): the results are on screen.
 * Identical for every page.
 */
function usableProbe(query) {
  let typed = false;
  const check = () => {
    if (window.__resultsAt !== undefined) return;
    const input = document.querySelector('input[type="search"]');
    if (!input) return;
    if (!typed) {
      typed = true;
      window.__inputAt = performance.now();
      input.focus();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    if (document.querySelector('[role="option"]')) {
      window.__resultsAt = performance.now();
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      window.__wasmLoaded = wasm ? wasm.responseEnd : null;
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          window.__paintedAt = performance.now();
        }),
      );
    }
  };
  const observer = new MutationObserver(check);
  const start = () => {
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    check();
  };
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
}

// ---------------------------------------------------------------------------


async function main() {
  const catalog = JSON.parse(readFileSync(path.join(ROOT, 'catalog', 'generated', 'catalog.json'), 'utf8'));
  const plainDir = await mkdtemp(path.join(tmpdir(), 'leimu-plain-'));
  await writeFile(path.join(plainDir, 'index.html'), plainPage(catalog));
  const floorDir = await mkdtemp(path.join(tmpdir(), 'leimu-floor-'));
  const wasmFile = readdirSync(DIST).find((f) => f.startsWith('leimu-site-') && f.endsWith('.wasm'));
  if (!wasmFile) throw new Error(`no leimu-site-*.wasm in ${DIST}: build the site first (cargo xtask site)`);
  await copyFile(path.join(DIST, wasmFile), path.join(floorDir, wasmFile));
  await writeFile(path.join(floorDir, 'index.html'), floorPage(wasmFile));

  // Each page from a server in a process of its own (see serve-child.mjs).
  const site = await serveInChild(DIST);
  const plain = await serveInChild(plainDir);
  const floor = await serveInChild(floorDir);
  const brotliSite = await serveInChild(DIST, { brotli: true });
  const brotliPlain = await serveInChild(plainDir, { brotli: true });
  // Service workers blocked: after the first visit leimu's worker would serve every later run from
  // its cache, and section 2 measures a first visit (the registration script, inlined in the page, is still counted).
  const browser = await launch({ serviceWorkers: 'block' });
  const report = { date: new Date().toISOString(), dist: path.relative(ROOT, DIST) || '.', runs: RUNS };
  let failed = false;
  try {
    // 1. First-visit bytes ---------------------------------------------------
    const page = await browser.context.newPage();
    const responses = [];
    let inputGiven = false;
    page.on('response', (response) => responses.push([response, inputGiven]));
    await page.goto(site.url);
    await page.waitForLoadState('networkidle');
    // The visitor's first input: a tap on the search box starts the app.
    inputGiven = true;
    await page.focus('#boot-search-input');
    await page.waitForSelector('#home-search-input');
    await page.waitForLoadState('networkidle');
    const files = [];
    for (const [response, atInput] of responses) {
      const url = response.url();
      if (!url.startsWith('http')) continue;
      const body = await withTimeout(response.body(), 15000, `body of ${url}`).catch(() => Buffer.alloc(0));
      let kind = kindOf(url, response.headers()['content-type'] ?? '');
      if (atInput && kind !== 'after paint') kind = 'at first input';
      files.push({ url: new URL(url).pathname, kind, status: response.status(), raw: body.length, brotli: brotli(body) });
    }
    await page.close();
    const byKind = {};
    for (const file of files) {
      byKind[file.kind] ??= { raw: 0, brotli: 0, files: 0 };
      byKind[file.kind].raw += file.raw;
      byKind[file.kind].brotli += file.brotli;
      byKind[file.kind].files += 1;
    }
    const sum = (list) => ({ raw: list.reduce((s, f) => s + f.raw, 0), brotli: list.reduce((s, f) => s + f.brotli, 0) });
    const total = sum(files.filter((f) => f.kind !== 'after paint' && f.kind !== 'at first input'));
    const withApp = sum(files.filter((f) => f.kind !== 'after paint'));
    const plainHtml = readFileSync(path.join(plainDir, 'index.html'));
    report.bytes = { files, byKind, total, with_app_started: withApp, target_brotli: TARGET_BROTLI, plain_page: { raw: plainHtml.length, brotli: brotli(plainHtml) } };

    console.log('\n== First visit: bytes requested ==');
    for (const file of files) {
      console.log(`  ${file.kind.padEnd(14)} ${file.url.padEnd(48)} ${kb(file.raw).padStart(10)} raw ${kb(file.brotli).padStart(10)} br`);
    }
    for (const kind of ['HTML', 'JS', 'wasm', 'CSS', 'other', 'at first input', 'after paint']) {
      if (byKind[kind]) console.log(`  ${kind.padEnd(14)} total ${kb(byKind[kind].raw).padStart(10)} raw ${kb(byKind[kind].brotli).padStart(10)} br`);
    }
    const bytesOk = total.brotli <= TARGET_BROTLI;
    console.log(`  TOTAL       ${kb(total.raw).padStart(10)} raw ${kb(total.brotli).padStart(10)} br   target ≤ ${kb(TARGET_BROTLI)}: ${bytesOk ? 'met' : 'MISSED'}`);
    console.log(`  with the app started at the first input: ${kb(withApp.raw)} raw, ${kb(withApp.brotli)} br`);
    console.log(`  (the plain page: ${kb(plainHtml.length)} raw, ${kb(report.bytes.plain_page.brotli)} br)`);
    failed ||= !bytesOk;

    // 2. Navigation → usable search ------------------------------------------
    await browser.context.addInitScript(usableProbe, USABLE_QUERY);
    const names = ['leimu', 'plain', 'floor'];
    const loads = Object.fromEntries(names.map((name) => [name, []]));
    const wasmTimes = [];
    const measure = async (name, url) => {
      const p = await browser.context.newPage();
      try {
        await p.goto(url);
        const handle = await p.waitForFunction(
          () => window.__paintedAt && [window.__inputAt, window.__resultsAt, window.__paintedAt, window.__wasmLoaded],
          undefined,
          { timeout: 30000 },
        );
        const [input, results, painted, wasmLoaded] = await handle.jsonValue();
        // First paint is reported once the frame is presented, a little after it is rendered.
        const fcp = await p
          .waitForFunction(
            () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
            undefined,
            { timeout: 5000 },
          )
          .then((h) => h.jsonValue())
          .catch(() => null);
        if (name === 'leimu' && wasmLoaded !== null) wasmTimes.push(wasmLoaded);
        loads[name].push({ input, results, painted, fcp });
      } finally {
        await p.close();
      }
    };
    const pages = [
      ['leimu', site.url],
      ['plain', plain.url],
      ['floor', floor.url],
    ];
    // One warm-up each (browser process start-up, font loading), not counted.
    for (const [name, url] of pages) await measure(name, url);
    for (const list of [...Object.values(loads), wasmTimes]) list.length = 0;
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate the order of the pages.
      const order = run % 2 === 0 ? pages : [...pages].reverse();
      for (const [name, url] of order) await measure(name, url);
    }
    const medianOf = (name, key) => median(loads[name].map((sample) => sample[key]).filter((v) => v !== null));
    const stats = Object.fromEntries(
      names.map((name) => [
        name,
        Object.fromEntries(['input', 'results', 'painted', 'fcp'].map((key) => [`${key}_median_ms`, medianOf(name, key)])),
      ]),
    );
    const ratio = stats.leimu.painted_median_ms / stats.plain.painted_median_ms;
    const domRatio = stats.leimu.results_median_ms / stats.plain.results_median_ms;
    const ratioOk = ratio <= TARGET_RATIO;
    report.usable = {
      query: USABLE_QUERY,
      loads,
      medians: stats,
      leimu_wasm_downloaded_ms: wasmTimes,
      ratio_results_on_screen: ratio,
      ratio_results_in_dom: domRatio,
      floor_ratio_results_in_dom: stats.floor.results_median_ms / stats.plain.results_median_ms,
      target_ratio: TARGET_RATIO,
      note:
        'localhost, no throttling, no HTTP cache (no-store). The target applies to results on screen: ' +
        'navigation start to the rendered frame that shows the first result for the query typed into the box.',
    };
    console.log(`\n== Navigation → usable search (query ${USABLE_QUERY}, ${RUNS} alternating runs each, localhost, no cache; medians) ==`);
    console.log(`         ${'input'.padStart(9)} ${'results in DOM'.padStart(15)} ${'on screen'.padStart(10)} ${'first paint'.padStart(12)}`);
    for (const name of names) {
      const m = stats[name];
      console.log(
        `  ${name.padEnd(6)} ${ms(m.input_median_ms).padStart(9)} ${ms(m.results_median_ms).padStart(15)} ${ms(m.painted_median_ms).padStart(10)} ${ms(m.fcp_median_ms).padStart(12)}`,
      );
    }
    console.log(`  (leimu: the wasm is downloaded at ${ms(median(wasmTimes))}; floor: the plain page's input plus a fetch of leimu's wasm, nothing run)`);
    console.log(
      `  results in the DOM: leimu ${domRatio.toFixed(2)}× the plain page, floor ${(stats.floor.results_median_ms / stats.plain.results_median_ms).toFixed(2)}× ` +
        '(the plain page has them before its first frame, which lays out the whole catalogue)',
    );
    console.log(`  ratio (results on screen)  ${ratio.toFixed(2)}×   target ≤ ${TARGET_RATIO}×: ${ratioOk ? 'met' : 'MISSED'}`);
    failed ||= !ratioOk;

    // 3. Search latency per keystroke ----------------------------------------
    const typing = await browser.context.newPage();
    await typing.goto(site.url);
    await typing.waitForSelector('#home-search-input');
    // Let the probe's own query finish, then start from an empty box.
    await typing.waitForFunction(() => window.__paintedAt);
    // Measured with the lexicon loaded (issue 11): it arrives after the first paint.
    await typing.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/lexicon-[0-9a-f]{16}\.bin$/.test(r.name) && r.responseEnd > 0));
    await typing.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    // Every query typed KEYSTROKE_PASSES times; each keystroke's latency is its median over the
    // passes, so one busy moment of a shared machine is not taken for the page's latency. The
    // p95 of every sample is reported too.
    const passes = [];
    for (let pass = 0; pass < KEYSTROKE_PASSES; pass += 1) passes.push(await typeOnce(typing));
    await typing.close();
    const samples = medianOfPasses(passes);
    const latencies = samples.map((s) => s.ms);
    const everySample = passes.flat().map((s) => s.ms);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const late = samples.filter((s) => s.lateMutations > 0);
    const latencyOk = p95 <= TARGET_P95 && late.length === 0;
    const firstChange = samples.map((s) => s.domMs).filter((v) => v !== null);
    report.keystrokes = {
      queries: QUERIES,
      samples,
      p50_ms: p50,
      p95_ms: p95,
      passes: KEYSTROKE_PASSES,
      p95_of_every_sample_ms: percentile(everySample, 95),
      max_ms: Math.max(...latencies),
      first_dom_change_p50_ms: percentile(firstChange, 50),
      first_dom_change_p95_ms: percentile(firstChange, 95),
      target_p95_ms: TARGET_P95,
    };
    console.log(
      `\n== Search latency per keystroke (${samples.length} keystrokes × ${KEYSTROKE_PASSES} passes, each keystroke's median; input event → DOM updated and laid out) ==`,
    );
    for (const query of QUERIES) {
      const own = samples.filter((s) => s.query === query);
      console.log(`  ${query.padEnd(12)} ${own.map((s) => s.ms.toFixed(1)).join(' / ')} ms   (${own.at(-1).results} results)`);
    }
    console.log(`  p50 ${ms(p50)}   p95 ${ms(p95)}   max ${ms(Math.max(...latencies))}   target p95 ≤ ${TARGET_P95} ms: ${latencyOk ? 'met' : 'MISSED'}`);
    console.log(`  (p95 of all ${everySample.length} samples, busy moments included: ${ms(percentile(everySample, 95))})`);
    console.log(
      `  (input → first DOM change, i.e. mostly the search itself: p50 ${ms(percentile(firstChange, 50))}, ` +
        `p95 ${ms(percentile(firstChange, 95))}; the rest is rendering and layout)`,
    );
    if (late.length > 0) {
      console.log(`  WARNING: ${late.length} keystrokes changed the DOM after the measurement ended; the numbers are too low for them.`);
    }
    failed ||= !latencyOk;

    // 4. A slow phone's first search -----------------------------------------
    const slowRuns = Math.max(1, Math.min(RUNS, 5));
    const slow = { leimu: [], plain: [] };
    const measureSlow = async (name, url) => {
      const p = await browser.context.newPage();
      try {
        const cdp = await browser.context.newCDPSession(p);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 562.5,
          downloadThroughput: (1474.56 * 1024) / 8,
          uploadThroughput: (675 * 1024) / 8,
        });
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await p.goto(url);
        const handle = await p.waitForFunction(() => window.__paintedAt && [window.__inputAt, window.__paintedAt], undefined, {
          timeout: 60000,
        });
        const [input, painted] = await handle.jsonValue();
        slow[name].push({ input, painted });
      } finally {
        await p.close();
      }
    };
    const slowPages = [
      ['leimu', brotliSite.url],
      ['plain', brotliPlain.url],
    ];
    for (let run = 0; run < slowRuns; run += 1) {
      const order = run % 2 === 0 ? slowPages : [...slowPages].reverse();
      for (const [name, url] of order) await measureSlow(name, url);
    }
    const slowMedian = (name, key) => median(slow[name].map((sample) => sample[key]));
    report.slow_phone_first_search = {
      runs: slowRuns,
      samples: slow,
      medians: Object.fromEntries(
        Object.keys(slow).map((name) => [name, { input_ms: slowMedian(name, 'input'), results_on_screen_ms: slowMedian(name, 'painted') }]),
      ),
      note: 'DevTools throttling with Lighthouse mobile values, brotli, no cache, no worker; the query typed as soon as the box exists.',
    };
    console.log(`\n== A slow phone's first search (Lighthouse's mobile conditions, brotli, ${slowRuns} alternating runs, medians) ==`);
    for (const name of Object.keys(slow)) {
      console.log(`  ${name.padEnd(6)} box at ${ms(slowMedian(name, 'input'))}, first result on screen at ${ms(slowMedian(name, 'painted'))}`);
    }
  } finally {
    await browser.close();
    await site.close();
    await plain.close();
    await floor.close();
    await brotliSite.close();
    await brotliPlain.close();
    await rm(plainDir, { recursive: true, force: true });
    await rm(floorDir, { recursive: true, force: true });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = path.join(ARTIFACTS, 'site-bench.json');
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, out)}`);
  if (failed) console.log('some targets were missed');
  process.exitCode = failed && STRICT ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
