// leimu/init for Node (the `node` condition): as init.js, with the .wasm read
// from disk when no source is given (fetch() cannot read file: URLs).

import { readFile } from 'node:fs/promises';
import initWasm, { version as wasmVersion } from './leimu_wasm.js';
import { markReady } from './api.js';

export { search, check, unlock, plan, show, list, info } from './api.js';

/** This package's version; set when init() has finished. */
export let version;

let loading;

/** As init.js: instantiates the wasm once; `source` defaults to the .wasm file beside this module. */
export default function init(source) {
  loading ??= (async () => {
    const module_or_path = source ?? (await readFile(new URL('./leimu_wasm_bg.wasm', import.meta.url)));
    await initWasm({ module_or_path });
    markReady();
    version = wasmVersion();
  })().catch((error) => {
    loading = undefined;
    throw new Error(`init: the leimu wasm could not be loaded (${error?.message ?? error})`, { cause: error });
  });
  return loading;
}

export { init };
