#include "md5.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

// The test suite of RFC 1321, appendix A.5.
TEST(Md5Test, RfcVectors) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(Md5Hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(Md5Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(Md5Hex("1234567890123456789012345678901234567890123456789012345678901234567890123456"
                   "7890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5Test, IncrementalUpdatesMatchOneShot) {
  std::string text;
  for (int index = 0; index < 1000; ++index) text += static_cast<char>('a' + index % 26);
  Md5 md5;
  for (size_t begin = 0; begin < text.size(); begin += 7) md5.Update(text.substr(begin, 7));
  EXPECT_EQ(md5.HexDigest(), Md5Hex(text));
}

}  // namespace
}  // namespace deepquery::tools
