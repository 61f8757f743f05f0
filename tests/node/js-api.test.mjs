// The npm package `leimu` (target/js/leimu/, built by `cargo xtask js`) in
// Node: its answers are the CLI's `--json` answers for the same inputs, its
// mistakes throw Errors that say what to do, and it keeps working after them.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE, ROOT, importPackage } from './support.mjs';

// Where cargo builds: CARGO_TARGET_DIR when set (CI builds outside the clone).
const CLI = path.join(path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'leimu');

let leimu;

before(async () => {
  // The CLI as the sources say now (a no-op when `cargo test` has just built it).
  execFileSync('cargo', ['build', '--quiet', '-p', 'leimu-cli'], { cwd: ROOT, stdio: 'inherit' });
  leimu = await importPackage();
});

/** The CLI's answer: parsed stdout, or `{ status, stderr }` when it fails. */
function cli(args) {
  // English messages, whatever the machine's locale: the API's messages are English.
  const run = spawnSync(CLI, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  if (run.status !== 0) return { status: run.status, stderr: run.stderr };
  return JSON.parse(run.stdout);
}

// Each case: the same question to the module and to the CLI. The profiles use
// the CLI's spellings (names with and without 《》, counts, partners, kinds).
const SAME_AS_CLI = [
  ['search 卖茶叶', (m) => m.search('卖茶叶'), ['search', '卖茶叶', '--json']],
  ['search by initials, limited', (m) => m.search('hlwyy', { limit: 3 }), ['search', 'hlwyy', '--limit', '3', '--json']],
  ['search for nothing', (m) => m.search('zzqqxx'), ['search', 'zzqqxx', '--json']],
  [
    'check satisfied',
    (m) => m.check('互联网医院', { have: ['医疗机构执业许可证'] }),
    ['check', '互联网医院', '--have', '医疗机构执业许可证', '--json'],
  ],
  ['check with nothing held', (m) => m.check('logistics.pickup-delivery'), ['check', 'logistics.pickup-delivery', '--json']],
  [
    'check with counts and partners',
    (m) => m.check('教育服务 > 驾校平台', { have: ['驾校培训公司的合作协议=2'], partner: [{ document: '机动车驾驶员培训备案', count: 2 }] }),
    ['check', '教育服务 > 驾校平台', '--have', '驾校培训公司的合作协议=2', '--partner', '机动车驾驶员培训备案=2', '--json'],
  ],
  [
    'check with an applicant kind',
    (m) => m.check('社保', { kinds: ['银行主体'], have: ['《人民银行批准文件》'] }),
    ['check', '社保', '--kind', '银行主体', '--have', '人民银行批准文件', '--json'],
  ],
  ['check a category with conditions', (m) => m.check('医疗服务 > 临床试验', {}), ['check', '医疗服务 > 临床试验', '--json']],
  [
    'unlock',
    (m) => m.unlock({ have: ['营业执照', '增值电信业务经营许可证'] }),
    ['unlock', '--have', '营业执照', '--have', '增值电信业务经营许可证', '--json'],
  ],
  ['unlock with nothing held', (m) => m.unlock(), ['unlock', '--json']],
  [
    'plan',
    (m) => m.plan(['互联网医院', '药品（非处方药）销售'], { have: ['医疗机构执业许可证'] }),
    ['plan', '互联网医院', '药品（非处方药）销售', '--have', '医疗机构执业许可证', '--json'],
  ],
  ['show', (m) => m.show('医疗服务 > 临床试验'), ['show', '医疗服务 > 临床试验', '--json']],
  ['list', (m) => m.list(), ['list', '--json']],
  ['info: the catalogue\'s version', (m) => m.info(), ['info', '--json']],
];

for (const [name, ask, args] of SAME_AS_CLI) {
  test(`same answer as the CLI: ${name}`, () => {
    const expected = cli(args);
    assert.ok(!('stderr' in expected), `leimu ${args.join(' ')} failed: ${expected.stderr}`);
    assert.deepStrictEqual(ask(leimu), expected);
  });
}

test('answers are plain objects and arrays, never Maps', () => {
  const seen = [];
  const walk = (value) => {
    if (value === null || typeof value !== 'object') return;
    seen.push(Object.getPrototypeOf(value));
    Object.values(value).forEach(walk);
  };
  walk(leimu.check('互联网医院', {}));
  walk(leimu.search('卖茶叶'));
  assert.ok(seen.length > 20);
  assert.ok(seen.every((p) => p === Object.prototype || p === Array.prototype));
});

test('a profile as the site exports it gives the same answer as one in the CLI spelling', () => {
  const site = {
    version: 1,
    applicant: { 'medical-institution-practice-licence': 1 },
    partners: { 'medical-institution-practice-licence': 2 },
    kinds: ['medical-institution'],
  };
  const cliShape = { have: ['医疗机构执业许可证'], partner: ['医疗机构执业许可证=2'], kinds: 'medical-institution' };
  for (const ask of [(p) => leimu.check('互联网医院', p), (p) => leimu.unlock(p), (p) => leimu.plan(['互联网医院', 'medical.clinical-trial'], p)]) {
    assert.deepStrictEqual(ask(site), ask(cliShape));
  }
  // …and it is not the empty profile's answer.
  assert.notDeepStrictEqual(leimu.check('互联网医院', site), leimu.check('互联网医院'));
});

test('an unknown category or document gives the CLI message, closest names included', () => {
  const cases = [
    [() => leimu.check('互联网医'), ['check', '互联网医', '--json'], 'check: '],
    [() => leimu.check('互联网医院', { have: ['医疗机构执业'] }), ['check', '互联网医院', '--have', '医疗机构执业'], 'check: '],
    [() => leimu.show('美'), ['show', '美'], 'show: '],
  ];
  for (const [call, args, prefix] of cases) {
    const { status, stderr } = cli(args);
    assert.equal(status, 2, stderr);
    const message = stderr.replace(/^error: /, '').trim();
    assert.match(message, /closest|several/);
    assert.throws(call, (error) => error instanceof Error && error.message === prefix + message);
  }
});

test('every mistake throws an Error that names the problem and what to do', () => {
  const notObject = 'plain objects, arrays, strings and numbers';
  const loop = {};
  loop.self = loop;
  const cases = [
    [() => leimu.check(42), /^check: the category must be a string such as `互联网医院`, not a number$/],
    [() => leimu.check(''), /^check: the category is empty; give a category's path, id or name/],
    [() => leimu.check('zzzzzzzzzz'), /^check: no category matches `zzzzzzzzzz`; call `search\(text\)` to find one$/],
    [() => leimu.check('互联网医院', '营业执照'), /^check: the profile must be an object such as/],
    [() => leimu.check('互联网医院', { hve: ['营业执照'] }), /unknown field `hve`; the fields are `have`, `partner`, `kinds`/],
    [() => leimu.check('互联网医院', { have: '营业执照' }), /profile\.have must be an array of document names/],
    [() => leimu.check('互联网医院', { have: ['营业执照=0'] }), /a count of 0 means you do not hold it; leave it out/],
    [() => leimu.check('互联网医院', { have: { 营业执照: 1.5 } }), /must be a whole number of at least 1, not 1\.5/],
    [() => leimu.check('互联网医院', { kinds: ['银行主休'] }), /no applicant kind matches `银行主休`; closest:/],
    [() => leimu.check('互联网医院', { version: 3 }), /reads versions 1 and 2/],
    [() => leimu.unlock({ have: new Map([['营业执照', 1]]) }), new RegExp(`profile\\.have is a Map; pass ${notObject}`)],
    [() => leimu.unlock({ have: [() => 1] }), /profile\.have\[0\] is a function/],
    [() => leimu.unlock({ have: [1n] }), /profile\.have\[0\] is a bigint/],
    [() => leimu.unlock({ have: { 营业执照: NaN } }), /is NaN; pass a finite number/],
    [() => leimu.unlock(loop), /^unlock: profile\.self refers to itself/],
    [() => leimu.unlock(new Proxy({}, { ownKeys() { throw new Error('trap'); } })), /^unlock: profile could not be read \(trap\)$/],
    [() => leimu.plan('互联网医院'), /^plan: the categories must be an array such as/],
    [() => leimu.plan([]), /^plan: the categories are empty/],
    [() => leimu.plan(['互联网医院', 7]), /categories\[1\] must be a string/],
    [() => leimu.search(), /^search: the query must be a string such as `卖茶叶`, not null$/],
    [() => leimu.search('x', { limit: 0 }), /options\.limit must be a whole number of at least 1/],
    [() => leimu.search('x', { limt: 3 }), /unknown option `limt`; the only option is `limit`/],
    [() => leimu.search('长'.repeat(1001)), /the query is 1001 characters long; at most 1000 are accepted/],
  ];
  for (const [call, pattern] of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof Error, `not an Error: ${error}`);
      assert.match(error.message, pattern);
      return true;
    });
  }
});

