// The site under Lighthouse's mobile preset, as the outside world measures
// it (run by `cargo xtask bench`; not a test).
//
// Lighthouse 12 (pinned in this folder's package.json, installed by the
// bench with `npm ci`), its default mobile preset: simulated slow 4G and a 4×
// slower CPU, on Debian's Chromium. The built dist/ is served from
// 127.0.0.1 brotli-compressed, as a CDN would send it: the simulated
// network counts the bytes actually sent.
//
// Side by side in one run, alternating, LH_RUNS runs each (default 3),
// medians: the home page, a category's static page (c/<id>/), the same
// category by its old hash link, and a plain HTML page of the whole source
// text (the floor).
//
// Lighthouse never types or taps: it measures a first visit as its HTML
// paints it. The home page and the static pages start the app only at the
// visitor's first input (xtask/src/boot.rs), so the app's wasm is not in
// these figures for them; the old hash link starts it at once. What the
// first input costs on the same simulated phone is measured by
// tests/perf/site-bench.mjs ("A slow phone's first search").
//
// Targets (issue 12): time to interactive ≤ 2.5 s, performance ≥ 95,
// accessibility 100, SEO 100 on the home page and the category page;
// cumulative layout shift 0; the home page's first visit ≤ 150 KiB as sent.
// Also printed: each page's long tasks (what keeps Lighthouse from calling
// the page interactive: it waits for 5 s with none).
//
// Writes test-artifacts/lighthouse-bench.json. `--strict` exits 1 when a
// target is missed. Environment: LEIMU_DIST (default dist/), LH_RUNS.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveInChild } from '../perf/servers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(process.env.LEIMU_DIST ?? path.join(ROOT, 'dist'));
const RUNS = Number(process.env.LH_RUNS ?? 3);
const STRICT = process.argv.includes('--strict');
const CATEGORY = 'medical.internet-hospital';

const TARGETS = {
  interactive_ms: 2500,
  performance: 95,
  accessibility: 100,
  seo: 100,
  cls: 0,
  home_bytes: 150 * 1024,
};

