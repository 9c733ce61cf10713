// The coverage measured, as a table by area with totals (text for a terminal, or Markdown for the
// README), the operations missing, and the answers that did not match the description.
import type { OperationResult } from './measure.ts';

export interface AreaRow {
  area: string;
  operations: number;
  answered: number;
  missing: number;
  /** 2xx answers that matched their schema */
  validated: number;
  schemaFailures: number;
}

export interface Summary {
  /** this issue's areas (each a tag of the description) and their total */
  areas: AreaRow[];
  total: AreaRow;
  /** the areas other issues cover, and their total */
  others: AreaRow[];
  othersTotal: AreaRow;
  all: AreaRow;
}

function rowOf(area: string, results: OperationResult[]): AreaRow {
  const answered = results.filter((r) => r.answered).length;
  return {
    area,
    operations: results.length,
    answered,
    missing: results.length - answered,
    validated: results.filter((r) => r.schema === 'passed').length,
    schemaFailures: results.filter((r) => r.schema === 'failed').length,
  };
}

function rowsByArea(results: OperationResult[]): AreaRow[] {
  const areas = [...new Set(results.map((r) => r.area))].sort();
  return areas.map((a) =>
    rowOf(
      a,
      results.filter((r) => r.area === a),
    ),
  );
}

export function summarise(results: OperationResult[]): Summary {
  const own = results.filter((r) => !r.otherIssue);
  const others = results.filter((r) => r.otherIssue);
  return { areas: rowsByArea(own), total: rowOf('total', own), others: rowsByArea(others), othersTotal: rowOf('other issues', others), all: rowOf('all', results) };
}

const COLUMNS = ['area', 'operations', 'answered', 'missing', 'validated', 'schema failures'];
const cells = (r: AreaRow) => [r.area, r.operations, r.answered, r.missing, r.validated, r.schemaFailures].map(String);
const percent = (r: AreaRow) => (r.operations === 0 ? '0%' : `${Math.round((100 * r.answered) / r.operations)}%`);

function textTable(rows: AreaRow[]): string[] {
  const lines = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

export function textReport(results: OperationResult[]): string {
  const s = summarise(results);
  const missing = results.filter((r) => !r.answered);
  const failures = results.filter((r) => r.schema === 'failed');
  const errors = results.filter((r) => r.answered && r.status >= 500);
  return [
    `Mastodon API coverage: ${s.total.answered} of ${s.total.operations} operations answered (${percent(s.total)}), ${s.total.validated} validated`,
    '',
    ...textTable([...s.areas, s.total]),
    '',
    'Other issues (media and polls, push, reports):',
    ...textTable([...s.others, s.othersTotal]),
    '',
    `All: ${s.all.answered} of ${s.all.operations} answered, ${s.all.missing} missing, ${s.all.validated} validated, ${s.all.schemaFailures} schema failures`,
    '',
    `Missing (${missing.length}):`,
    ...missing.map((r) => `  ${r.area.padEnd(20)} ${r.method.padEnd(6)} ${r.template}${r.otherIssue ? '  (other issue)' : ''}`),
    ...(failures.length ? ['', `Schema failures (${failures.length}):`, ...failures.flatMap((r) => [`  ${r.method} ${r.template}`, ...r.problems.slice(0, 3).map((p) => `    ${p}`)])] : []),
    ...(errors.length ? ['', `Server errors (${errors.length}):`, ...errors.map((r) => `  ${r.status} ${r.method} ${r.template}`)] : []),
  ].join('\n');
}

function markdownTable(rows: AreaRow[]): string[] {
  return [`| ${COLUMNS.join(' | ')} |`, `| --- |${' ---: |'.repeat(COLUMNS.length - 1)}`, ...rows.map((r) => `| ${cells(r).join(' | ')} |`)];
}

export function markdownReport(results: OperationResult[]): string {
  const s = summarise(results);
  const missingByArea = rowsByArea(results.filter((r) => !r.answered)).map((row) => {
    const ops = results.filter((r) => !r.answered && r.area === row.area).map((r) => `\`${r.method} ${r.template}\``);
    return `- ${row.area}: ${ops.join(', ')}`;
  });
  return [
    `Parley answers **${s.total.answered} of ${s.total.operations}** operations (${percent(s.total)}), leaving aside media and polls, push and reports, which other issues cover (${s.othersTotal.answered} of their ${s.othersTotal.operations} answered). ${s.all.validated} answers were checked against their schema${s.all.schemaFailures ? `; ${s.all.schemaFailures} did not match` : ', and all matched'}.`,
    '',
    '<details><summary>By area</summary>',
    '',
    ...markdownTable([...s.areas, s.total, ...s.others, s.othersTotal]),
    '',
    '</details>',
    '',
    '<details><summary>Missing operations</summary>',
    '',
    ...missingByArea,
    '',
    '</details>',
  ].join('\n');
}
