// Types of `leimu/init`: the API of `leimu` (leimu.d.ts), started by an
// explicit `await init()` instead of on import.

export * from './leimu.js';

/**
 * Where the wasm comes from: a URL (or its string), a Response, its bytes, or
 * a compiled module. By default, `leimu_wasm_bg.wasm` beside the module.
 * (`URL`, `Response` and `WebAssembly` come from the DOM library or @types/node.)
 */
export type WasmSource = string | URL | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

/**
 * Instantiates the wasm once; later calls return the same promise. The
 * functions throw an Error until it has resolved; `version` is set then.
 */
export default function init(source?: WasmSource): Promise<void>;
export { init };
