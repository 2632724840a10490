#include "schema_script.h"

#include "bench/tpch/tpch_schema.h"

namespace deepquery::tools {

namespace {

// A GoogleSQL string literal for `text` (quotes and backslashes escaped).
std::string SqlString(const std::string& text) {
  std::string literal = "'";
  for (char character : text) {
    if (character == '\'' || character == '\\') literal += '\\';
    literal += character;
  }
  return literal + "'";
}

}  // namespace

std::string TpchSchemaScript(const std::vector<std::string>& tables, const std::string& data_dir) {
  std::string script =
      "-- TPC-H tables written by deepquery-dbgen. Run with:\n"
      "--   deepquery WAREHOUSE -f schema.sql\n"
      "CREATE SCHEMA IF NOT EXISTS tpch;\n";
  for (const std::string& table : tables) {
    script += "\nCREATE TABLE IF NOT EXISTS tpch." + table + " (\n";
    auto schema = dq::tpch::TableSchema(table);
    for (size_t column = 0; column < schema.size(); ++column) {
      script += "  " + schema[column].first + " " + schema[column].second.ToString();
      script += column + 1 < schema.size() ? ",\n" : "\n";
    }
    script += ");\n";
    script += "LOAD DATA INTO tpch." + table +
              " FROM FILES(format='CSV', field_delimiter='|', skip_leading_rows=0, uris=[" +
              SqlString(data_dir + "/" + table + ".tbl") + "]);\n";
  }
  return script;
}

}  // namespace deepquery::tools
