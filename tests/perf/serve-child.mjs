// Serves a folder from a process of its own, for the browser benchmark.
//
// The benchmark's own process drives Chromium over CDP; a server in that
// process answers only when the driver's event loop is free, which added
// 40-60 ms to every file a page requests after its HTML — a cost of the
// measurement, not of the page, and one that only pages with more than one
// file paid. A static host answers at once; so does a server of its own.
//
// Usage: node serve-child.mjs <folder> [--brotli]; prints one JSON line {url, origin}.
import { serve } from '../e2e/support.mjs';

const site = await serve(process.argv[2], { brotli: process.argv.includes('--brotli') });
process.stdout.write(`${JSON.stringify({ url: site.url, origin: site.origin })}\n`);
process.on('SIGTERM', async () => {
  await site.close();
  process.exit(0);
});
