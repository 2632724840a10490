// Runs sqllogictest SQL on a fresh temporary warehouse through the public embedded API.
#pragma once

#include <memory>
#include <string>

#include "deepquery/deepquery.h"
#include "slt_file_runner.h"
#include "temporary_directory.h"

namespace deepquery::tools {

// Owns a temporary warehouse, its Database and one Connection. One thread at a time.
class ConnectionExecutor : public SltExecutor {
 public:
  // On failure, `error` is set and the object must not be used.
  ConnectionExecutor(int threads, std::string* error);
  ~ConnectionExecutor() override;

  SltOutcome Execute(const std::string& sql) override;
  void SetSetting(const std::string& name, const std::string& value) override;

 private:
  TemporaryDirectory directory_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace deepquery::tools
