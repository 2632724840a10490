#include "compliance_runner.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "deepquery/deepquery.h"
#include "temporary_directory.h"
#include "zetasql_compare.h"
#include "zetasql_test_file.h"
#include "zetasql_value_parser.h"

namespace deepquery::tools {
namespace {

// Interrupts `connection` if the scope lasts longer than `seconds`.
class QueryWatchdog {
 public:
  QueryWatchdog(Connection& connection, int seconds)
      : thread_([this, &connection, seconds] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!finished_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
            connection.Interrupt();
          }
        }) {}
  ~QueryWatchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    finished_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  std::thread thread_;
};

// The state of a table made by a [prepare_database] section.
struct PreparedTable {
  bool ok = true;
  ZetasqlSkip skip;     // set when the section was skipped
  std::string failure;  // set when it ran and failed
};

// Converts a successful engine result into the result type and a table value (rows as
// structs, in the engine's order). False with `error` set when a type or value does not parse.
bool ResultToTable(const Result& result, ZetasqlType* type, ZetasqlValue* table, std::string* error) {
  ZetasqlType row_type;
  row_type.kind = ZetasqlKind::kStruct;
  row_type.name = "STRUCT";
  for (size_t column = 0; column < result.column_count(); ++column) {
    std::optional<ZetasqlType> column_type = ParseZetasqlType(result.column_type(column));
    if (!column_type) {
      *error = "cannot parse our column type " + result.column_type(column);
      return false;
    }
    row_type.children.push_back(std::move(*column_type));
    row_type.field_names.push_back(result.column_name(column));
  }
  table->kind = ZetasqlKind::kArray;
  table->is_null = false;
  for (size_t row = 0; row < result.row_count(); ++row) {
    ZetasqlValue row_value;
    row_value.kind = ZetasqlKind::kStruct;
    row_value.is_null = false;
    for (size_t column = 0; column < result.column_count(); ++column) {
      const ZetasqlType& column_type = row_type.children[column];
      std::optional<ZetasqlValue> value;
      if (result.IsNull(row, column)) {
        value = ZetasqlValue::Null(column_type.kind);
      } else if (column_type.kind == ZetasqlKind::kArray || column_type.kind == ZetasqlKind::kStruct) {
        value = ParseZetasqlValue(column_type, result.GetString(row, column), ZetasqlSyntax::kSqlLiteral,
                                  error);
      } else {
        value = ScalarFromText(column_type, result.GetString(row, column));
      }
      if (!value) {
        *error = "cannot parse our value '" + result.GetString(row, column) + "' of type " +
                 column_type.name + (error->empty() ? "" : ": " + *error);
        return false;
      }
      row_value.children.push_back(std::move(*value));
    }
    table->children.push_back(std::move(row_value));
  }
  type->kind = ZetasqlKind::kArray;
  type->name = "ARRAY";
  type->children = {std::move(row_type)};
  return true;
}

class FileRunner {
 public:
  FileRunner(const ComplianceOptions& options, Connection& connection)
      : options_(options), connection_(connection) {}

  void RunSection(const ZetasqlSection& section, ZetasqlReport* report) {
    // The reference driver's session time zone, unless the section names another.
    std::string zone = section.Option("default_time_zone");
    connection_.SetSetting("time_zone", zone.empty() ? "America/Los_Angeles" : zone);
    if (section.is_prepare_database()) {
      Prepare(section);
      return;
    }
    ZetasqlCaseOutcome outcome = RunCase(section);
    outcome.name = section.name();
    outcome.line = section.line;
    report->Add(outcome);
  }

 private:
  std::unique_ptr<Result> Run(const std::string& sql, const std::map<std::string, Parameter>& parameters) {
    QueryWatchdog watchdog(connection_, options_.timeout_seconds);
    return connection_.Query(sql, parameters);
  }

  void Prepare(const ZetasqlSection& section) {
    PreparedTable& table = tables_[ZetasqlPreparedTableName(section.sql)];
    table = PreparedTable{};
    table.skip = ZetasqlSkipFor(section, options_.features);
    if (table.skip.skipped()) {
      table.ok = false;
      return;
    }
    std::unique_ptr<Result> result = Run(section.sql, {});
    if (!result->ok()) {
      table.ok = false;
      table.failure = "prepare_database failed: " + ZetasqlFailureCause(result->error_message());
    }
  }

  static ZetasqlCaseOutcome Failed(const std::string& cause, const std::string& detail) {
    ZetasqlCaseOutcome outcome;
    outcome.status = ZetasqlStatus::kFailed;
    outcome.cause = cause;
    outcome.detail = detail;
    return outcome;
  }
  static ZetasqlCaseOutcome Skipped(ZetasqlSkip skip) {
    ZetasqlCaseOutcome outcome;
    outcome.status = ZetasqlStatus::kSkipped;
    outcome.skip = std::move(skip);
    return outcome;
  }
  static ZetasqlCaseOutcome SkippedFor(const std::string& reason) {
    ZetasqlSkip skip;
    skip.reason = reason;
    return Skipped(std::move(skip));
  }

