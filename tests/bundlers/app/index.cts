// TypeScript compiled as CommonJS (node16, a .cts file): `import` becomes `require`.
import { search, check, type Verdict } from 'leimu';
import { init } from 'leimu/init';

const verdict: Verdict = check('互联网医院', { have: ['医疗机构执业许可证'] });
const ids: string[] = search('hlwyy').map((hit) => hit.id);
const started: Promise<void> = init();
// @ts-expect-error: a category is required
check();
export { verdict, ids, started };
