// Issue 9 through the npm package `leimu`: the applicant's kinds in the
// source's words, approvals, a pasted scope and answers give the CLI's
// answers; ambiguous names and contradictory statements throw Errors that
// list the candidates, never a silent pick; plans say whom each way is for
// and take the way a person chooses.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, importPackage } from './support.mjs';

const CLI = path.join(path.resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'leimu');

let leimu;

before(async () => {
  execFileSync('cargo', ['build', '--quiet', '-p', 'leimu-cli'], { cwd: ROOT, stdio: 'inherit' });
  leimu = await importPackage();
});

function cli(args) {
  const run = spawnSync(CLI, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  if (run.status !== 0) return { status: run.status, stderr: run.stderr };
  return JSON.parse(run.stdout);
}

const AUCTION = { have: ['其他平台良好经营情况的证明材料', '承诺函'], partner: ['拍卖经营批准证书=2'] };
const AUCTION_ARGS = ['--have', '其他平台良好经营情况的证明材料', '--have', '承诺函', '--partner', '拍卖经营批准证书=2'];
const TEA_SCOPE = '茶叶、茶具销售；预包装食品销售；餐饮服务（不产生油烟）';

const SAME_AS_CLI = [
  [
    'an enterprise in 商业保理',
    (m) => m.check('金融业 > 商业保理', { have: ['营业执照'], kinds: ['企业主体'] }),
    ['check', '金融业 > 商业保理', '--have', '营业执照', '--kind', '企业主体', '--json'],
  ],
  [
    'a bank in 保险',
    (m) => m.check('保险', { have: ['金融许可证'], kinds: ['银行主体'] }),
    ['check', '保险', '--have', '金融许可证', '--kind', '银行主体', '--json'],
  ],
  [
    'every way hidden',
    (m) => m.check('保险', { kinds: ['政府主体'] }),
    ['check', '保险', '--kind', '政府主体', '--json'],
  ],
  [
    'saying what one is not',
    (m) => m.check('信用卡', { have: ['支付业务许可证'], kinds: ['非银行主体'] }),
    ['check', '信用卡', '--have', '支付业务许可证', '--kind', '非银行主体', '--json'],
  ],
  [
    'a prerequisite not approved',
    (m) => m.check('网上竞价平台（非文物）', AUCTION),
    ['check', '网上竞价平台（非文物）', ...AUCTION_ARGS, '--json'],
  ],
  [
    'a prerequisite approved',
    (m) => m.check('网上竞价平台（非文物）', { ...AUCTION, approved: ['电商平台 > 电商平台'] }),
    ['check', '网上竞价平台（非文物）', ...AUCTION_ARGS, '--approved', '电商平台 > 电商平台', '--json'],
  ],
  [
    'a scope that fails the condition',
    (m) => m.check('金融业 > 商业保理', { have: ['营业执照'], kinds: ['内资企业'], scope: TEA_SCOPE }),
    ['check', '金融业 > 商业保理', '--have', '营业执照', '--kind', '内资企业', '--scope', TEA_SCOPE, '--json'],
  ],
  [
    'answers yes and no',
    (m) =>
      m.check('生活缴费', {
        have: ['代收代缴合作协议'],
        partner: ['营业执照'],
        kinds: ['代收主体'],
        confirm: ['若涉及其他的生活缴费服务'],
        deny: ['范围含相关缴费服务说明、有效期等内容'],
      }),
    [
      'check', '生活缴费', '--have', '代收代缴合作协议', '--partner', '营业执照', '--kind', '代收主体',
      '--confirm', '若涉及其他的生活缴费服务', '--deny', '范围含相关缴费服务说明、有效期等内容', '--json',
    ],
  ],
  [
    'a generic name inside its category',
    (m) => m.check('免税商店', { have: ['合作协议'], partner: ['免税商店经营许可'] }),
    ['check', '免税商店', '--have', '合作协议', '--partner', '免税商店经营许可', '--json'],
  ],
  [
    "a tea shop's unlock with its scope",
    (m) => m.unlock({ have: ['营业执照', '食品经营许可证'], scope: TEA_SCOPE }),
    ['unlock', '--have', '营业执照', '--have', '食品经营许可证', '--scope', TEA_SCOPE, '--json'],
  ],
  [
    "a hospital's plan",
    (m) => m.plan(['互联网医院', '药品（非处方药）销售'], { have: ['医疗机构执业许可证'], kinds: ['医疗机构主体'] }),
    ['plan', '互联网医院', '药品（非处方药）销售', '--have', '医疗机构执业许可证', '--kind', '医疗机构主体', '--json'],
  ],
];

for (const [name, ask, args] of SAME_AS_CLI) {
  test(`same answer as the CLI: ${name}`, () => {
    const expected = cli(args);
    assert.ok(!('stderr' in expected), `leimu ${args.join(' ')} failed: ${expected.stderr}`);
    assert.deepStrictEqual(ask(leimu), expected);
  });
}

test("a plan takes the way a person chooses; the JS `way`, the JSON `way` and the CLI's --way all count from 1", () => {
  const profile = { have: ['医疗机构执业许可证'], kinds: ['医疗机构主体'] };
  const first = leimu.plan(['互联网医院', '药品（非处方药）销售'], profile);
  const otc = first.categories[1];
  assert.equal(otc.depends_on_kind, true);
  assert.equal(otc.chosen.applicants[0].truth, 'unknown');
  const retail = otc.ways.find((w) => w.applicants[0].label === '药品零售企业');
  assert.ok(retail, 'the retailer’s way is offered');
  const chosen = leimu.plan(['互联网医院', { category: '药品（非处方药）销售', way: retail.way }], profile);
  assert.equal(chosen.categories[1].chosen_by_user, true);
  assert.equal(chosen.categories[1].chosen.applicants[0].label, '药品零售企业');
  const expected = cli([
    'plan', '互联网医院', '药品（非处方药）销售', '--have', '医疗机构执业许可证', '--kind', '医疗机构主体',
    '--way', `medical.otc-sales=${retail.way}`, '--json',
  ]);
  assert.deepStrictEqual(chosen, expected);
});

test('a profile as the site stores it gives the same answer as the CLI spelling', () => {
  const stored = {
    version: 2,
    catalogue: leimu.info().version,
    applicant: { 'business-licence': 1 },
    kinds: ['enterprise'],
    not_kinds: ['bank'],
    approved: ['ecommerce.platform'],
    scope: '许可项目：商业保理业务',
    answers: [{ category: 'finance.factoring', question: 'label:domestic-enterprise', holds: true }],
  };
  const spelled = {
    have: ['营业执照'],
    kinds: ['企业主体', '非银行主体'],
    approved: ['电商平台 > 电商平台'],
    scope: '许可项目：商业保理业务',
    confirm: ['内资企业主体'],
  };
  const a = leimu.check('金融业 > 商业保理', stored);
  assert.deepStrictEqual(a, leimu.check('金融业 > 商业保理', spelled));
  assert.equal(a.status, 'satisfied');
});

test('ambiguous names throw, listing every candidate with its categories', () => {
  for (const [name, category] of [
    ['合作协议', '商家自营 > 免税商店'],
    ['授权证明', '生活服务 > 生活缴费'],
    ['网络销售与实名制授权书', '商家自营 > 电话卡销售（中国移动）'],
    ['承诺函', '教育服务 > 驾校平台'],
  ]) {
    const { status, stderr } = cli(['unlock', '--have', name]);
    assert.equal(status, 2);
    assert.throws(
      () => leimu.unlock({ have: [name] }),
      (error) => {
        assert.equal(error.message, `unlock: ${stderr.replace(/^error: /, '').trim()}`);
        const [problem] = error.problems;
        assert.equal(problem.problem, 'ambiguous_document');
        assert.equal(problem.query, name);
        assert.ok(problem.options.length >= 2 || name === '承诺函', JSON.stringify(problem));
        assert.ok(
          problem.options.some((o) => o.categories.includes(category)),
          `${name}: no option needed by ${category}: ${JSON.stringify(problem.options)}`,
        );
        return true;
      },
    );
  }
});

test('statements that contradict each other, and questions nobody asks, are errors', () => {
  assert.throws(
    () => leimu.unlock({ kinds: ['企业', '政府主体'] }),
    (error) => error.problems[0].problem === 'contradictory_kinds' && /cannot both be true/.test(error.message),
  );
  assert.throws(
    () => leimu.check('保险', { kinds: ['银行机构主体/非银行金融机构主体'] }),
    (error) => error.problems[0].problem === 'ambiguous_kind' && /`银行`, `非银行金融机构`/.test(error.message),
  );
  assert.throws(
    () => leimu.check('金融业 > 商业保理', { confirm: ['不存在的问题'] }),
    (error) => error.problems[0].problem === 'unknown_question',
  );
  assert.throws(
    () => leimu.check('网上竞价平台（非文物）', { approved: ['电商平台 > 不存在'] }),
    (error) => error.problems[0].problem === 'unknown_category',
  );
});
