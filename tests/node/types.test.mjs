// The package's TypeScript declarations (leimu.d.ts) against what the module
// really does: every function and answer type is declared, no `any`, and real
// answers have exactly the declared fields with the declared types.
//
// The declarations are read by a small checker of the subset of TypeScript
// that leimu.d.ts uses (interfaces one brace deep, unions, arrays, literals,
// Record). With the `typescript` npm package installed, the last test also
// compiles a strict usage file with tsc; without it, that test is skipped.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACKAGE, ROOT, importPackage } from './support.mjs';

let leimu;
let types;

before(async () => {
  leimu = await importPackage();
  types = parseDeclarations(readFileSync(path.join(PACKAGE, 'leimu.d.ts'), 'utf8'));
});

function parseDeclarations(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const interfaces = new Map();
  for (const [, name, body] of code.matchAll(/export interface (\w+) \{([^{}]*)\}/g)) {
    const fields = new Map();
    for (const line of body.split(/[;\n]/).map((l) => l.trim()).filter(Boolean)) {
      const field = line.match(/^(\w+)(\?)?: (.+)$/);
      assert.ok(field, `interface ${name}: cannot read \`${line}\``);
      fields.set(field[1], { optional: field[2] === '?', type: field[3].trim() });
    }
    interfaces.set(name, fields);
  }
  const aliases = new Map();
  for (const [, name, type] of code.matchAll(/export type (\w+) = ([^;]+);/g)) aliases.set(name, type.trim());
  const functions = new Map();
  for (const [, name, params, result] of code.matchAll(/export function (\w+)\(([^)]*)\): ([^;]+);/g)) {
    functions.set(name, { params, result: result.trim() });
  }
  const constants = new Map();
  for (const [, name, type] of code.matchAll(/export const (\w+): ([^;]+);/g)) constants.set(name, type.trim());
  return { code, interfaces, aliases, functions, constants };
}

/** Splits `A | B` at the top level (not inside `<>`). */
function union(type) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (const char of type) {
    if (char === '<' || char === '(') depth++;
    if (char === '>' || char === ')') depth--;
    if (char === '|' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** Throws an Error saying where `value` does not have the declared `type`. */
function conform(value, type, where) {
  const branches = union(type);
  if (branches.length > 1) {
    const failures = [];
    for (const branch of branches) {
      try {
        return conform(value, branch, where);
      } catch (error) {
        failures.push(error.message);
      }
    }
    throw new Error(`${where} is none of ${type}:\n  ${failures.join('\n  ')}`);
  }
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) throw new Error(`${where} is not an array (${type})`);
    value.forEach((item, i) => conform(item, type.slice(0, -2), `${where}[${i}]`));
    return;
  }
  if (/^'.*'$/.test(type)) {
    if (value !== type.slice(1, -1)) throw new Error(`${where} is ${JSON.stringify(value)}, not ${type}`);
    return;
  }
  if (['string', 'number', 'boolean'].includes(type)) {
    if (typeof value !== type) throw new Error(`${where} is ${typeof value}, not ${type}`);
    return;
  }
  if (type === 'null') {
    if (value !== null) throw new Error(`${where} is not null`);
    return;
  }
  const record = type.match(/^Record<\w+, (.+)>$/);
  if (record) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not a record`);
    for (const [key, item] of Object.entries(value)) conform(item, record[1], `${where}.${key}`);
    return;
  }
  if (types.aliases.has(type)) return conform(value, types.aliases.get(type), where);
  const fields = types.interfaces.get(type);
  if (!fields) throw new Error(`leimu.d.ts uses the type \`${type}\`, which the checker does not know (declare it, one brace deep)`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object (${type})`);
  for (const key of Object.keys(value)) {
    if (!fields.has(key)) throw new Error(`${where} has \`${key}\`, which ${type} does not declare`);
  }
  for (const [key, field] of fields) {
    if (!(key in value)) {
      if (field.optional) continue;
      throw new Error(`${where} lacks \`${key}\`, which ${type} declares`);
    }
    conform(value[key], field.type, `${where}.${key}`);
  }
}

