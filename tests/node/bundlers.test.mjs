// The npm package as its users get it: `npm pack` of target/js/leimu (built
// by `cargo xtask js`) installed into a small app, which each bundler builds
// at its default settings (Vite 5, 6 and current, webpack 5, Rollup with
// node-resolve, esbuild) and headless Chromium runs; Node runs it as an ES
// module and through require(); TypeScript 5 and 7 check its types under
// moduleResolution bundler and node16; publint and @arethetypeswrong/cli
// check the packaging. Every app asks search('hlwyy') and
// check('互联网医院', { have: ['医疗机构执业许可证'] }) and must get exactly
// the answers the package gives in Node.
//
// The bundlers come from tests/bundlers/package-lock.json (`cargo xtask
// setup` runs `npm ci` there); nothing is downloaded here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE, ROOT, importPackage } from './support.mjs';

const TOOLS = path.join(ROOT, 'tests', 'bundlers');
const TOOL_MODULES = path.join(TOOLS, 'node_modules');
const APP = path.join(TOOLS, 'app');
/** A tool's module, as its own ES module entry when it has one (Vite's CommonJS API is deprecated). */
const tool = (name) =>
  import(
    pathToFileURL(
      name.startsWith('vite') ? path.join(TOOL_MODULES, name, 'dist', 'node', 'index.js') : createRequire(path.join(TOOLS, 'package.json')).resolve(name),
    ).href
  );
const bin = (name, file) => path.join(TOOL_MODULES, name, file);

let scratch;
let tarball;
let expected;
let browser;

before(async () => {
  if (!existsSync(TOOL_MODULES)) throw new Error(`${TOOL_MODULES} is missing: run \`cargo xtask setup\` (npm ci in tests/bundlers)`);
  const leimu = await importPackage();
  expected = {
    version: leimu.version,
    search: leimu.search('hlwyy'),
    check: leimu.check('互联网医院', { have: ['医疗机构执业许可证'] }),
  };
  scratch = mkdtempSync(path.join(os.tmpdir(), 'leimu-bundlers-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', scratch], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  tarball = { ...packed, path: path.join(scratch, packed.filename) };
  const { chromium } = await import(pathToFileURL(path.join(ROOT, 'node_modules', 'playwright-core', 'index.mjs')).href);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A fresh copy of the app with the packed package installed in its node_modules, as `npm install leimu-x.tgz` leaves it. */
function app(name) {
  const dir = path.join(scratch, name);
  cpSync(APP, dir, { recursive: true });
  const installed = path.join(dir, 'node_modules', 'leimu');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball.path, '-C', installed, '--strip-components=1']);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `app-${name}`, private: true, type: 'module' }));
  return dir;
}

/** A page that runs `script` (a classic script, or a module), for bundlers that do not write one. */
function page(dir, script, { module = false } = {}) {
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>app</title><script ${module ? 'type="module" ' : ''}src="./${script}"></script>`,
  );
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves `dir` on 127.0.0.1, opens its index.html in Chromium and returns what the app published. */
async function runInChromium(dir) {
  const server = createServer((request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const target = file.endsWith('/') ? path.join(file, 'index.html') : file;
    if (!target.startsWith(dir) || !existsSync(target)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    response.end(readFileSync(target));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  const browserPage = await context.newPage();
  const errors = [];
  browserPage.on('pageerror', (error) => errors.push(error.message));
  try {
    await browserPage.goto(`http://127.0.0.1:${server.address().port}/`);
    await browserPage.waitForFunction(() => globalThis.leimuAnswers !== undefined);
    const answers = await browserPage.evaluate(() => globalThis.leimuAnswers);
    assert.deepEqual(errors, []);
    return answers;
  } catch (error) {
    throw new Error(`${error.message}\npage errors: ${errors.join('\n')}`);
  } finally {
    await context.close();
    server.close();
  }
}

/** The answers must be exactly the package's in Node; `leimu/init` also said what to do when called early. */
function assertAnswers(answers, { init = false } = {}) {
  assert.ok(!answers.error, answers.error);
  if (init) {
    assert.match(answers.early, /^search: leimu is not initialised yet; `await init\(\)` from 'leimu\/init' first/);
    delete answers.early;
  }
  assert.equal(answers.search[0].id, 'medical.internet-hospital');
  // The licence is held, but the applicant kind and the licence's scope are the user's to confirm.
  assert.equal(answers.check.status, 'confirm');
  assert.deepEqual(answers, expected);
}

