#include "main/client_context.h"

#include <algorithm>
#include <chrono>

#include "common/ascii.h"
#include "main/statement_runners.h"
#include "sql/parser.h"

namespace dq {

namespace {

bool ParseBool(const std::string& value, const std::string& name) {
  std::string lower = AsciiLower(value);
  if (lower == "true" || lower == "1" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "off") return false;
  throw Error(ErrorKind::kInvalidInput, "Setting " + name + " expects true or false, got " + value);
}

}  // namespace

void ClientContext::SetSetting(const std::string& name, const std::string& value) {
  std::string key = AsciiLower(name);
  if (key == "integer_division") {
    settings_.integer_division = ParseBool(value, key);
    return;
  }
  if (key == "time_zone") {
    settings_.time_zone = TimeZone::Find(value);
    return;
  }
  if (key == "sqlite_compatibility") {
    settings_.integer_division = ParseBool(value, key);
    sqlite_set_operations_ = settings_.integer_division;
    return;
  }
  throw Error(ErrorKind::kBinding, "Unknown setting: " + name);
}

void ClientContext::Interrupt() {
  std::lock_guard<std::mutex> lock(running_mutex_);
  if (running_) running_->Cancel();
}

double ClientContext::Progress() const {
  std::lock_guard<std::mutex> lock(running_mutex_);
  return running_ ? running_->Progress() : -1;
}

std::unique_ptr<QueryResult> ClientContext::Query(std::string_view sql,
                                                  const std::map<std::string, Value>& parameters) {
  auto started = std::chrono::steady_clock::now();
  settings_.parameters.clear();
  for (const auto& [name, value] : parameters) settings_.parameters[AsciiLower(name)] = value;
  std::unique_ptr<QueryResult> result;
  try {
    sql::ParseOptions parse_options;
    parse_options.sqlite_set_operations = sqlite_set_operations_;
    std::vector<sql::StatementPtr> statements = sql::ParseStatements(sql, parse_options);
    if (statements.empty()) result = QueryResult::FromMessage("No statement to run");
    for (const auto& statement : statements) {
      result = Execute(*statement);
    }
  } catch (const Error& error) {
    result = QueryResult::FromError(error, sql);
  } catch (const std::bad_alloc&) {
    result = QueryResult::FromError(Error(ErrorKind::kOutOfMemory, "Out of memory"), sql);
  } catch (const std::exception& error) {
    result = QueryResult::FromError(
        Error(ErrorKind::kInternal, std::string("Internal error: ") + error.what()), sql);
  }
  {
    std::lock_guard<std::mutex> lock(running_mutex_);
    running_.reset();
  }
  result->elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::unique_ptr<QueryResult> ClientContext::Execute(const sql::Statement& statement) {
  auto query = std::make_shared<QueryContext>(database_->NextQueryId(), "default");
  {
    std::lock_guard<std::mutex> lock(running_mutex_);
    // A cancel that arrived between statements of one request also stops the next one.
    if (running_ && running_->IsCancelled()) query->Cancel();
    running_ = query;
  }
  StatementScope scope{*this, *query};
  // Casts between TIMESTAMP and civil time made while binding use the session's zone.
  BindingTimeZoneScope zone_scope(&settings_.time_zone);
  switch (statement.kind) {
    case sql::StatementKind::kQuery:
      return RunQuery(scope, statement.As<sql::QueryStatement>());
    case sql::StatementKind::kExplain:
      return RunExplain(scope, statement.As<sql::ExplainStatement>());
    case sql::StatementKind::kCreateSchema:
      return RunCreateSchema(scope, statement.As<sql::CreateSchemaStatement>());
    case sql::StatementKind::kDropSchema:
    case sql::StatementKind::kDropTable:
    case sql::StatementKind::kDropView:
    case sql::StatementKind::kDropModel:
      return RunDrop(scope, statement.As<sql::DropStatement>());
    case sql::StatementKind::kCreateTable:
      return RunCreateTable(scope, statement.As<sql::CreateTableStatement>());
    case sql::StatementKind::kInsert:
      return RunInsert(scope, statement.As<sql::InsertStatement>());
    case sql::StatementKind::kDelete:
      return RunDelete(scope, statement.As<sql::DeleteStatement>());
    case sql::StatementKind::kUpdate:
      return RunUpdate(scope, statement.As<sql::UpdateStatement>());
    case sql::StatementKind::kTruncate:
      return RunTruncate(scope, statement.As<sql::TruncateStatement>());
    case sql::StatementKind::kMerge:
      return RunMerge(scope, statement.As<sql::MergeStatement>());
    case sql::StatementKind::kAlterTable:
      return RunAlterTable(scope, statement.As<sql::AlterTableStatement>());
    case sql::StatementKind::kLoadData:
      return RunLoadData(scope, statement.As<sql::LoadDataStatement>());
    case sql::StatementKind::kSet: {
      const auto& set = statement.As<sql::SetStatement>();
      Binder binder(database_->warehouse().Snapshot(), settings_);
      Value value = binder.BindConstant(*set.value, "SET");
      std::string name = set.name.back();
      try {
        SetSetting(name, value.ToString());
      } catch (Error& error) {
        error.SetPositionIfAbsent(set.position);
        throw;
      }
      return QueryResult::FromMessage("Set " + name + " = " + value.ToString());
    }
    case sql::StatementKind::kCreateView:
      return RunCreateView(scope, statement.As<sql::CreateViewStatement>());
    case sql::StatementKind::kCreateModel:
      return RunCreateModel(scope, statement.As<sql::CreateModelStatement>());
    case sql::StatementKind::kCreateIndex:
    case sql::StatementKind::kDropIndex:
      throw Error(ErrorKind::kNotSupported,
                  "Statement is not supported yet: " + statement.ToString().substr(0, 40),
                  statement.position);
  }
  throw Error(ErrorKind::kInternal, "unknown statement kind", statement.position);
}

}  // namespace dq
