// The same app with `leimu/init`: no top-level await, an explicit init().
import init, { search, check } from 'leimu/init';

let early;
try {
  search('hlwyy');
} catch (error) {
  early = error.message;
}
init().then(
  async () => {
    const { version } = await import('leimu/init');
    const answers = {
      version,
      early,
      search: search('hlwyy'),
      check: check('互联网医院', { have: ['医疗机构执业许可证'] }),
    };
    if (typeof document === 'undefined') {
      console.log(JSON.stringify(answers));
    } else {
      globalThis.leimuAnswers = answers;
    }
  },
  (error) => {
    globalThis.leimuAnswers = { error: String(error) };
    if (typeof document === 'undefined') console.log(JSON.stringify(globalThis.leimuAnswers));
  },
);
