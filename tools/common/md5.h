// MD5 message digest (RFC 1321), used by the sqllogictest runner to hash result values the
// way the reference harness does. Not for security purposes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace deepquery::tools {

// Incremental MD5: Update() any number of times, then HexDigest() once.
// Not thread-safe; one object per digest.
class Md5 {
 public:
  Md5();

  void Update(std::string_view data);
  // Finishes the digest and returns it as 32 lowercase hex digits.
  // REQUIRES: called at most once; no Update() afterwards.
  std::string HexDigest();

 private:
  void ProcessBlock(const uint8_t* block);

  std::array<uint32_t, 4> state_;
  std::array<uint8_t, 64> buffer_;
  uint64_t total_bytes_ = 0;
};

// Convenience: the hex MD5 of `data`.
std::string Md5Hex(std::string_view data);

}  // namespace deepquery::tools
