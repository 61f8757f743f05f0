// The app every bundler builds at its default settings: import the package
// as its README says, ask two questions, and publish the answers for the
// test to read (the page's `leimuAnswers`, or stdout in Node).
import { search, check, version } from 'leimu';

const answers = {
  version,
  search: search('hlwyy'),
  check: check('互联网医院', { have: ['医疗机构执业许可证'] }),
};
if (typeof document === 'undefined') {
  console.log(JSON.stringify(answers));
} else {
  globalThis.leimuAnswers = answers;
}
