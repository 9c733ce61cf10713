// Measures which operations of the Mastodon client API (../shared/conformance/mastodon-openapi.json)
// Parley answers, against a real server with a throwaway database (see scripts/coverage/).
//   node scripts/api-coverage.ts              a table by area, the missing operations
//   node scripts/api-coverage.ts --markdown   the block README.md shows
// Progress goes to standard error; the exit code is 0 whatever the coverage.
import { parseArgs } from 'node:util';
import { createProgress } from '../src/cli/progress.ts';
import { measureCoverage } from './coverage/measure.ts';
import { markdownReport, textReport } from './coverage/report.ts';

const { values } = parseArgs({ options: { markdown: { type: 'boolean', default: false } } });
const progress = createProgress();
progress.step('starting a server');
const results = await measureCoverage({
  onProgress: (done, total, r) => progress.step(`${done}/${total} ${r.method} ${r.template} → ${r.status}${r.answered ? '' : ' (missing)'}`),
});
progress.done(`${results.length} operations called`);
console.log(values.markdown ? markdownReport(results) : textReport(results));
process.exit(0);
