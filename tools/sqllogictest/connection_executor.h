// Runs sqllogictest SQL on a fresh temporary warehouse through the public embedded API.
#pragma once

#include <memory>
#include <string>

#include "deepquery/deepquery.h"
#include "slt_file_runner.h"

namespace deepquery::tools {

// A directory made with mkdtemp under $TMPDIR (or /tmp), deleted with its contents when the
// object is destroyed.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  // Empty when the directory could not be created.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

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
