// leimu's API over the wasm, shared by every entry of the package (leimu.js,
// leimu.node.js, init.js, init.node.js): the entries differ only in how the
// wasm gets instantiated, then call markReady().
//
// Arguments are checked here to be plain data (strings, numbers, booleans,
// arrays, plain objects) and handed to the wasm as JSON text. The wasm never
// walks the caller's objects itself: a cycle, a throwing getter or a Proxy
// then fails here, as an ordinary Error, instead of inside the wasm where it
// could leave the module unusable. Types and meanings are checked in the wasm
// (crates/leimu-js/src/input.rs), which throws an Error naming the function,
// the problem and what to pass instead.

import * as wasm from './leimu_wasm.js';

let ready = false;

/** Called by an entry once the wasm is instantiated. */
export function markReady() {
  ready = true;
}

/** Before `init()` has finished (the `leimu/init` entry), a call says what to do instead of failing inside the glue. */
function assertReady(fn) {
  if (!ready) {
    throw new Error(
      `${fn}: leimu is not initialised yet; \`await init()\` from 'leimu/init' first (or import 'leimu', which is ready on import)`,
    );
  }
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
  assertReady('search');
  return wasm.search(toJson('search', 'query', query), toJson('search', 'options', options));
}

/** Does a profile qualify for one category, and if not, every shortest way to complete it. */
export function check(category, profile) {
  assertReady('check');
  return wasm.check(toJson('check', 'category', category), toJson('check', 'profile', profile));
}

/** Every category a profile satisfies, and every one it is a single document away from. */
export function unlock(profile) {
  assertReady('unlock');
  return wasm.unlock(toJson('unlock', 'profile', profile));
}

/** One checklist for several categories, a shared document counted once. */
export function plan(categories, profile) {
  assertReady('plan');
  return wasm.plan(toJson('plan', 'categories', categories), toJson('plan', 'profile', profile));
}

/** Everything about one category: flags, the verbatim source text, the rule as a tree. */
export function show(category) {
  assertReady('show');
  return wasm.show(toJson('show', 'category', category));
}

/** Which catalogue this is: its version, the source text's title, the day it was taken, its SHA-256. */
export function info() {
  assertReady('info');
  return wasm.info();
}

/** Every category, in the order of the official list. */
export function list() {
  assertReady('list');
  return wasm.list();
}