  // Evaluates [parameters=<expr> AS name, ...] as one SELECT. Returns false with `outcome`
  // set when the case cannot run.
  bool BindParameters(const ZetasqlSection& section, std::map<std::string, Parameter>* parameters,
                      ZetasqlCaseOutcome* outcome) {
    if (!section.Has("parameters")) return true;
    std::unique_ptr<Result> values = Run("SELECT " + section.Option("parameters"), {});
    if (!values->ok()) {
      *outcome = Failed("parameters: " + ZetasqlFailureCause(values->error_message()),
                        values->error_message());
      return false;
    }
    for (size_t column = 0; column < values->column_count(); ++column) {
      const ColumnKind kind = values->column_kind(column);
      if (kind == ColumnKind::kArray || kind == ColumnKind::kStruct) {
        *outcome = SkippedFor("ARRAY/STRUCT query parameter (text form loses the type)");
        return false;
      }
      Parameter parameter;
      parameter.type = values->column_type(column);
      parameter.is_null = values->row_count() == 0 || values->IsNull(0, column);
      if (!parameter.is_null) parameter.value = values->GetString(0, column);
      (*parameters)[values->column_name(column)] = parameter;
    }
    return true;
  }

  ZetasqlCaseOutcome RunCase(const ZetasqlSection& section) {
    ZetasqlSkip skip = ZetasqlSkipFor(section, options_.features);
    if (skip.skipped()) return Skipped(std::move(skip));
    for (const auto& [name, table] : tables_) {
      if (table.ok || !ZetasqlMentionsTable(section, name)) continue;
      if (table.skip.skipped()) return Skipped(table.skip);
      return Failed(table.failure, table.failure);
    }
    std::string parse_error;
    std::optional<ZetasqlExpected> expected = ParseZetasqlExpected(section.expected, &parse_error);
    if (!expected) {
      if (section.expected.rfind("STRUCT<num_rows_modified", 0) == 0) {
        return SkippedFor("DML output (num_rows_modified)");
      }
      return Failed("cannot parse the expected output", parse_error);
    }
    std::map<std::string, Parameter> parameters;
    ZetasqlCaseOutcome outcome;
    if (!BindParameters(section, &parameters, &outcome)) return outcome;

    std::unique_ptr<Result> result = Run(section.sql, parameters);
    if (!result->ok()) {
      const std::string code = ZetasqlCodeForErrorKind(result->error_kind());
      if (expected->is_error && code == expected->error_code) return outcome;  // passed
      if (expected->is_error) {
        return Failed("wrong error code: expected " + expected->error_code + ", got " + code + " (" +
                          result->error_kind() + ")",
                      result->error_message());
      }
      return Failed(ZetasqlFailureCause(result->error_message()),
                    result->error_kind() + ": " + result->error_message());
    }
    if (expected->is_error) {
      return Failed("expected an error, the query succeeded",
                    "expected error code " + expected->error_code);
    }
    ZetasqlType actual_type;
    ZetasqlValue actual_table;
    std::string error;
    if (!ResultToTable(*result, &actual_type, &actual_table, &error)) {
      return Failed("cannot parse our result", error);
    }
    std::string why;
    if (!ZetasqlTablesMatch(*expected, actual_type, actual_table, &why)) {
      std::string cause = "wrong result: values";
      if (why.find(" columns, got") != std::string::npos) cause = "wrong result: column count";
      if (why.find(" rows, got") != std::string::npos) cause = "wrong result: row count";
      if (why.find("expected type") != std::string::npos) cause = "wrong result: column type";
      return Failed(cause, why);
    }
    return outcome;
  }

  const ComplianceOptions& options_;
  Connection& connection_;
  std::map<std::string, PreparedTable> tables_;
};

}  // namespace

bool RunComplianceFile(const std::string& text, const ComplianceOptions& options,
                       ZetasqlReport* report, std::string* error) {
  TemporaryDirectory directory("deepquery-zetasql");
  if (directory.path().empty()) {
    *error = "cannot create a temporary directory";
    return false;
  }
  DatabaseOptions database_options;
  database_options.threads = options.threads;
  Database::OpenResult opened = Database::Open(directory.path() + "/warehouse", database_options);
  if (!opened.ok()) {
    *error = "cannot open a warehouse: " + opened.error_message;
    return false;
  }
  {
    std::unique_ptr<Connection> connection = opened.database->Connect();
    FileRunner runner(options, *connection);
    for (const ZetasqlSection& section : ParseZetasqlFile(text)) runner.RunSection(section, report);
  }
  opened.database.reset();  // before the directory is removed
  return true;
}

}  // namespace deepquery::tools
