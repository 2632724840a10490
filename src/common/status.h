// Status and Result<T>: expected failures as values (I/O, file decoding, catalog files).
//
// A Status is cheap when OK (a null pointer). Result<T> holds either a value or a non-OK
// Status. Both are [[nodiscard]]: an ignored failure is a compile warning.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "common/error.h"

namespace dq {

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status Make(ErrorKind kind, std::string message) { return Status(kind, std::move(message)); }
  static Status IoError(std::string message) { return Status(ErrorKind::kIo, std::move(message)); }
  static Status Corruption(std::string message) {
    return Status(ErrorKind::kCorruption, std::move(message));
  }
  static Status InvalidInput(std::string message) {
    return Status(ErrorKind::kInvalidInput, std::move(message));
  }
  static Status NotSupported(std::string message) {
    return Status(ErrorKind::kNotSupported, std::move(message));
  }

  bool ok() const { return state_ == nullptr; }
  ErrorKind kind() const { return state_ ? state_->kind : ErrorKind::kInternal; }
  const std::string& message() const;
  std::string ToString() const { return ok() ? "OK" : message(); }

  // Converts a failure into a thrown Error (used at the boundary into query execution).
  void ThrowIfError() const {
    if (!ok()) throw Error(state_->kind, state_->message);
  }

 private:
  struct State {
    ErrorKind kind;
    std::string message;
  };
  Status(ErrorKind kind, std::string message)
      : state_(std::make_shared<State>(State{kind, std::move(message)})) {}
  std::shared_ptr<const State> state_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {    // NOLINT: implicit by design
    DQ_CHECK(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    DQ_CHECK(ok());
    return *value_;
  }
  T&& value() && {
    DQ_CHECK(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  T* operator->() { return &value(); }
  // Returns the value or throws the failure as an Error.
  T ValueOrThrow() && {
    status_.ThrowIfError();
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace dq

// Returns early from a function returning Status/Result when `expr` fails.
#define DQ_RETURN_IF_ERROR(expr)        \
  do {                                  \
    ::dq::Status _dq_status = (expr);   \
    if (!_dq_status.ok()) return _dq_status; \
  } while (0)

#define DQ_CONCAT_INNER(a, b) a##b
#define DQ_CONCAT(a, b) DQ_CONCAT_INNER(a, b)
// DQ_ASSIGN_OR_RETURN(auto x, MakeX()); assigns the value or returns the failure.
#define DQ_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto DQ_CONCAT(_dq_result_, __LINE__) = (expr);                        \
  if (!DQ_CONCAT(_dq_result_, __LINE__).ok())                            \
    return DQ_CONCAT(_dq_result_, __LINE__).status();                    \
  lhs = std::move(DQ_CONCAT(_dq_result_, __LINE__)).value()
