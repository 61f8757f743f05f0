// leimu — which WeChat mini-program service category may a company use, and
// what does it need? The engine and the whole catalogue, as WebAssembly.
//
// Importing this module loads the wasm (top-level await), so every function is
// ready to call after `import`: in browsers the .wasm beside this file is
// fetched by URL (compiled while it streams); in Node (and anything else that
// loads modules from file: URLs) it is read from disk.
//
// Arguments are checked here to be plain data (strings, numbers, booleans,
// arrays, plain objects) and handed to the wasm as JSON text. The wasm never
// walks the caller's objects itself: a cycle, a throwing getter or a Proxy
// then fails here, as an ordinary Error, instead of inside the wasm where it
// could leave the module unusable. Types and meanings are checked in the wasm
// (crates/leimu-js/src/input.rs), which throws an Error naming the function,
// the problem and what to pass instead.

import init, * as wasm from './leimu_wasm.js';

const wasmUrl = new URL('./leimu_wasm_bg.wasm', import.meta.url);
if (wasmUrl.protocol === 'file:') {
  // fetch() cannot read file: URLs; the comments keep bundlers from resolving node:fs for browsers.
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises');
  await init({ module_or_path: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

/** How deep an argument may nest; real profiles nest three levels. Deeper means a cycle or a mistake. */
const MAX_DEPTH = 16;

class ArgumentProblem extends Error {}

/** `value` as JSON text, or an Error naming `fn` and the part of the argument that is not plain data. */
function toJson(fn, what, value) {
  const ancestors = new Set();
  const walk = (v, path, depth) => {
    if (v === undefined || v === null) return null;
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isFinite(v)) throw new ArgumentProblem(`${path} is ${v}; pass a finite number`);
        return v;
      case 'object': {
        if (ancestors.has(v)) throw new ArgumentProblem(`${path} refers to itself; pass plain data without cycles`);
        if (depth >= MAX_DEPTH) {
          throw new ArgumentProblem(`${what} nests more than ${MAX_DEPTH} levels deep; a profile needs three`);
        }
        ancestors.add(v);
        let copy;
        if (Array.isArray(v)) {
          copy = Array.from(v, (item, i) => walk(item, `${path}[${i}]`, depth + 1));
        } else {
          const prototype = Object.getPrototypeOf(v);
          if (prototype !== Object.prototype && prototype !== null) {
            const kind = typeof v.constructor === 'function' && v.constructor.name ? `a ${v.constructor.name}` : 'not a plain object';
            throw new ArgumentProblem(`${path} is ${kind}; pass plain objects, arrays, strings and numbers (what JSON can hold)`);
          }
          copy = {};
          for (const [key, item] of Object.entries(v)) {
            if (item !== undefined) copy[key] = walk(item, `${path}.${key}`, depth + 1);
          }
        }
        ancestors.delete(v);
        return copy;
      }
      default:
        throw new ArgumentProblem(`${path} is a ${typeof v}; pass plain objects, arrays, strings and numbers (what JSON can hold)`);
    }
  };
  try {
    return JSON.stringify(walk(value, what, 0));
  } catch (error) {
    const detail = error instanceof ArgumentProblem ? error.message : `${what} could not be read (${error?.message ?? error})`;
    throw new Error(`${fn}: ${detail}`);
  }
}

/** Ranked categories for what a company does (Chinese, pinyin or initials), best first. */
export function search(query, options) {
  return wasm.search(toJson('search', 'query', query), toJson('search', 'options', options));
}

/** Does a profile qualify for one category, and if not, every shortest way to complete it. */
export function check(category, profile) {
  return wasm.check(toJson('check', 'category', category), toJson('check', 'profile', profile));
}

/** Every category a profile satisfies, and every one it is a single document away from. */
export function unlock(profile) {
  return wasm.unlock(toJson('unlock', 'profile', profile));
}

/** One checklist for several categories, a shared document counted once. */
export function plan(categories, profile) {
  return wasm.plan(toJson('plan', 'categories', categories), toJson('plan', 'profile', profile));
}

/** Everything about one category: flags, the verbatim source text, the rule as a tree. */
export function show(category) {
  return wasm.show(toJson('show', 'category', category));
}

/** Every category, in the order of the official list. */
export function list() {
  return wasm.list();
}

/** This package's version. */
export const version = wasm.version();
