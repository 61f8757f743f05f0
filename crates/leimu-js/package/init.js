// leimu/init: the API with an explicit, asynchronous start, for pages and
// bundlers that serve the .wasm as a file of its own (compiled while it
// downloads, and ~40% smaller compressed than the base64 the main entry
// inlines). No top-level await: call `await init()` once, from your own code,
// then use the functions; before that they throw an Error that says so.
//
// `new URL('./leimu_wasm_bg.wasm', import.meta.url)` is the pattern Vite and
// webpack recognise: they copy the .wasm into the build and rewrite the URL.
// Rollup and esbuild do not: copy node_modules/leimu/leimu_wasm_bg.wasm
// beside the bundle, or pass its URL (or its bytes) to init().

import initWasm, { version as wasmVersion } from './leimu_wasm.js';
import { markReady } from './api.js';

export { search, check, unlock, plan, show, list, info } from './api.js';

/** This package's version; set when init() has finished. */
export let version;

let loading;

/**
 * Fetches and instantiates the wasm once; later calls return the same promise.
 * `source`: where the .wasm is (a URL or string, a Request or Response, its
 * bytes, or a compiled WebAssembly.Module); by default the file beside this
 * module.
 */
export default function init(source) {
  loading ??= initWasm({ module_or_path: source ?? new URL('./leimu_wasm_bg.wasm', import.meta.url) }).then(
    () => {
      markReady();
      version = wasmVersion();
    },
    (error) => {
      loading = undefined;
      throw new Error(
        `init: the leimu wasm could not be loaded (${error?.message ?? error}); serve leimu_wasm_bg.wasm beside init.js, or pass its URL or bytes to init()`,
        { cause: error },
      );
    },
  );
  return loading;
}

export { init };
