// SelectionVector: a list of row indices into a vector or chunk. Filters produce one instead
// of copying rows; dictionary vectors use one to map their rows to dictionary entries.
// An unset selection vector is the identity (row i -> i).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace dq {

using sel_t = uint32_t;

class SelectionVector {
 public:
  SelectionVector() = default;
  // Allocates room for `capacity` indices (contents undefined until set).
  explicit SelectionVector(size_t capacity)
      : buffer_(std::make_shared<std::vector<sel_t>>(capacity)), data_(buffer_->data()) {}

  bool IsSet() const { return data_ != nullptr; }
  sel_t get_index(size_t row) const { return data_ ? data_[row] : static_cast<sel_t>(row); }
  void set_index(size_t row, sel_t index) { data_[row] = index; }
  sel_t* data() { return data_; }
  const sel_t* data() const { return data_; }

  // Returns this ∘ inner: row i -> inner[this[i]]... precisely, the selection that maps row i to
  // `inner.get_index(get_index(i))`, for the first `count` rows.
  SelectionVector Compose(const SelectionVector& inner, size_t count) const {
    SelectionVector result(count);
    for (size_t row = 0; row < count; ++row) result.data_[row] = inner.get_index(get_index(row));
    return result;
  }

 private:
  std::shared_ptr<std::vector<sel_t>> buffer_;
  sel_t* data_ = nullptr;
};

}  // namespace dq
