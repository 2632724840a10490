// ValidityMask: one bit per row, 1 = valid (not NULL). An unallocated mask means every row is
// valid, so the common no-NULL case costs nothing. Bits are packed into 64-bit words; the mask
// owns its words through a shared pointer so vectors referencing each other can share it
// (copy-on-write is the caller's job: call EnsureWritable before SetInvalid on a shared mask).
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace dq {

class ValidityMask {
 public:
  static constexpr size_t kBitsPerWord = 64;
  static size_t WordCount(size_t rows) { return (rows + kBitsPerWord - 1) / kBitsPerWord; }

  bool AllValid() const { return words_ == nullptr; }
  // Rows past the allocated words were never set invalid (words grow only up to the last
  // row written), so they are valid.
  bool RowIsValid(size_t row) const {
    if (!words_) return true;
    size_t word = row / kBitsPerWord;
    if (word >= words_->size()) return true;
    return ((*words_)[word] >> (row % kBitsPerWord)) & 1;
  }
  void SetInvalid(size_t row) {
    EnsureAllocated(row + 1);
    (*words_)[row / kBitsPerWord] &= ~(uint64_t{1} << (row % kBitsPerWord));
  }
  void SetValid(size_t row) {
    if (!words_) return;
    EnsureAllocated(row + 1);
    (*words_)[row / kBitsPerWord] |= uint64_t{1} << (row % kBitsPerWord);
  }
  void Set(size_t row, bool valid) {
    if (valid) SetValid(row);
    else SetInvalid(row);
  }
  // Back to "all valid" without freeing shared words of others.
  void Reset() { words_.reset(); }
  // Makes this mask exclusively owned (copying shared words) and able to hold `rows` bits.
  void EnsureWritable(size_t rows) {
    if (words_ && words_.use_count() > 1) words_ = std::make_shared<std::vector<uint64_t>>(*words_);
    if (words_) EnsureAllocated(rows);
  }
  // Raw words for fast paths; null when all valid.
  const uint64_t* words() const { return words_ ? words_->data() : nullptr; }
  // Number of invalid rows among the first `count`.
  size_t CountInvalid(size_t count) const {
    if (!words_) return 0;
    size_t invalid = 0;
    for (size_t row = 0; row < count; ++row) invalid += RowIsValid(row) ? 0 : 1;
    return invalid;
  }

 private:
  void EnsureAllocated(size_t rows) {
    size_t needed = WordCount(rows < 2048 ? 2048 : rows);
    if (!words_) {
      words_ = std::make_shared<std::vector<uint64_t>>(needed, ~uint64_t{0});
    } else if (words_->size() < needed) {
      words_->resize(needed, ~uint64_t{0});
    }
  }

  std::shared_ptr<std::vector<uint64_t>> words_;
};

}  // namespace dq
