// Rewrites a CSV answer (stdin -> stdout) in the answer format of bench/answer_format.mjs
// (RFC 4180, a field is quoted when it holds ',', '"', a line break or a leading or trailing
// space). bench/tpch_postgres.sh pipes psql's --csv output through it: psql leaves leading and
// trailing spaces unquoted. Values are kept as text: PostgreSQL's exact decimals stay exact.
import { readFileSync } from 'node:fs';
import { parseCsv, toCsvLine } from './answer_format.mjs';

process.stdout.write(parseCsv(readFileSync(0, 'utf8')).map(toCsvLine).join(''));
