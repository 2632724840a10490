#include "cli_options.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(CliOptionsTest, WarehouseDefaults) {
  CliOptions options;
  std::string error;
  ASSERT_TRUE(ParseCliOptions({}, nullptr, &options, &error));
  EXPECT_EQ(options.warehouse, "warehouse");
  options = {};
  ASSERT_TRUE(ParseCliOptions({}, "/data/home", &options, &error));
  EXPECT_EQ(options.warehouse, "/data/home");
  options = {};
  ASSERT_TRUE(ParseCliOptions({"mine"}, "/data/home", &options, &error));
  EXPECT_EQ(options.warehouse, "mine");
}

TEST(CliOptionsTest, ParsesOptions) {
  CliOptions options;
  std::string error;
  ASSERT_TRUE(ParseCliOptions({"-c", "SELECT 1", "-f", "a.sql", "--format", "json", "--threads",
                               "3", "--no-timing", "--keep-going", "--max-rows", "10", "wh"},
                              nullptr, &options, &error))
      << error;
  ASSERT_EQ(options.inputs.size(), 2u);
  EXPECT_FALSE(options.inputs[0].is_file);
  EXPECT_EQ(options.inputs[0].text, "SELECT 1");
  EXPECT_TRUE(options.inputs[1].is_file);
  EXPECT_EQ(options.format, OutputFormat::kJson);
  EXPECT_EQ(options.threads, 3);
  EXPECT_FALSE(options.timing);
  EXPECT_TRUE(options.keep_going);
  EXPECT_EQ(options.max_rows, 10u);
  EXPECT_EQ(options.warehouse, "wh");
}

TEST(CliOptionsTest, RejectsBadOptions) {
  CliOptions options;
  std::string error;
  EXPECT_FALSE(ParseCliOptions({"--format", "xml"}, nullptr, &options, &error));
  EXPECT_FALSE(ParseCliOptions({"-c"}, nullptr, &options, &error));
  EXPECT_FALSE(ParseCliOptions({"--threads", "-1"}, nullptr, &options, &error));
  EXPECT_FALSE(ParseCliOptions({"a", "b"}, nullptr, &options, &error));
  EXPECT_FALSE(ParseCliOptions({"--bogus"}, nullptr, &options, &error));
}

}  // namespace
}  // namespace deepquery::tools
