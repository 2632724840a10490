#include "storage/integer_encoding.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

namespace dq {
namespace {

std::vector<int64_t> RoundTrip(const std::vector<int64_t>& values, IntEncoding* chosen,
                               size_t* bytes) {
  ByteWriter out;
  *chosen = EncodeIntegers(values.data(), values.size(), out);
  *bytes = out.size();
  ByteReader in(out.bytes());
  std::vector<int64_t> decoded(values.size());
  EXPECT_TRUE(DecodeIntegers(in, values.size(), decoded.data()));
  EXPECT_EQ(in.remaining(), 0u);
  return decoded;
}

struct Case {
  const char* name;
  std::vector<int64_t> values;
  IntEncoding expected;
};

TEST(CompressionTest, EachEncodingWinsOnSuitableDataAndBeatsPlain) {
  std::mt19937_64 random(42);
  const size_t count = 10000;
  std::vector<Case> cases;
  {
    Case small{"small non-negative", {}, IntEncoding::kBitPack};
    for (size_t index = 0; index < count; ++index) small.values.push_back(random() % 1000);
    cases.push_back(small);
  }
  {
    Case offset{"timestamps in a narrow window", {}, IntEncoding::kFrameOfReference};
    for (size_t index = 0; index < count; ++index) {
      offset.values.push_back(1'700'000'000'000'000 + static_cast<int64_t>(random() % 100000));
    }
    cases.push_back(offset);
  }
  {
    Case runs{"long runs of wide values", {}, IntEncoding::kRle};
    for (size_t index = 0; index < count; ++index) {
      runs.values.push_back(static_cast<int64_t>((index / 500) * 0x0123456789ABull));
    }
    cases.push_back(runs);
  }
  {
    Case dictionary{"few distinct wide values", {}, IntEncoding::kDictionary};
    std::vector<int64_t> distinct;
    for (int value = 0; value < 12; ++value) distinct.push_back(static_cast<int64_t>(random()));
    for (size_t index = 0; index < count; ++index) {
      dictionary.values.push_back(distinct[random() % distinct.size()]);
    }
    cases.push_back(dictionary);
  }
  {
    Case plain{"random 64-bit", {}, IntEncoding::kPlain};
    for (size_t index = 0; index < count; ++index) plain.values.push_back(static_cast<int64_t>(random()));
    cases.push_back(plain);
  }
  for (const Case& test_case : cases) {
    IntEncoding chosen;
    size_t bytes;
    EXPECT_EQ(RoundTrip(test_case.values, &chosen, &bytes), test_case.values) << test_case.name;
    EXPECT_EQ(chosen, test_case.expected)
        << test_case.name << ": chose " << IntEncodingName(chosen);
    if (test_case.expected != IntEncoding::kPlain) {
      EXPECT_LT(bytes, count * 8 / 3) << test_case.name;
    }
  }
}

TEST(CompressionTest, EveryEncodingRoundTripsEdgeValues) {
  std::vector<int64_t> values = {0, -1, 1, std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::max(), 5, 5, 5, -7};
  for (int encoding = 0; encoding <= static_cast<int>(IntEncoding::kDictionary); ++encoding) {
    ByteWriter out;
    EncodeIntegersAs(static_cast<IntEncoding>(encoding), values.data(), values.size(), out);
    ByteReader in(out.bytes());
    std::vector<int64_t> decoded(values.size());
    ASSERT_TRUE(DecodeIntegers(in, values.size(), decoded.data())) << encoding;
    EXPECT_EQ(decoded, values) << IntEncodingName(static_cast<IntEncoding>(encoding));
  }
  // Empty and single-value streams.
  IntEncoding chosen;
  size_t bytes;
  EXPECT_TRUE(RoundTrip({}, &chosen, &bytes).empty());
  EXPECT_EQ(RoundTrip({42}, &chosen, &bytes), std::vector<int64_t>{42});
  std::vector<int64_t> constant(5000, -3);
  EXPECT_EQ(RoundTrip(constant, &chosen, &bytes), constant);
  EXPECT_LT(bytes, 32u);
}

TEST(CompressionTest, MalformedStreamsAreRejected) {
  std::vector<int64_t> values = {1, 2, 3, 4, 100, 7};
  ByteWriter out;
  EncodeIntegersAs(IntEncoding::kDictionary, values.data(), values.size(), out);
  std::vector<int64_t> decoded(values.size());
  // Wrong count, truncation, unknown encoding.
  {
    ByteReader in(out.bytes());
    EXPECT_FALSE(DecodeIntegers(in, values.size() + 1, decoded.data()));
  }
  for (size_t cut = 0; cut < out.size(); ++cut) {
    ByteReader in(out.bytes().data(), cut);
    EXPECT_FALSE(DecodeIntegers(in, values.size(), decoded.data())) << cut;
  }
  std::string bad = out.bytes();
  bad[0] = 9;
  ByteReader in(bad);
  EXPECT_FALSE(DecodeIntegers(in, values.size(), decoded.data()));
}

}  // namespace
}  // namespace dq
