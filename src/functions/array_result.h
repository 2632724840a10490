// Building ARRAY results in scalar kernels: elements are appended to the result's array child
// and each row's ArrayEntry {offset, length} is written when the row is finished.
//
//   ArrayResultBuilder builder(result);
//   for (row ...) {
//     builder.BeginRow();
//     builder.AppendString("a");
//     builder.FinishRow(row);
//   }
//
// REQUIRES: `result` is a flat ARRAY vector owned by the calling kernel. Rows may be skipped
// (e.g. set NULL) between FinishRow calls; a NULL row should still get an empty entry via
// FinishNullRow so that its entry is well defined.
#pragma once

#include <cstdint>
#include <string_view>

#include "vector/vector.h"

namespace dq {

class ArrayResultBuilder {
 public:
  explicit ArrayResultBuilder(Vector& result) : result_(result), size_(result.array_size()) {}

  void BeginRow() { row_begin_ = size_; }

  // Reserves the next element and returns its index in child() (valid until the next append).
  size_t AppendElement() {
    result_.SetArraySize(size_ + 1);
    Vector& elements = result_.array_child();
    elements.validity().SetValid(size_);
    return size_++;
  }
  // Appends a STRING/BYTES/JSON element (copied into the child's heap).
  void AppendString(std::string_view text) {
    size_t index = AppendElement();
    Vector& elements = result_.array_child();
    elements.Data<StringView>()[index] = elements.AddString(text);
  }
  void AppendNull() {
    size_t index = AppendElement();
    result_.array_child().SetNull(index);
  }
  Vector& child() { return result_.array_child(); }

  void FinishRow(size_t row) {
    result_.Data<ArrayEntry>()[row] = ArrayEntry{row_begin_, size_ - row_begin_};
  }
  void FinishNullRow(size_t row) {
    size_ = row_begin_;
    result_.SetArraySize(size_);
    result_.Data<ArrayEntry>()[row] = ArrayEntry{size_, 0};
    result_.SetNull(row);
  }

 private:
  Vector& result_;
  size_t size_;
  size_t row_begin_ = 0;
};

}  // namespace dq
