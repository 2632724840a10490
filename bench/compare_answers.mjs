// Compares deepquery-bench's and a peer engine's answers and timings, and prints the report
// table of bench/run_tpch.sh (peer DuckDB) and bench/tpch_postgres.sh (peer PostgreSQL):
//
//   node bench/compare_answers.mjs --ours DIR --duckdb DIR --queries q1,q6
//        [--ours-json FILE] [--duckdb-json FILE] [--query-dir bench/queries/tpch]
//        [--peer-name duckdb]
//
// --duckdb/--duckdb-json are the peer's answers and timings, --peer-name its name in the table.
// Answers agree when they have the same column count and rows, with numbers equal within
// 1e-6 relative (1e-9 absolute near zero) and other values equal as text. Rows are compared in
// order; when the query has no ORDER BY, or the ordered comparison fails (ties in the ORDER
// BY keys), both sides are sorted first. Column names are not compared (engines name
// expressions differently). Exit status 1 when any answer differs or is missing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsv } from './answer_format.mjs';

const { values: args } = parseArgs({
  options: {
    ours: { type: 'string' },
    duckdb: { type: 'string' },
    queries: { type: 'string', default: 'q1,q6' },
    'ours-json': { type: 'string' },
    'duckdb-json': { type: 'string' },
    'query-dir': { type: 'string', default: 'bench/queries/tpch' },
    'peer-name': { type: 'string', default: 'duckdb' },
  },
});

const kRelative = 1e-6;
const kAbsolute = 1e-9;
const isNumber = (text) => text !== null && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text);

function valuesMatch(left, right) {
  if (left === right) return true;
  if (!isNumber(left) || !isNumber(right)) return false;
  const a = Number(left);
  const b = Number(right);
  return Math.abs(a - b) <= Math.max(kAbsolute, kRelative * Math.max(Math.abs(a), Math.abs(b)));
}

const rowsMatch = (left, right) =>
  left.length === right.length && left.every((value, index) => valuesMatch(value, right[index]));

// Sort key: numbers rounded to 6 significant digits so near-equal values sort alike.
function sortKey(row) {
  return row
    .map((value) => (isNumber(value) ? Number(Number(value).toPrecision(6)).toExponential(5) : `s:${value}`))
    .join('\u0001');
}
const sorted = (rows) => [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

// Returns {match, detail, differing: [[ours, duckdb]]}.
function compareAnswers(name) {
  const oursPath = resolve(args.ours, `${name}.csv`);
  const duckPath = resolve(args.duckdb, `${name}.csv`);
  if (!existsSync(oursPath) || !existsSync(duckPath)) {
    return { match: false, detail: 'missing answer file', differing: [] };
  }
  const [, ...ours] = parseCsv(readFileSync(oursPath, 'utf8'));
  const [, ...duck] = parseCsv(readFileSync(duckPath, 'utf8'));
  if (ours.length !== duck.length) {
    return { match: false, detail: `row count ${ours.length} vs ${duck.length}`, differing: [] };
  }
  const queryPath = resolve(args['query-dir'], `${name}.sql`);
  const ordered = existsSync(queryPath) && /order\s+by/i.test(readFileSync(queryPath, 'utf8'));
  const tryCompare = (left, right) => {
    const differing = [];
    left.forEach((row, index) => {
      if (!rowsMatch(row, right[index])) differing.push([row, right[index]]);
    });
    return differing;
  };
  if (ordered) {
    const differing = tryCompare(ours, duck);
    if (differing.length === 0) return { match: true, detail: 'in order', differing };
  }
  const differing = tryCompare(sorted(ours), sorted(duck));
  if (differing.length === 0) {
    return { match: true, detail: ordered ? 'after sorting (ORDER BY ties)' : 'as a set', differing };
  }
  return { match: false, detail: `${differing.length} differing rows`, differing };
}

const readJson = (path) => (path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const oursTimes = readJson(args['ours-json']);
const duckTimes = readJson(args['duckdb-json']);

const peer = args['peer-name'];
const peerTitle = { duckdb: 'DuckDB', postgres: 'PostgreSQL' }[peer] ?? peer;
const header = ['query', 'ours best ms', `${peer} best ms`, `ratio ours/${peer}`, 'ours median ms', `${peer} median ms`, 'answers match'];
const table = [header];
let allMatch = true;
const details = [];
for (const name of args.queries.split(',').filter(Boolean)) {
  const comparison = compareAnswers(name);
  allMatch &&= comparison.match;
  const ours = oursTimes?.queries?.[name];
  const duck = duckTimes?.queries?.[name];
  const ms = (value) => (value === undefined ? '-' : value.toFixed(1));
  const ratio = ours && duck ? (ours.best_ms / duck.best_ms).toFixed(2) : '-';
  table.push([name, ms(ours?.best_ms), ms(duck?.best_ms), ratio, ms(ours?.median_ms), ms(duck?.median_ms),
              comparison.match ? 'yes' : 'NO']);
  if (!comparison.match) {
    details.push(`${name}: answers differ (${comparison.detail})`);
    for (const [left, right] of comparison.differing.slice(0, 10)) {
      details.push(`  ours:   ${left.join(' | ')}`);
      details.push(`  ${peer.padEnd(6)}: ${right.join(' | ')}`);
    }
  }
}
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
const line = (row) => '| ' + row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ') + ' |';
console.log(line(table[0]));
console.log('|' + widths.map((width, column) => (column === 0 ? '-' + '-'.repeat(width) + '-' : '-'.repeat(width + 1) + ':')).join('|') + '|');
for (const row of table.slice(1)) console.log(line(row));
if (oursTimes?.load?.length && duckTimes) {
  console.log(`\nload (all tables): ours ${(oursTimes.load_total_ms / 1000).toFixed(2)} s, ` +
              `${peer} ${(duckTimes.load_total_ms / 1000).toFixed(2)} s; ` +
              `threads: ours ${oursTimes.threads}, ${peer} ${duckTimes.threads}` +
              (duckTimes.version ? ` (${peerTitle} ${duckTimes.version})` : ''));
}
for (const detail of details) console.log(detail);
process.exit(allMatch ? 0 : 1);