/** A plain page holding the whole source text: what a page of text costs. */
async function plainPage() {
  const dir = await mkdtemp(path.join(tmpdir(), 'leimu-lh-plain-'));
  const source = readFileSync(path.join(ROOT, 'catalog', 'source.txt'), 'utf8');
  const escaped = source.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>非个人主体小程序开放的服务类目</title>` +
      `<meta name="description" content="微信小程序非个人主体开放的服务类目与所需资质，全文。">` +
      `<link rel="icon" href="data:,"></head>` +
      `<body><main><h1>非个人主体小程序开放的服务类目</h1><pre style="white-space:pre-wrap">${escaped}</pre></main></body></html>`,
  );
  return dir;
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarise(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue;
  const score = (id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
  const longTasks = (lhr.audits['long-tasks']?.details?.items ?? []).map((t) => ({
    url: t.url,
    start_ms: Math.round(t.startTime),
    duration_ms: Math.round(t.duration),
  }));
  return {
    interactive_ms: audit('interactive'),
    fcp_ms: audit('first-contentful-paint'),
    lcp_ms: audit('largest-contentful-paint'),
    tbt_ms: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    bytes: audit('total-byte-weight'),
    performance: score('performance'),
    accessibility: score('accessibility'),
    seo: score('seo'),
    long_tasks: longTasks,
    failed_audits: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ['accessibility', 'seo'].some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id),
  };
}

const site = await serveInChild(DIST, { brotli: true });
const plainDir = await plainPage();
const plain = await serveInChild(plainDir, { brotli: true });
const pages = [
  { name: 'home', url: site.url, targets: true },
  { name: 'category page', url: `${site.url}c/${CATEGORY}/`, targets: true },
  { name: 'category (old hash link)', url: `${site.url}#/c/${CATEGORY}`, targets: false },
  { name: 'plain page', url: plain.url, targets: false },
];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const runs = Object.fromEntries(pages.map((p) => [p.name, []]));
let failed = false;
try {
  for (let run = 0; run < RUNS; run++) {
    for (const page of pages) {
      const result = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'seo'],
      });
      if (result.lhr.runtimeError) throw new Error(`${page.name}: ${result.lhr.runtimeError.message}`);
      runs[page.name].push(summarise(result.lhr));
      process.stdout.write('.');
    }
  }
  process.stdout.write('\n');

  const report = { date: new Date().toISOString(), dist: path.relative(ROOT, DIST) || '.', runs: RUNS, lighthouse: '12.2.3 mobile preset', targets: TARGETS, pages: {} };
  const ms = (v) => `${(v / 1000).toFixed(2)} s`;
  console.log(`\n== Lighthouse, mobile preset, brotli, medians of ${RUNS} runs ==`);
  console.log(`  ${'page'.padEnd(26)} ${'TTI'.padStart(7)} ${'FCP'.padStart(7)} ${'LCP'.padStart(7)} ${'TBT'.padStart(7)} ${'CLS'.padStart(6)} ${'bytes'.padStart(9)}  perf a11y  seo`);
  for (const page of pages) {
    const list = runs[page.name];
    const m = (key) => median(list.map((r) => r[key]));
    const summary = {
      url: page.url,
      interactive_ms: m('interactive_ms'),
      fcp_ms: m('fcp_ms'),
      lcp_ms: m('lcp_ms'),
      tbt_ms: m('tbt_ms'),
      cls: m('cls'),
      bytes: m('bytes'),
      performance: m('performance'),
      accessibility: m('accessibility'),
      seo: m('seo'),
      each_run: list,
    };
    report.pages[page.name] = summary;
    console.log(
      `  ${page.name.padEnd(26)} ${ms(summary.interactive_ms).padStart(7)} ${ms(summary.fcp_ms).padStart(7)} ${ms(summary.lcp_ms).padStart(7)} ${`${Math.round(summary.tbt_ms)} ms`.padStart(7)} ${summary.cls.toFixed(3).padStart(6)} ${`${(summary.bytes / 1024).toFixed(1)} KiB`.padStart(9)}  ${String(summary.performance).padStart(4)} ${String(summary.accessibility).padStart(4)} ${String(summary.seo).padStart(4)}`,
    );
  }
  console.log('\n== Long tasks (last run; start and duration under the 4× CPU slowdown) ==');
  for (const page of pages) {
    const last = runs[page.name].at(-1);
    const where = (url) => (URL.canParse(url ?? '') ? path.basename(new URL(url).pathname) || url : url ?? '');
    const tasks = last.long_tasks.map((t) => `${t.start_ms} ms +${t.duration_ms} ms ${where(t.url)}`);
    console.log(`  ${page.name.padEnd(26)} ${tasks.join('; ') || 'none'}`);
    if (last.failed_audits.length) console.log(`  ${''.padEnd(26)} accessibility/SEO audits not passed: ${last.failed_audits.join(', ')}`);
  }

  console.log('\n== Targets ==');
  const checks = [];
  for (const page of pages.filter((p) => p.targets)) {
    const s = report.pages[page.name];
    checks.push([`${page.name}: time to interactive ≤ ${ms(TARGETS.interactive_ms)}`, s.interactive_ms <= TARGETS.interactive_ms, ms(s.interactive_ms)]);
    checks.push([`${page.name}: performance ≥ ${TARGETS.performance}`, s.performance >= TARGETS.performance, s.performance]);
    checks.push([`${page.name}: accessibility ${TARGETS.accessibility}`, s.accessibility >= TARGETS.accessibility, s.accessibility]);
    checks.push([`${page.name}: SEO ${TARGETS.seo}`, s.seo >= TARGETS.seo, s.seo]);
    checks.push([`${page.name}: cumulative layout shift ${TARGETS.cls}`, s.cls <= TARGETS.cls, s.cls.toFixed(3)]);
  }
  const home = report.pages.home;
  checks.push([`home: first visit ≤ ${TARGETS.home_bytes / 1024} KiB as sent`, home.bytes <= TARGETS.home_bytes, `${(home.bytes / 1024).toFixed(1)} KiB`]);
  report.checks = checks.map(([what, met, value]) => ({ what, met, value }));
  for (const [what, met, value] of checks) {
    console.log(`  ${met ? 'met   ' : 'MISSED'} ${what}: ${value}`);
    failed ||= !met;
  }
  mkdirSync(path.join(ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-artifacts', 'lighthouse-bench.json'), JSON.stringify(report, null, 2));
  console.log('\nwrote test-artifacts/lighthouse-bench.json');
} finally {
  await chrome.kill();
  await site.close();
  await plain.close();
  await rm(plainDir, { recursive: true, force: true });
}
process.exit(STRICT && failed ? 1 : 0);
