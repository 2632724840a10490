// DeepQuery embedded API: open a warehouse directory, connect, run GoogleSQL, read results.
//
//   auto db = deepquery::Database::Open("warehouse");          // creates it if absent
//   if (!db.ok()) { ... db.error_message() ... }
//   auto conn = db.value->Connect();
//   auto result = conn->Query("SELECT region, SUM(amount) FROM shop.sales GROUP BY region");
//   if (!result->ok()) std::cerr << result->error_message() << "\n";
//   for (size_t row = 0; row < result->row_count(); ++row)
//     std::cout << result->GetString(row, 0) << "\n";
//
// Threading: a Database may be shared by many threads; each Connection is used by one thread
// at a time, except Interrupt() and Progress(), which any thread may call while a query runs.
// The CLI, the test runners and the benchmarks use only this header.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dq {
class DatabaseInstance;
class ClientContext;
class QueryResult;
}  // namespace dq

namespace deepquery {

class Connection;
class Result;

struct DatabaseOptions {
  // Worker threads for query execution; 0 means one per hardware core.
  int threads = 0;
  // Create the warehouse directory if it does not exist.
  bool create_if_missing = true;
};

class Database {
 public:
  // Opens (or creates) the warehouse at `path`. On failure `database` is null and
  // `error_message` says why.
  struct OpenResult {
    std::unique_ptr<Database> database;
    std::string error_message;
    bool ok() const { return database != nullptr; }
  };
  static OpenResult Open(const std::string& path, const DatabaseOptions& options = {});
  ~Database();

  std::unique_ptr<Connection> Connect();
  const std::string& path() const;
  int threads() const;

 private:
  explicit Database(std::shared_ptr<dq::DatabaseInstance> instance);
  std::shared_ptr<dq::DatabaseInstance> instance_;
};

// A query parameter value for `@name` placeholders, given as GoogleSQL literal text of the
// stated type, e.g. {"INT64", "42"}, {"STRING", "JP"}, {"DATE", "2024-01-01"}.
struct Parameter {
  std::string type;
  std::string value;
  bool is_null = false;
};

class Connection {
 public:
  ~Connection();

  // Runs one or more `;`-separated statements and returns the result of the last one, or the
  // first error (statements after a failing one are not run). Never throws.
  std::unique_ptr<Result> Query(std::string_view sql);
  std::unique_ptr<Result> Query(std::string_view sql,
                                const std::map<std::string, Parameter>& parameters);

  // Cancels the query running on this connection at its next morsel. Thread-safe.
  void Interrupt();
  // Fraction of the running query's scan work done, in [0, 1], or -1 when unknown. Thread-safe.
  double Progress() const;

  // Session settings (also settable with `SET name = value`), e.g. "integer_division".
  void SetSetting(const std::string& name, const std::string& value);

 private:
  friend class Database;
  explicit Connection(std::unique_ptr<dq::ClientContext> context);
  std::unique_ptr<dq::ClientContext> context_;
};

// Types of result columns, by their GoogleSQL names.
enum class ColumnKind { kBool, kInt64, kFloat64, kNumeric, kString, kBytes, kDate, kDatetime,
                        kTime, kTimestamp, kInterval, kJson, kArray, kStruct, kOther };

class Result {
 public:
  ~Result();

  bool ok() const;
  // The full user-facing message, with the position in the SQL text where it applies, e.g.
  // `Syntax error: Expected ")" but got keyword FROM [at 3:15]`.
  const std::string& error_message() const;
  // "syntax", "binding", "invalid_input", "out_of_range", "catalog", "io", "corruption",
  // "not_supported", "cancelled", "out_of_memory" or "internal".
  const std::string& error_kind() const;

  size_t column_count() const;
  const std::string& column_name(size_t column) const;
  // GoogleSQL spelling of the column type: INT64, STRING, ARRAY<FLOAT64>, STRUCT<a INT64>...
  std::string column_type(size_t column) const;
  ColumnKind column_kind(size_t column) const;

  size_t row_count() const;
  bool IsNull(size_t row, size_t column) const;
  // The value as GoogleSQL's CAST(x AS STRING) would render it; "NULL" for NULL.
  std::string GetString(size_t row, size_t column) const;
  // REQUIRES: the column is BOOL/INT64 (GetInt64), or numeric (GetDouble), and not NULL.
  int64_t GetInt64(size_t row, size_t column) const;
  double GetDouble(size_t row, size_t column) const;
  bool GetBool(size_t row, size_t column) const;

  // For statements that return no rows: a one-line summary such as
  // "Created table shop.sales" or "Loaded 1,204 rows into shop.sales".
  const std::string& message() const;
  // Rows inserted, loaded, updated or deleted by a DML/LOAD statement; 0 otherwise.
  int64_t rows_affected() const;
  double elapsed_seconds() const;

 private:
  friend class Connection;
  explicit Result(std::unique_ptr<dq::QueryResult> result);
  std::unique_ptr<dq::QueryResult> result_;
};

// Splits `text` into complete statements at top-level `;` (outside strings, quoted identifiers
// and comments). Text after the last `;` that is not only whitespace/comments is returned in
// `remainder`. Used by the CLI to know when a multi-line statement is complete.
std::vector<std::string> SplitStatements(std::string_view text, std::string* remainder);

}  // namespace deepquery
