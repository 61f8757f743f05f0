// Search latency per keystroke of two or more builds, side by side in one run.
//
//   node tests/perf/keystroke-compare.mjs <dist> <other-dist> [...]
//
// The shared machine's load changes from minute to minute, so builds are
// never timed one after the other: every pass types all queries in each
// build in turn (A, B, A, B, …), each in a page of its own opened for that
// pass, and each keystroke's latency is its median over the passes. The ratio is taken keystroke by keystroke (same query,
// same prefix), and its median is reported with each build's p50 and p95.
//
// Environment: KEYSTROKE_PASSES (default 5). PROFILE=1 also writes a CPU
// profile of the first build's typing to test-artifacts/keystrokes-<n>.cpuprofile.

import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, ARTIFACTS } from '../e2e/support.mjs';
import { serveInChild } from './servers.mjs';
import { openForTyping, typeOnce, medianOfPasses, percentile, median } from './keystrokes.mjs';

const PASSES = Number(process.env.KEYSTROKE_PASSES ?? 5);
const dists = process.argv.slice(2);
if (dists.length < 1) {
  console.error('usage: node tests/perf/keystroke-compare.mjs <dist> [<other-dist> …]');
  process.exit(2);
}

const servers = [];
const browser = await launch({ serviceWorkers: 'block' });
try {
  for (const dist of dists) servers.push(await serveInChild(path.resolve(dist)));
  // One page open at a time: a second tab, even in the background, made both
  // builds slower (an A/A run of one build against itself gave p95 17.4 ms
  // with two tabs open, 10.5 ms with one).
  // So each pass opens each build afresh, types once to warm it up (the
  // wasm's optimising tier, the caches), then types the measured pass.
  const typeFresh = async (server) => {
    const page = await openForTyping(browser, server.url);
    try {
      await typeOnce(page);
      return await typeOnce(page);
    } finally {
      await page.close();
    }
  };
  const passes = dists.map(() => []);
  for (let pass = 0; pass < PASSES; pass += 1) {
    for (const [i, server] of servers.entries()) passes[i].push(await typeFresh(server));
  }
  if (process.env.PROFILE) {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [i, server] of servers.entries()) {
      const page = await openForTyping(browser, server.url);
      await typeOnce(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
      await typeOnce(page);
      const { profile } = await cdp.send('Profiler.stop');
      await page.close();
      const file = path.join(ARTIFACTS, `keystrokes-${i}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`CPU profile of ${dists[i]}: ${file}`);
    }
  }
  const results = passes.map(medianOfPasses);
  console.log(`Search latency per keystroke: ${results[0].length} keystrokes × ${PASSES} passes, interleaved; each keystroke's median`);
  for (const [i, samples] of results.entries()) {
    const ms = samples.map((s) => s.ms);
    const dom = samples.map((s) => s.domMs).filter((v) => v !== null);
    const line = `  ${dists[i].padEnd(28)} p50 ${percentile(ms, 50).toFixed(1)} ms   p95 ${percentile(ms, 95).toFixed(1)} ms   max ${Math.max(...ms).toFixed(1)} ms   (first DOM change p95 ${percentile(dom, 95).toFixed(1)} ms)`;
    if (i === 0) console.log(line);
    else {
      const ratios = samples.map((s, k) => results[0][k].ms / s.ms);
      console.log(`${line}   ${dists[0]} / this: median ${median(ratios).toFixed(2)}×`);
    }
    const late = samples.filter((s) => s.lateMutations > 0).length;
    if (late > 0) console.log(`    WARNING: ${late} keystrokes changed the DOM after the measurement ended`);
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
