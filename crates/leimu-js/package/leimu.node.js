// leimu for Node (the `node` condition of the package's exports): the same
// API as leimu.js, ready on import with no top-level await, the .wasm read
// from disk beside this file. Browser bundlers never resolve this file, so
// they never see `node:fs`.

import { readFileSync } from 'node:fs';
import { initSync, version as wasmVersion } from './leimu_wasm.js';
import { markReady } from './api.js';

initSync({ module: readFileSync(new URL('./leimu_wasm_bg.wasm', import.meta.url)) });
markReady();

export { search, check, unlock, plan, show, list, info } from './api.js';

/** This package's version. */
export const version = wasmVersion();
