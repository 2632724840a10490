// StringView: the 16-byte representation of a STRING/BYTES/JSON value in a vector.
//
// Layout (little-endian x86-64):
//   bytes 0..3   uint32 length
//   length <= 12: bytes 4..15 hold the characters inline (zero padded)
//   length  > 12: bytes 4..7 hold the first 4 characters (a prefix for fast comparisons),
//                 bytes 8..15 a pointer to the full characters, owned by a StringHeap that the
//                 vector holding this view keeps alive.
// Equality checks length and prefix before touching the pointer.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dq {

class StringView {
 public:
  static constexpr uint32_t kInlineLength = 12;

  StringView() { std::memset(static_cast<void*>(this), 0, sizeof(*this)); }
  // Points at `data` (or copies it inline when short). The caller keeps long data alive.
  StringView(const char* data, uint32_t length) {
    std::memset(static_cast<void*>(this), 0, sizeof(*this));
    length_ = length;
    if (length <= kInlineLength) {
      if (length > 0) std::memcpy(InlineChars(), data, length);
    } else {
      std::memcpy(prefix_, data, 4);
      pointer_ = data;
    }
  }
  explicit StringView(std::string_view text)
      : StringView(text.data(), static_cast<uint32_t>(text.size())) {}

  uint32_t size() const { return length_; }
  bool empty() const { return length_ == 0; }
  bool IsInlined() const { return length_ <= kInlineLength; }
  const char* data() const { return IsInlined() ? InlineChars() : pointer_; }
  std::string_view view() const { return std::string_view(data(), length_); }
  std::string str() const { return std::string(data(), length_); }

  bool operator==(const StringView& other) const {
    // Compares length and the first 4 bytes (prefix or inline start) in one 8-byte load.
    uint64_t left_head;
    uint64_t right_head;
    std::memcpy(&left_head, this, 8);
    std::memcpy(&right_head, &other, 8);
    if (left_head != right_head) return false;
    if (IsInlined()) return std::memcmp(rest_, other.rest_, 8) == 0;
    return std::memcmp(pointer_, other.pointer_, length_) == 0;
  }
  bool operator!=(const StringView& other) const { return !(*this == other); }
  // Byte-wise lexicographic order (GoogleSQL orders STRING by code point = UTF-8 bytes).
  int Compare(const StringView& other) const { return view().compare(other.view()); }
  bool operator<(const StringView& other) const { return Compare(other) < 0; }

 private:
  // The inline characters are prefix_ followed by rest_ (bytes 4..15, contiguous).
  char* InlineChars() { return reinterpret_cast<char*>(this) + sizeof(uint32_t); }
  const char* InlineChars() const { return reinterpret_cast<const char*>(this) + sizeof(uint32_t); }

  uint32_t length_;
  char prefix_[4];
  union {
    char rest_[8];
    const char* pointer_;
  };
};

static_assert(sizeof(StringView) == 16, "StringView must stay 16 bytes");

}  // namespace dq
