// ClientContext: one connection's session: its settings and the statement currently running.
// Query() parses a text of one or more statements, runs them in order and turns every thrown
// dq::Error into a QueryResult (the single boundary where query errors become values).
//
// Thread-safety: Query() from one thread at a time; Interrupt() and Progress() from any thread.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "main/database_instance.h"
#include "main/query_result.h"
#include "plan/binder.h"
#include "sql/ast.h"

namespace dq {

class ClientContext {
 public:
  explicit ClientContext(std::shared_ptr<DatabaseInstance> database)
      : database_(std::move(database)) {}

  std::unique_ptr<QueryResult> Query(std::string_view sql,
                                     const std::map<std::string, Value>& parameters = {});
  void Interrupt();
  double Progress() const;
  // Session settings: time_zone (the default zone of TIMESTAMP conversions, a name such as
  // "America/Los_Angeles" or an offset "+05:30"; UTC initially; `SET @@time_zone = '...'`);
  // and, for running the SQLite sqllogictest corpus, integer_division (true/false: INT64 /
  // INT64 truncates, x / 0 is NULL) and sqlite_compatibility (integer_division plus SQLite's
  // set-operation chains).
  void SetSetting(const std::string& name, const std::string& value);

  DatabaseInstance& database() { return *database_; }
  const BinderSettings& binder_settings() const { return settings_; }

 private:
  std::unique_ptr<QueryResult> Execute(const sql::Statement& statement);

  std::shared_ptr<DatabaseInstance> database_;
  BinderSettings settings_;
  bool sqlite_set_operations_ = false;
  mutable std::mutex running_mutex_;
  std::shared_ptr<QueryContext> running_;
};

}  // namespace dq
