// leimu — which WeChat mini-program service category may a company use, and
// what does it need? The engine and the whole catalogue, as WebAssembly.
//
// The package's main entry for browsers and bundlers: ready on import, with
// no top-level await and no file to fetch. The wasm is inlined (base64, in
// leimu_wasm_inline.js) and compiled synchronously when the module is
// evaluated, so every bundler builds it at its default settings: Vite 5 and
// 6 (whose default target has no top-level await), Vite 7+, webpack, Rollup,
// esbuild. The price is size: the base64 text is ~40% larger compressed than
// the .wasm file. `leimu/init` (init.js) fetches the .wasm file instead,
// after an explicit `await init()`. In Node, the `node` condition picks
// leimu.node.js, which reads the .wasm file from disk.

import { initSync, version as wasmVersion } from './leimu_wasm.js';
import { markReady } from './api.js';
import wasmBase64 from './leimu_wasm_inline.js';

initSync({ module: decodeBase64(wasmBase64) });
markReady();

export { search, check, unlock, plan, show, list, info } from './api.js';

/** This package's version. */
export const version = wasmVersion();

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
