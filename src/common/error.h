// Errors in DeepQuery.
//
// Two mechanisms, one per situation (see docs/ARCHITECTURE.md, "Errors"):
//
//  * Expected failures of I/O and file decoding (a missing file, a corrupt segment, a bad
//    model) are values: functions return `Status` or `Result<T>` (status.h) and callers check
//    them at once.
//  * A failure that ends the current query (a syntax error, an unknown column, a division by
//    zero in row 812, a cancelled query) is thrown once as `Error` and turned back into a value
//    at a single boundary, the Connection. `Error` carries a kind the user can act on and, where
//    it applies, the byte offset in the SQL text that the Connection renders as `[at L:C]`.
//
// User errors and internal bugs are distinct kinds: `ErrorKind::kInternal` is only for broken
// invariants (see DQ_CHECK below), never for bad input.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace dq {

enum class ErrorKind : uint8_t {
  kSyntax,        // the SQL text does not parse
  kBinding,       // unknown name, wrong type, wrong argument count
  kInvalidInput,  // bad data: cast failure, malformed CSV row, bad model file contents
  kOutOfRange,    // integer overflow, division by zero, index out of bounds
  kCatalog,       // object exists / does not exist
  kIo,            // file system failure
  kCorruption,    // a stored file fails its checksum or format checks
  kNotSupported,  // valid GoogleSQL that this engine does not run yet
  kCancelled,     // the query was cancelled (Ctrl-C, server cancel)
  kOutOfMemory,   // the query exceeded its memory limit
  kInternal,      // a broken invariant: a bug in DeepQuery
};

// A short stable name such as "syntax" or "invalid_input", for APIs and logs.
std::string_view ErrorKindName(ErrorKind kind);

// Sentinel for "no position in the SQL text applies".
inline constexpr int64_t kNoPosition = -1;

class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string message, int64_t position = kNoPosition)
      : kind_(kind), message_(std::move(message)), position_(position) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  // Byte offset into the SQL text, or kNoPosition.
  int64_t position() const { return position_; }
  bool has_position() const { return position_ != kNoPosition; }
  // Attaches a position if the error has none yet (inner positions are more precise).
  void SetPositionIfAbsent(int64_t position) {
    if (position_ == kNoPosition) position_ = position;
  }

  const char* what() const noexcept override { return message_.c_str(); }

 private:
  ErrorKind kind_;
  std::string message_;
  int64_t position_;
};

// Renders a byte offset in `text` as "L:C" (1-based line and column, columns in bytes).
std::string FormatSqlPosition(std::string_view text, int64_t position);

// Throws a kInternal error with file/line context. Used by DQ_CHECK.
[[noreturn]] void ThrowInternal(const char* file, int line, const std::string& message);

}  // namespace dq

// Asserts an internal invariant (never user input). Active in all build types: a broken
// invariant becomes an internal error for the one query, not undefined behaviour.
#define DQ_CHECK(condition)                                                \
  do {                                                                     \
    if (!(condition)) ::dq::ThrowInternal(__FILE__, __LINE__, #condition); \
  } while (0)

// Like DQ_CHECK, printing both sides of a comparison.
#define DQ_CHECK_OP(a, op, b)                                                           \
  do {                                                                                  \
    if (!((a)op(b)))                                                                    \
      ::dq::ThrowInternal(__FILE__, __LINE__,                                           \
                          std::string(#a " " #op " " #b " (") + std::to_string(a) + " vs " + \
                              std::to_string(b) + ")");                                 \
  } while (0)
#define DQ_CHECK_EQ(a, b) DQ_CHECK_OP(a, ==, b)
#define DQ_CHECK_LT(a, b) DQ_CHECK_OP(a, <, b)
#define DQ_CHECK_LE(a, b) DQ_CHECK_OP(a, <=, b)
