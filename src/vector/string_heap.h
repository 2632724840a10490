// StringHeap: an arena that owns the bytes of long strings referenced by StringViews.
// Vectors keep their heap alive through a shared pointer, so a StringView copied into another
// vector stays valid as long as that vector also holds the heap (see Vector::KeepAlive).
#pragma once

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "vector/string_view.h"

namespace dq {

class StringHeap {
 public:
  // Copies `text` and returns a view of the copy (inline when short, then nothing is stored).
  StringView Add(std::string_view text) {
    if (text.size() <= StringView::kInlineLength) return StringView(text);
    char* copy = Allocate(text.size());
    std::memcpy(copy, text.data(), text.size());
    return StringView(copy, static_cast<uint32_t>(text.size()));
  }
  // Returns writable space for `size` bytes, valid for the heap's lifetime.
  char* Allocate(size_t size) {
    if (size > kBlockSize / 4) {
      large_.emplace_back(new char[size]);
      return large_.back().get();
    }
    if (blocks_.empty() || used_ + size > kBlockSize) {
      blocks_.emplace_back(new char[kBlockSize]);
      used_ = 0;
    }
    char* result = blocks_.back().get() + used_;
    used_ += size;
    return result;
  }
  size_t AllocatedBytes() const { return blocks_.size() * kBlockSize; }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::unique_ptr<char[]>> large_;
  size_t used_ = 0;
};

}  // namespace dq
