// Renders the app icons (site/pwa/icons/*.svg) to the PNGs the web app manifest names, with
// Debian's Chromium through playwright-core: nothing is downloaded and no image tool is needed.
// Run it through `cargo xtask icons` after editing an SVG, and commit the PNGs with it.
//
// The PNGs are committed (rather than rendered at build time) so that building the site needs
// no browser; tests/e2e/pwa.test.mjs renders the SVGs again and fails when a PNG is stale.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, closeAll } from '../../tests/e2e/support.mjs';

export const ICONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icons');

/** Every PNG: its source SVG and its size in pixels. */
export const RENDERS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-192.png', size: 192 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

/**
 * Draws `svgFile` at `size` × `size` pixels in `page` and returns the PNG bytes. A canvas (not a
 * screenshot) so that the result does not depend on the viewport or the device scale factor.
 */
export async function renderIcon(page, svgFile, size) {
  const svg = await readFile(path.join(ICONS, svgFile), 'utf8');
  const dataUrl = await page.evaluate(
    async ({ svg, size }) => {
      const image = new Image();
      image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      canvas.getContext('2d').drawImage(image, 0, 0, size, size);
      return canvas.toDataURL('image/png');
    },
    { svg, size },
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

async function main() {
  const browser = await launch();
  try {
    await browser.page.goto('about:blank');
    for (const { svg, png, size } of RENDERS) {
      const bytes = await renderIcon(browser.page, svg, size);
      await writeFile(path.join(ICONS, png), bytes);
      console.log(`wrote site/pwa/icons/${png} (${size}×${size}, ${bytes.length} bytes) from ${svg}`);
    }
  } finally {
    await closeAll();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`render-icons: ${error.message}`);
    process.exit(1);
  });
}
