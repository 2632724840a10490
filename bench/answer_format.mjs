// Answer CSV helpers shared by the DuckDB runner and the comparison: the same format as
// deepquery-bench's tools/bench/answer_csv.h (RFC 4180 quoting, doubles with 15 significant
// digits like printf "%.15g", NULL as an empty field), and a parser for it.

// printf("%.15g")-like rendering of a JS number.
export function formatDouble(value) {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toPrecision(15);
  // Drop the trailing zeros %g drops: "25.5000000000000" -> "25.5", "1.20000000000000e+21" -> "1.2e+21".
  return text.replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, '');
}

export function formatAnswerValue(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatDouble(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

export function csvField(text) {
  if (text === null) return '';
  if (/[",\r\n]/.test(text) || /^ | $/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function toCsvLine(fields) {
  return fields.map(csvField).join(',') + '\n';
}

// RFC 4180 parser: returns rows of fields (strings; an empty unquoted field is null).
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (character === ',' || character === '\n') {
      row.push(field === '' && !wasQuoted ? null : field);
      field = '';
      wasQuoted = false;
      if (character === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (character !== '\r') {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field === '' && !wasQuoted ? null : field);
    rows.push(row);
  }
  return rows;
}
