// Shared by the Node tests of the npm package (the runner only picks up *.test.mjs).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built package: `cargo xtask js` (or `cargo xtask site`) writes it. */
export const PACKAGE = path.join(ROOT, 'target', 'js', 'leimu');

/** Imports the built package, or fails with the command that builds it. */
export async function importPackage() {
  const entry = path.join(PACKAGE, 'leimu.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build the package first (cargo xtask js)`);
  return import(entry);
}
