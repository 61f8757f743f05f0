// CommonJS: require() the package.
const { search, check, version } = require('leimu');

console.log(JSON.stringify({ version, search: search('hlwyy'), check: check('互联网医院', { have: ['医疗机构执业许可证'] }) }));
