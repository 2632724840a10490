// The public embedded API (include/deepquery/deepquery.h) over the engine's internals.
#include <filesystem>

#include "deepquery/deepquery.h"
#include "functions/cast/cast.h"
#include "main/client_context.h"
#include "main/database_instance.h"
#include "plan/coercion.h"
#include "sql/parser.h"
#include "sql/split_statements.h"

namespace deepquery {

// ---- Database ----

Database::OpenResult Database::Open(const std::string& path, const DatabaseOptions& options) {
  OpenResult result;
  auto instance = dq::DatabaseInstance::Open(path, options.threads, options.create_if_missing);
  if (!instance.ok()) {
    result.error_message = instance.status().message();
    return result;
  }
  result.database.reset(new Database(std::move(instance).value()));
  return result;
}

Database::Database(std::shared_ptr<dq::DatabaseInstance> instance) : instance_(std::move(instance)) {}
Database::~Database() = default;

std::unique_ptr<Connection> Database::Connect() {
  return std::unique_ptr<Connection>(new Connection(std::make_unique<dq::ClientContext>(instance_)));
}

const std::string& Database::path() const { return instance_->path(); }
int Database::threads() const { return instance_->scheduler().parallelism(); }

// ---- Connection ----

Connection::Connection(std::unique_ptr<dq::ClientContext> context) : context_(std::move(context)) {}
Connection::~Connection() = default;

std::unique_ptr<Result> Connection::Query(std::string_view sql) { return Query(sql, {}); }

std::unique_ptr<Result> Connection::Query(std::string_view sql,
                                          const std::map<std::string, Parameter>& parameters) {
  std::map<std::string, dq::Value> values;
  try {
    for (const auto& [name, parameter] : parameters) {
      std::unique_ptr<dq::sql::TypeName> type_name = dq::sql::ParseTypeName(parameter.type);
      dq::LogicalType type = dq::ResolveTypeName(*type_name);
      if (parameter.is_null) {
        values[name] = dq::Value::Null(type);
        continue;
      }
      dq::Vector text = dq::Vector::Constant(dq::Value::String(parameter.value));
      dq::Vector converted(type, 1);
      dq::CastVector(text, 1, converted, false);
      values[name] = converted.GetValue(0);
    }
  } catch (const dq::Error& error) {
    dq::Error wrapped(error.kind(), "Invalid query parameter: " + error.message());
    return std::unique_ptr<Result>(new Result(dq::QueryResult::FromError(wrapped, sql)));
  }
  return std::unique_ptr<Result>(new Result(context_->Query(sql, values)));
}

void Connection::Interrupt() { context_->Interrupt(); }
double Connection::Progress() const { return context_->Progress(); }
void Connection::SetSetting(const std::string& name, const std::string& value) {
  context_->SetSetting(name, value);
}

// ---- Result ----

Result::Result(std::unique_ptr<dq::QueryResult> result) : result_(std::move(result)) {}
Result::~Result() = default;

bool Result::ok() const { return result_->ok; }
const std::string& Result::error_message() const { return result_->error_message; }
const std::string& Result::error_kind() const {
  static const std::string kNone;
  if (result_->ok) return kNone;
  static thread_local std::string kind;
  kind = std::string(dq::ErrorKindName(result_->error_kind));
  return kind;
}

size_t Result::column_count() const { return result_->names.size(); }
const std::string& Result::column_name(size_t column) const { return result_->names[column]; }
std::string Result::column_type(size_t column) const { return result_->types[column].ToString(); }

ColumnKind Result::column_kind(size_t column) const {
  switch (result_->types[column].id()) {
    case dq::TypeId::kBool: return ColumnKind::kBool;
    case dq::TypeId::kNull:
    case dq::TypeId::kInt64: return ColumnKind::kInt64;
    case dq::TypeId::kFloat64: return ColumnKind::kFloat64;
    case dq::TypeId::kNumeric: return ColumnKind::kNumeric;
    case dq::TypeId::kString: return ColumnKind::kString;
    case dq::TypeId::kBytes: return ColumnKind::kBytes;
    case dq::TypeId::kDate: return ColumnKind::kDate;
    case dq::TypeId::kDatetime: return ColumnKind::kDatetime;
    case dq::TypeId::kTime: return ColumnKind::kTime;
    case dq::TypeId::kTimestamp: return ColumnKind::kTimestamp;
    case dq::TypeId::kInterval: return ColumnKind::kInterval;
    case dq::TypeId::kJson: return ColumnKind::kJson;
    case dq::TypeId::kArray: return ColumnKind::kArray;
    case dq::TypeId::kStruct: return ColumnKind::kStruct;
    default: return ColumnKind::kOther;
  }
}

size_t Result::row_count() const { return result_->row_count(); }
bool Result::IsNull(size_t row, size_t column) const {
  return result_->GetValue(row, column).is_null();
}
std::string Result::GetString(size_t row, size_t column) const {
  return result_->GetValue(row, column).ToString();
}
int64_t Result::GetInt64(size_t row, size_t column) const {
  dq::Value value = result_->GetValue(row, column);
  if (value.type().id() == dq::TypeId::kBool) return value.bool_value() ? 1 : 0;
  if (value.type().id() == dq::TypeId::kFloat64) return static_cast<int64_t>(value.float64_value());
  return value.int64_value();
}
double Result::GetDouble(size_t row, size_t column) const {
  dq::Value value = result_->GetValue(row, column);
  switch (value.type().id()) {
    case dq::TypeId::kFloat64: return value.float64_value();
    case dq::TypeId::kNumeric: return static_cast<double>(value.numeric_value()) / 1e9;
    case dq::TypeId::kBool: return value.bool_value() ? 1 : 0;
    default: return static_cast<double>(value.int64_value());
  }
}
bool Result::GetBool(size_t row, size_t column) const {
  return result_->GetValue(row, column).bool_value();
}
const std::string& Result::message() const { return result_->message; }
int64_t Result::rows_affected() const { return result_->rows_affected; }
double Result::elapsed_seconds() const { return result_->elapsed_seconds; }

std::vector<std::string> SplitStatements(std::string_view text, std::string* remainder) {
  return dq::sql::SplitStatements(text, remainder);
}

}  // namespace deepquery
