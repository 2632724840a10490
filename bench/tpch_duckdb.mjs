// The DuckDB side of bench/run_tpch.sh: loads deepquery-dbgen's .tbl files into an in-memory
// DuckDB and times the same queries the same way deepquery-bench does.
//
//   node bench/tpch_duckdb.mjs --data DIR --queries q1,q6 [--runs 5] [--warmup 1]
//        [--threads N] [--query-dir bench/queries/duckdb] [--answers-out DIR] [--json FILE]
//
// Tables: the CREATE TABLE statements of DIR/schema.sql (written by deepquery-dbgen), with
// INT64 -> BIGINT, FLOAT64 -> DOUBLE, STRING -> VARCHAR, DATE -> DATE, created in DuckDB's
// default schema so the original TPC-H query text runs unchanged; loaded with COPY.
// Measured: wall time of runAndReadAll (plan, execute, materialize rows in JS).
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatAnswerValue, toCsvLine } from './answer_format.mjs';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' },
    queries: { type: 'string', default: 'q1,q6' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    threads: { type: 'string', default: String(cpus().length) },
    'query-dir': { type: 'string', default: 'bench/queries/duckdb' },
    'answers-out': { type: 'string' },
    json: { type: 'string' },
  },
});
if (!args.data) {
  console.error('tpch_duckdb.mjs: --data DIR is required');
  process.exit(2);
}
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const threads = Number(args.threads);
const typeMap = { INT64: 'BIGINT', FLOAT64: 'DOUBLE', STRING: 'VARCHAR', DATE: 'DATE' };

// [{table, columns: [[name, duckdbType]]}] from deepquery-dbgen's schema.sql.
function readSchema(dataDir) {
  const script = readFileSync(resolve(dataDir, 'schema.sql'), 'utf8');
  const tables = [];
  for (const match of script.matchAll(/CREATE TABLE IF NOT EXISTS tpch\.(\w+) \(([^;]*)\);/g)) {
    const columns = match[2].split(',').map((definition) => {
      const [name, type] = definition.trim().split(/\s+/);
      if (!typeMap[type]) throw new Error(`unexpected column type ${type} in schema.sql`);
      return [name, typeMap[type]];
    });
    tables.push({ table: match[1], columns });
  }
  return tables;
}

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();

const load = [];
let loadTotal = 0;
for (const { table, columns } of readSchema(args.data)) {
  const start = performance.now();
  const ddl = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await connection.run(`CREATE TABLE ${table} (${ddl})`);
  const path = resolve(args.data, `${table}.tbl`).replaceAll("'", "''");
  await connection.run(`COPY ${table} FROM '${path}' (DELIMITER '|', HEADER false, QUOTE '')`);
  const ms = performance.now() - start;
  const count = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  const rows = Number(count.getRows()[0][0]);
  console.error(`load: ${table.padEnd(9)} ${String(rows).padStart(10)} rows ${ms.toFixed(1).padStart(9)} ms`);
  load.push({ table, ms, rows });
  loadTotal += ms;
}

const best = (list) => Math.min(...list);
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

if (args['answers-out']) mkdirSync(args['answers-out'], { recursive: true });
const threadSetting = await connection.runAndReadAll("SELECT current_setting('threads')");
console.log(`duckdb threads=${threadSetting.getRows()[0][0]} runs=${runs} warmup=${warmup}`);
console.log(`${'query'.padEnd(8)} ${'best_ms'.padStart(12)} ${'median_ms'.padStart(12)} ${'rows'.padStart(8)}`);
const queries = {};
let allOk = true;
for (const name of args.queries.split(',').filter(Boolean)) {
  const sql = readFileSync(resolve(args['query-dir'], `${name}.sql`), 'utf8');
  const times = [];
  let reader;
  try {
    for (let run = 0; run < warmup + runs; run++) {
      const start = performance.now();
      reader = await connection.runAndReadAll(sql);
      const ms = performance.now() - start;
      if (run >= warmup) times.push(ms);
    }
  } catch (error) {
    console.log(`${name.padEnd(8)} FAILED: ${error.message}`);
    allOk = false;
    continue;
  }
  const rows = reader.getRows();
  console.log(`${name.padEnd(8)} ${best(times).toFixed(1).padStart(12)} ${median(times).toFixed(1).padStart(12)} ${String(rows.length).padStart(8)}`);
  queries[name] = { best_ms: best(times), median_ms: median(times), rows: rows.length, runs_ms: times };
  if (args['answers-out']) {
    let csv = toCsvLine(reader.columnNames());
    for (const row of rows) csv += toCsvLine(row.map(formatAnswerValue));
    writeFileSync(resolve(args['answers-out'], `${name}.csv`), csv);
  }
}
if (args.json) {
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
  const report = { engine: 'duckdb', version, threads, runs, load, load_total_ms: loadTotal, queries };
  writeFileSync(args.json, JSON.stringify(report) + '\n');
}
process.exit(allOk ? 0 : 1);