/** No Node built-in in what a browser bundler wrote. */
function assertNoNodeBuiltins(dir) {
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!/\.(m?js|html)$/.test(file)) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    assert.doesNotMatch(text, /\bnode:(fs|url|path)|require\(["']fs["']\)/, `${file} mentions a Node built-in`);
  }
}

for (const [name, vite] of [
  ['Vite 5', 'vite5'],
  ['Vite 6', 'vite6'],
  ['Vite (current)', 'vite'],
]) {
  for (const entry of ['leimu', 'leimu/init']) {
    test(`${name} builds an app that imports ${entry}, with its default config`, async () => {
      const dir = app(`${vite}-${entry.replace('/', '-')}`);
      const main = entry === 'leimu' ? 'src/index.js' : 'init/index.js';
      page(dir, main, { module: true });
      const { build } = await tool(vite);
      await build({ root: dir, logLevel: 'error' });
      const out = path.join(dir, 'dist');
      assertNoNodeBuiltins(out);
      if (entry === 'leimu/init') {
        assert.ok(readdirSync(path.join(out, 'assets')).some((f) => f.endsWith('.wasm')), 'the .wasm is emitted as an asset');
      }
      assertAnswers(await runInChromium(out), { init: entry === 'leimu/init' });
    });
  }
}

for (const entry of ['leimu', 'leimu/init']) {
  test(`webpack 5 builds an app that imports ${entry}, with its default config`, async () => {
    const dir = app(`webpack-${entry.replace('/', '-')}`);
    if (entry === 'leimu/init') {
      // webpack's default entry is ./src/index.js.
      cpSync(path.join(dir, 'init', 'index.js'), path.join(dir, 'src', 'index.js'));
    }
    const { default: webpack } = await tool('webpack');
    // `npx webpack` in the app's folder: entry ./src/index.js, output ./dist (webpack resolves it from the working directory, so it is spelled out).
    const out = path.join(dir, 'dist');
    const stats = await new Promise((resolve, reject) =>
      webpack({ context: dir, mode: 'production', output: { path: out } }, (error, result) => (error ? reject(error) : resolve(result))),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    // webpack's performance hints warn about any asset over 244 KiB; the catalogue is bigger than that.
    const warnings = stats.toJson({ all: false, warnings: true }).warnings.filter((w) => !/size limit|performance/i.test(w.message));
    assert.deepEqual(warnings, []);
    page(out, 'main.js');
    assertNoNodeBuiltins(out);
    assertAnswers(await runInChromium(out), { init: entry === 'leimu/init' });
  });
}

test('Rollup with @rollup/plugin-node-resolve builds an app that imports leimu', async () => {
  const dir = app('rollup');
  const { rollup } = await tool('rollup');
  const { nodeResolve } = await tool('@rollup/plugin-node-resolve');
  const warnings = [];
  const bundle = await rollup({ input: path.join(dir, 'src', 'index.js'), plugins: [nodeResolve()], onwarn: (w) => warnings.push(w.message) });
  const out = path.join(dir, 'dist');
  await bundle.write({ dir: out, format: 'es' });
  assert.deepEqual(warnings, []);
  page(out, 'index.js', { module: true });
  assertNoNodeBuiltins(out);
  assertAnswers(await runInChromium(out));
});

test('esbuild bundles an app that imports leimu, with its defaults', async () => {
  const dir = app('esbuild');
  const { build } = await tool('esbuild');
  const out = path.join(dir, 'dist');
  const result = await build({ entryPoints: [path.join(dir, 'src', 'index.js')], bundle: true, outdir: out, logLevel: 'silent' });
  assert.deepEqual(result.warnings, []);
  page(out, 'index.js');
  assertNoNodeBuiltins(out);
  assertAnswers(await runInChromium(out));
});

/** Runs a file of the app with Node and parses what it printed. */
function runInNode(dir, file) {
  const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('Node runs the app as an ES module, with either entry, and through require()', () => {
  const dir = app('node');
  assertAnswers(runInNode(dir, 'src/index.js'));
  assertAnswers(runInNode(dir, 'init/index.js'), { init: true });
  assertAnswers(runInNode(dir, 'index.cjs'));
});

for (const [name, typescript] of [
  ['TypeScript 5', 'typescript/bin/tsc'],
  ['TypeScript 7', 'typescript7/bin/tsc'],
]) {
  test(`${name} checks the types under moduleResolution bundler and node16 (ES module and CommonJS)`, () => {
    const dir = app(`tsc-${typescript.split('/')[0]}`);
    const configs = {
      bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['index.ts'] },
      node16: { module: 'node16', moduleResolution: 'node16', files: ['index.ts', 'index.cts'] },
    };
    for (const [resolution, { files, ...options }] of Object.entries(configs)) {
      const config = path.join(dir, `tsconfig.${resolution}.json`);
      writeFileSync(
        config,
        JSON.stringify({ compilerOptions: { ...options, target: 'es2022', lib: ['es2022', 'dom'], strict: true, noEmit: true, types: [] }, files }),
      );
      const run = spawnSync(process.execPath, [path.join(TOOL_MODULES, typescript), '-p', config], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, `${name}, ${resolution}:\n${run.stdout}${run.stderr}`);
    }
  });
}

test('npm pack ships exactly the files, exports and types the package names', () => {
  const files = tarball.files.map((f) => f.path).sort();
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
  assert.deepEqual(files, [...manifest.files, 'package.json'].sort());
  // Every file an export condition names is in the tarball.
  const targets = [];
  const walk = (value) => (typeof value === 'string' ? targets.push(value) : Object.values(value).forEach(walk));
  walk(manifest.exports);
  for (const target of [...targets, manifest.main, manifest.module, manifest.types]) {
    assert.ok(files.includes(target.replace(/^\.\//, '')), `${target} is exported but not packed`);
  }
  assert.ok(tarball.unpackedSize < 3_000_000, `${tarball.unpackedSize} bytes unpacked`);
});

test('publint reports no problem', () => {
  const run = spawnSync(process.execPath, [bin('publint', 'src/cli.js'), 'run', PACKAGE, '--level', 'suggestion', '--strict'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /suggestion|warning|error/i, run.stdout + run.stderr);
});

test('@arethetypeswrong/cli reports no problem', () => {
  const run = spawnSync(process.execPath, [bin('@arethetypeswrong/cli', 'dist/index.js'), tarball.path, '--format', 'table-flipped'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /No problems found/, run.stdout);
});
