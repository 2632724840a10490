// The SQL script that loads deepquery-dbgen's output into a DeepQuery warehouse.
//
// For each requested table it writes
//   CREATE TABLE IF NOT EXISTS tpch.<table> (<column> <type>, ...);
//   LOAD DATA INTO tpch.<table> FROM FILES(format='CSV', field_delimiter='|',
//     skip_leading_rows=0, uris=['<data_dir>/<table>.tbl']);
// after a `CREATE SCHEMA IF NOT EXISTS tpch;`. Column types come from dq::tpch::TableSchema
// (INT64, FLOAT64, STRING, DATE). Running the script twice loads the rows twice.
#pragma once

#include <string>
#include <vector>

namespace deepquery::tools {

// REQUIRES: every name in `tables` satisfies dq::tpch::IsTable. `data_dir` should be absolute
// so the script works from any directory.
std::string TpchSchemaScript(const std::vector<std::string>& tables, const std::string& data_dir);

}  // namespace deepquery::tools
