#include "connection_executor.h"

#include <vector>

namespace deepquery::tools {
namespace {

SltValue ValueAt(const Result& result, size_t row, size_t column) {
  if (result.IsNull(row, column)) return SltValue::Null();
  switch (result.column_kind(column)) {
    case ColumnKind::kBool:
      return SltValue::Bool(result.GetBool(row, column));
    case ColumnKind::kInt64:
      return SltValue::Integer(result.GetInt64(row, column));
    case ColumnKind::kFloat64: {
      SltValue value = SltValue::Real(result.GetDouble(row, column));
      value.text = result.GetString(row, column);
      return value;
    }
    default:
      return SltValue::Text(result.GetString(row, column));
  }
}

}  // namespace

ConnectionExecutor::ConnectionExecutor(int threads, std::string* error) {
  if (directory_.path().empty()) {
    *error = "cannot create a temporary directory";
    return;
  }
  DatabaseOptions options;
  options.threads = threads;
  Database::OpenResult opened = Database::Open(directory_.path() + "/warehouse", options);
  if (!opened.ok()) {
    *error = "cannot open a warehouse: " + opened.error_message;
    return;
  }
  database_ = std::move(opened.database);
  connection_ = database_->Connect();
}

ConnectionExecutor::~ConnectionExecutor() {
  connection_.reset();  // before the database and the directory
  database_.reset();
}

SltOutcome ConnectionExecutor::Execute(const std::string& sql) {
  SltOutcome outcome;
  const std::unique_ptr<Result> result = connection_->Query(sql);
  if (!result->ok()) {
    outcome.ok = false;
    outcome.error_message = result->error_message();
    return outcome;
  }
  outcome.column_count = result->column_count();
  outcome.values.reserve(result->row_count() * outcome.column_count);
  for (size_t row = 0; row < result->row_count(); ++row) {
    for (size_t column = 0; column < outcome.column_count; ++column) {
      outcome.values.push_back(ValueAt(*result, row, column));
    }
  }
  return outcome;
}

void ConnectionExecutor::SetSetting(const std::string& name, const std::string& value) {
  connection_->SetSetting(name, value);
}

}  // namespace deepquery::tools
