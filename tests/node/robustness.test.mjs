// Nothing a host passes may kill the module: with `panic = "abort"` a panic in
// the wasm would trap (`RuntimeError: unreachable`) and leave the module
// broken for the page. Random text in every argument (seeded, so a failure
// reproduces) must give an answer or an ordinary Error, and the module must
// answer normally afterwards.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage } from './support.mjs';

let leimu;

before(async () => {
  leimu = await importPackage();
});

/** A small linear congruential generator: the same sequence on every run. */
function generator(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

// Characters that stress parsing and matching: separators the lookups split
// on, brackets they strip, digits and `=` of counts, pinyin letters, combining
// marks, astral characters, a lone surrogate, NUL, full-width punctuation.
const PIECES = ['医', '院', '互', '联', '网', '茶', ' ', '>', ' > ', '-', '/', '《', '》', '=', '=0', '=2', '9', 'a', 'hl', 'w', 'yy', '\u0301', '😀', '\ud800', '\u0000', '\u3000', '，', '（', '）', 'ü', '\n', '营业执照'];

test('random text in every argument gives an answer or an Error, never a trap', () => {
  const random = generator(20261128);
  const text = (max) =>
    Array.from({ length: Math.floor(random() * max) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
  const ids = leimu.list().map((entry) => entry.id);
  const someId = () => ids[Math.floor(random() * ids.length)];
  const expected = leimu.check('互联网医院', { have: ['医疗机构执业许可证'] });
  let answers = 0;
  let errors = 0;
  for (let i = 0; i < 300; i++) {
    const q = text(10);
    const calls = [
      () => leimu.search(q, { limit: 1 + Math.floor(random() * 40) }),
      () => leimu.check(q),
      () => leimu.check(someId(), { have: [q, `${q}=2`], partner: { [q || 'x']: 3 }, kinds: [q] }),
      () => leimu.unlock({ have: [q] }),
      () => leimu.show(q),
      () => leimu.plan([q, someId(), someId()], {}),
    ];
    for (const call of calls) {
      try {
        call();
        answers++;
      } catch (error) {
        assert.equal(error?.constructor, Error, `${JSON.stringify(q)}: ${error}`);
        assert.doesNotMatch(error.message, /unreachable|RuntimeError|panicked/);
        errors++;
      }
    }
  }
  assert.ok(answers > 100 && errors > 100, `${answers} answers, ${errors} errors`);
  assert.deepStrictEqual(leimu.check('互联网医院', { have: ['医疗机构执业许可证'] }), expected);
});
