#include "slt_value.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(SltValueTest, NullIsNullForEveryType) {
  EXPECT_EQ(RenderSltValue(SltValue::Null(), 'I'), "NULL");
  EXPECT_EQ(RenderSltValue(SltValue::Null(), 'R'), "NULL");
  EXPECT_EQ(RenderSltValue(SltValue::Null(), 'T'), "NULL");
}

TEST(SltValueTest, IntegerColumns) {
  EXPECT_EQ(RenderSltValue(SltValue::Integer(-42), 'I'), "-42");
  EXPECT_EQ(RenderSltValue(SltValue::Real(2.7), 'I'), "2");
  EXPECT_EQ(RenderSltValue(SltValue::Real(-2.7), 'I'), "-2");
  EXPECT_EQ(RenderSltValue(SltValue::Text("12abc"), 'I'), "12");
  EXPECT_EQ(RenderSltValue(SltValue::Text(" -7"), 'I'), "-7");
  EXPECT_EQ(RenderSltValue(SltValue::Text("abc"), 'I'), "0");
  EXPECT_EQ(RenderSltValue(SltValue::Text("3.9"), 'I'), "3");
  EXPECT_EQ(RenderSltValue(SltValue::Bool(true), 'I'), "1");
  EXPECT_EQ(RenderSltValue(SltValue::Real(1e300), 'I'), "9223372036854775807");
}

TEST(SltValueTest, RealColumns) {
  EXPECT_EQ(RenderSltValue(SltValue::Real(1.5), 'R'), "1.500");
  EXPECT_EQ(RenderSltValue(SltValue::Real(-1.0 / 3), 'R'), "-0.333");
  EXPECT_EQ(RenderSltValue(SltValue::Integer(7), 'R'), "7.000");
  EXPECT_EQ(RenderSltValue(SltValue::Text("2.25"), 'R'), "2.250");
  EXPECT_EQ(RenderSltValue(SltValue::Text("x"), 'R'), "0.000");
}

TEST(SltValueTest, TextColumns) {
  EXPECT_EQ(RenderSltValue(SltValue::Text("hello world"), 'T'), "hello world");
  EXPECT_EQ(RenderSltValue(SltValue::Text(""), 'T'), "(empty)");
  EXPECT_EQ(RenderSltValue(SltValue::Text("a\tb\n"), 'T'), "a@b@");
  EXPECT_EQ(RenderSltValue(SltValue::Text("caf\xc3\xa9"), 'T'), "caf@@");
  EXPECT_EQ(RenderSltValue(SltValue::Integer(5), 'T'), "5");
  EXPECT_EQ(RenderSltValue(SltValue::Bool(false), 'T'), "false");
}

}  // namespace
}  // namespace deepquery::tools