test("an error's problems name each unresolved name with the closest names", () => {
  assert.throws(
    () => leimu.plan(['互联网医', '其他'], {}),
    (error) => {
      assert.deepStrictEqual(error.problems[0], {
        problem: 'unknown_category',
        query: '互联网医',
        closest: ['互联网医院', '医疗服务 > 互联网医院'],
      });
      assert.equal(error.problems[1].problem, 'ambiguous_category');
      assert.ok(error.problems[1].options.length >= 2);
      for (const option of error.problems[1].options) {
        assert.equal(leimu.check(option.id).category, option.category);
        assert.ok(option.category.endsWith(' > 其他'));
      }
      return true;
    },
  );
  // A malformed argument has no names to offer.
  assert.throws(() => leimu.check(1), (error) => Array.isArray(error.problems) && error.problems.length === 0);
});

test('every problem of a call is reported at once', () => {
  assert.throws(
    () => leimu.plan(['互联网医', '临床试验'], { have: ['zzzz-unknown'], kinds: ['银行主休'] }),
    (error) => {
      const lines = error.message.split('\n');
      assert.equal(lines.length, 3, error.message);
      assert.match(lines[0], /no category matches `互联网医`/);
      assert.match(lines[1], /no document matches `zzzz-unknown`/);
      assert.match(lines[2], /no applicant kind matches `银行主休`/);
      return true;
    },
  );
});

