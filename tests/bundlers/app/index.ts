// TypeScript: the package's types as a program uses them (checked with
// `tsc --noEmit` under moduleResolution bundler and node16).
import { search, check, type Verdict, type SearchResult, type LeimuError } from 'leimu';
import init, { version, type WasmSource } from 'leimu/init';

const hits: SearchResult[] = search('hlwyy', { limit: 3 });
const verdict: Verdict = check('互联网医院', { have: ['医疗机构执业许可证'] });
const status: 'satisfied' | 'confirm' | 'missing' | 'by_email' = verdict.status;
const started: Promise<void> = init();
const source: WasmSource = 'leimu_wasm_bg.wasm';
const named: string = version;
// @ts-expect-error: a category is required
check();
// @ts-expect-error: the limit is a number
search('x', { limit: 'many' });
try {
  check('互联网医');
} catch (error) {
  const problems = (error as LeimuError).problems ?? [];
  // Most problems name what was asked for; contradictions name the two kinds.
  console.log(problems.map((problem) => ('query' in problem ? problem.query : problem.problem)));
}
export { hits, status, started, source, named };
