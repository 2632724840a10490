// ByteWriter / ByteReader: little-endian serialization helpers for the storage formats.
//
// ByteWriter appends to a growable byte string. ByteReader reads from a borrowed byte range
// and never reads past its end: every read returns false on truncation, so decoders of
// on-disk data turn any malformed input into a Corruption status instead of crashing.
// Varints are LEB128 (7 bits per byte, low bits first, at most 10 bytes).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dq {

class ByteWriter {
 public:
  void PutU8(uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void PutU32(uint32_t value) { PutRaw(&value, sizeof(value)); }
  void PutU64(uint64_t value) { PutRaw(&value, sizeof(value)); }
  void PutVarint(uint64_t value) {
    while (value >= 0x80) {
      PutU8(static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    PutU8(static_cast<uint8_t>(value));
  }
  // Varint length followed by the bytes.
  void PutString(std::string_view text) {
    PutVarint(text.size());
    PutRaw(text.data(), text.size());
  }
  void PutRaw(const void* data, size_t size) {
    bytes_.append(static_cast<const char*>(data), size);
  }

  size_t size() const { return bytes_.size(); }
  std::string& bytes() { return bytes_; }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;  // fixed-width values are stored in host order: little-endian only
};

class ByteReader {
 public:
  ByteReader(const char* data, size_t size) : data_(data), size_(size) {}
  explicit ByteReader(std::string_view bytes) : ByteReader(bytes.data(), bytes.size()) {}

  bool GetU8(uint8_t* value) { return GetRaw(value, sizeof(*value)); }
  bool GetU32(uint32_t* value) { return GetRaw(value, sizeof(*value)); }
  bool GetU64(uint64_t* value) { return GetRaw(value, sizeof(*value)); }
  bool GetVarint(uint64_t* value) {
    uint64_t result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      uint8_t byte;
      if (!GetU8(&byte)) return false;
      result |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) {
        *value = result;
        return true;
      }
    }
    return false;
  }
  bool GetString(std::string* text) {
    std::string_view view;
    if (!GetView(&view)) return false;
    text->assign(view);
    return true;
  }
  // Varint length, then a view of that many bytes (valid while the underlying buffer lives).
  bool GetView(std::string_view* view) {
    uint64_t length;
    if (!GetVarint(&length)) return false;
    return GetBytes(length, view);
  }
  bool GetBytes(uint64_t length, std::string_view* view) {
    if (length > remaining()) return false;
    *view = std::string_view(data_ + position_, length);
    position_ += length;
    return true;
  }
  bool GetRaw(void* out, size_t size) {
    if (size > remaining()) return false;
    std::memcpy(out, data_ + position_, size);
    position_ += size;
    return true;
  }

  size_t remaining() const { return size_ - position_; }
  size_t position() const { return position_; }
  const char* current() const { return data_ + position_; }

 private:
  const char* data_;
  size_t size_;
  size_t position_ = 0;
};

}  // namespace dq