test('the module keeps working after every kind of error', () => {
  const before = leimu.check('互联网医院', { have: ['医疗机构执业许可证'] });
  for (const bad of [() => leimu.check(null), () => leimu.unlock('x'), () => leimu.search({}), () => leimu.plan([{}])]) {
    assert.throws(bad);
  }
  assert.deepStrictEqual(leimu.check('互联网医院', { have: ['医疗机构执业许可证'] }), before);
  // Held, but its scope must contain 互联网诊疗 and the applicant must be a 医疗机构: to confirm.
  assert.equal(before.status, 'confirm');
});

test('the package is what package.json says it is', async () => {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'leimu');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.version, leimu.version);
  for (const file of manifest.files) assert.ok(existsSync(path.join(PACKAGE, file)), `${file} is listed in files but missing`);
  // Every file an export condition names exists (tests/node/bundlers.test.mjs checks the packed tarball too).
  const targets = [];
  const walk = (value) => (typeof value === 'string' ? targets.push(value) : Object.values(value).forEach(walk));
  walk(manifest.exports);
  for (const target of targets) assert.ok(existsSync(path.join(PACKAGE, target)), `${target} is exported but missing`);
});

test('a fresh Node process imports the package and answers (figures for the report)', (t) => {
  const script = `
    const t0 = performance.now();
    const m = await import(${JSON.stringify(path.join(PACKAGE, 'leimu.js'))});
    const t1 = performance.now();
    const hits = m.search('卖茶叶');
    const t2 = performance.now();
    m.check('互联网医院', {});
    const t3 = performance.now();
    console.log(JSON.stringify({ import: t1 - t0, firstSearch: t2 - t1, check: t3 - t2, top: hits[0].category }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const figures = JSON.parse(run.stdout);
  assert.equal(figures.top, '商家自营 > 食品饮料');
  t.diagnostic(
    `import ${figures.import.toFixed(0)} ms, first search (parses the catalogue) ${figures.firstSearch.toFixed(0)} ms, then a check ${figures.check.toFixed(1)} ms`,
  );
});

test("the package README's examples say what the module does", async () => {
  const { readFile } = await import('node:fs/promises');
  const readme = await readFile(path.join(PACKAGE, 'README.md'), 'utf8');
  const searchExample = readme.match(/^search\('卖茶叶', \{ limit: 3 \}\)\.map\(\(hit\) => hit\.category\);\n\/\/ (\[.*\])$/m);
  assert.ok(searchExample, 'README shows a search and its result');
  assert.deepStrictEqual(
    leimu.search('卖茶叶', { limit: 3 }).map((hit) => hit.category),
    JSON.parse(searchExample[1].replaceAll("'", '"')),
  );
  // `check(…);` followed by `// Error: <message>` (a trailing … shortens the message).
  const errors = [...readme.matchAll(/^(check\(.*\));\n\/\/ Error: (.*)$/gm)];
  assert.equal(errors.length, 2, 'README shows two mistakes');
  for (const [, call, shown] of errors) {
    const run = new Function('leimu', `return leimu.${call};`);
    assert.throws(
      () => run(leimu),
      (error) => {
        const expected = shown.replace(/ …$/, '');
        assert.ok(error.message.startsWith(expected), `${call}: ${error.message}\n  README: ${shown}`);
        return true;
      },
    );
  }
});