test('no `any` or `unknown` in the declarations', () => {
  const expressions = [
    ...[...types.interfaces.values()].flatMap((fields) => [...fields.values()].map((f) => f.type)),
    ...types.aliases.values(),
    ...[...types.functions.values()].flatMap((f) => [f.params, f.result]),
    ...types.constants.values(),
  ];
  assert.ok(expressions.length > 100, `${expressions.length} type expressions read`);
  // String literals ('unknown' is a Truth) are values, not types.
  for (const expression of expressions) {
    assert.doesNotMatch(expression.replace(/'[^']*'/g, "''"), /\b(any|unknown|object|Function)\b/);
  }
});

test('the module exports exactly what the declarations declare', () => {
  const declared = [...types.functions.keys(), ...types.constants.keys()].sort();
  assert.deepStrictEqual(Object.keys(leimu).sort(), declared);
  for (const name of types.functions.keys()) assert.equal(typeof leimu[name], 'function', name);
  conform(leimu.version, types.constants.get('version'), 'version');
});

const PROFILE = { have: ['医疗机构执业许可证', '营业执照'], partner: ['医疗机构执业许可证=2'] };

// Real answers that between them reach every answer type: satisfied and
// missing verdicts, partners, conditions, applicant kinds, references,
// every kind of search match, rules with all three node kinds.
const CALLS = {
  search: [['卖茶叶'], ['hlwyy', { limit: 5 }], ['医疗机构执业许可证'], ['zzqqxx']],
  check: [
    ['互联网医院', PROFILE],
    ['logistics.pickup-delivery'],
    ['医疗服务 > 临床试验', {}],
    ['社保', { kinds: ['银行主体'] }],
    ['社保'],
  ],
  unlock: [[PROFILE], []],
  plan: [[['互联网医院', '药品（非处方药）销售', '医疗服务 > 临床试验'], PROFILE]],
  show: [['医疗服务 > 临床试验'], ['互联网医院'], ['社保']],
  list: [[]],
  info: [[]],
};

test('real answers have exactly the declared fields and types', () => {
  assert.deepStrictEqual(Object.keys(CALLS).sort(), [...types.functions.keys()].sort(), 'every function is exercised');
  let checked = 0;
  for (const [name, calls] of Object.entries(CALLS)) {
    for (const args of calls) {
      conform(leimu[name](...args), types.functions.get(name).result, `${name}(${JSON.stringify(args)})`);
      checked++;
    }
  }
  // Each catalogue answer, not only the samples above: every category's details conform.
  for (const entry of leimu.list()) {
    conform(leimu.show(entry.id), 'CategoryDetails', `show('${entry.id}')`);
    conform(leimu.check(entry.id, PROFILE), 'Verdict', `check('${entry.id}')`);
    checked += 2;
  }
  assert.ok(checked > 700, `${checked} answers checked`);
});

test("errors' problems have the declared types", () => {
  const failures = [
    () => leimu.plan(['互联网医', '其他', 'zzzzzzzzzz'], { have: ['医疗机构执业', 'zzzzzzzzzz'], kinds: ['银行主休'] }),
    () => leimu.check('互联网医院', { have: ['zzzzzzzzzz'] }),
  ];
  const kinds = new Set();
  for (const call of failures) {
    assert.throws(call, (error) => {
      conform(error.problems, 'LookupProblem[]', 'error.problems');
      error.problems.forEach((p) => kinds.add(p.problem));
      return true;
    });
  }
  assert.deepStrictEqual([...kinds].sort(), ['ambiguous_category', 'unknown_category', 'unknown_document', 'unknown_kind']);
});

test('the checker itself rejects answers that do not match', () => {
  const verdict = leimu.check('互联网医院', PROFILE);
  assert.throws(() => conform({ ...verdict, extra: 1 }, 'Verdict', 'v'), /has `extra`/);
  const { status, ...withoutStatus } = verdict;
  assert.ok(status);
  assert.throws(() => conform(withoutStatus, 'Verdict', 'v'), /lacks `status`/);
  assert.throws(() => conform({ ...verdict, status: 'maybe' }, 'Verdict', 'v'), /none of/);
  assert.throws(() => conform({ ...verdict, missing: [[{}]] }, 'Verdict', 'v'), /lacks `name`/);
});

test('every declared profile field is accepted, and only those', () => {
  const fields = [...types.interfaces.get('Profile').keys()];
  assert.ok(fields.includes('have') && fields.includes('applicant'), fields.join());
  for (const field of fields) {
    const sample = field === 'version' ? 1 : field === 'scope' || field === 'catalogue' ? '' : [];
    assert.doesNotThrow(() => leimu.check('互联网医院', { [field]: sample }), field);
  }
  assert.throws(() => leimu.check('互联网医院', { haves: [] }), /unknown field `haves`/);
});

test('with the typescript package installed, a strict usage file compiles', (t) => {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    t.skip('the `typescript` npm package is not installed (add it to devDependencies to enable this test)');
    return;
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'leimu-types-'));
  try {
    writeFileSync(
      path.join(folder, 'usage.ts'),
      `import { search, check, unlock, plan, show, list, version, type Verdict, type Profile } from ${JSON.stringify(path.join(PACKAGE, 'leimu.js'))};
const profile: Profile = { have: ['营业执照', { document: '合作协议', count: 2 }], partners: { x: 1 }, kinds: '政府主体' };
const verdict: Verdict = check('互联网医院', profile);
const ready: boolean = verdict.documents_ready && verdict.status !== 'missing';
const names: string[] = verdict.missing.flat().map((d) => d.name);
const ids: string[] = search('卖茶叶', { limit: 3 }).map((h) => h.id);
const count: number = plan(['a'], profile).missing_count + unlock().length + list().length;
const rule = show('x').rule;
const kind = rule && 'any_of' in rule.kind ? rule.kind.any_of.at_least : 0;
// @ts-expect-error a verdict's status is one of three strings
const wrong: 'yes' = verdict.status;
export { ready, names, ids, count, kind, wrong, version };
`,
    );
    const run = spawnSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', path.join(folder, 'usage.ts')],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
