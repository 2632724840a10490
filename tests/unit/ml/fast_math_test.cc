#include "ml/kernels/fast_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace dq::ml {
namespace {

TEST(FastMathTest, ExpWithinTwoUlpsOverTheNormalRange) {
  for (float x = -87.0f; x <= 88.0f; x += 0.0137f) {
    float expected = std::exp(x);
    float actual = FastExp(x);
    float ulp = std::nextafter(expected, std::numeric_limits<float>::infinity()) - expected;
    ASSERT_LE(std::fabs(actual - expected), 2 * ulp) << "exp(" << x << ")";
  }
  EXPECT_EQ(FastExp(0.0f), 1.0f);
}

TEST(FastMathTest, ExpEdges) {
  EXPECT_EQ(FastExp(-100.0f), 0.0f);
  EXPECT_EQ(FastExp(-std::numeric_limits<float>::infinity()), 0.0f);
  EXPECT_TRUE(std::isinf(FastExp(100.0f)));
  EXPECT_TRUE(std::isinf(FastExp(std::numeric_limits<float>::infinity())));
  EXPECT_TRUE(std::isnan(FastExp(std::numeric_limits<float>::quiet_NaN())));
}

}  // namespace
}  // namespace dq::ml
