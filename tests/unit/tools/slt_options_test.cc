#include "slt_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace deepquery::tools {
namespace {

TEST(SltOptionsTest, ParsesAllOptions) {
  SltProgramOptions options;
  std::string error;
  ASSERT_TRUE(
      ParseSltOptions({"--threads", "4", "--jobs", "2", "--verbose", "--stop-on-fail",
                       "--engine-name", "sqlite", "--integer-division", "--max-failures-shown", "3",
                       "--summary-only", "--complete", "a.test", "dir"},
                      &options, &error))
      << error;
  EXPECT_EQ(options.threads, 4);
  EXPECT_EQ(options.jobs, 2);
  EXPECT_TRUE(options.run.verbose);
  EXPECT_TRUE(options.run.stop_on_fail);
  EXPECT_EQ(options.run.engine_name, "sqlite");
  EXPECT_TRUE(options.run.integer_division);
  EXPECT_EQ(options.run.max_failures_shown, 3u);
  EXPECT_TRUE(options.summary_only);
  EXPECT_TRUE(options.run.complete);
  EXPECT_EQ(options.paths, (std::vector<std::string>{"a.test", "dir"}));
}

TEST(SltOptionsTest, RejectsBadInput) {
  SltProgramOptions options;
  std::string error;
  EXPECT_FALSE(ParseSltOptions({}, &options, &error));
  EXPECT_FALSE(ParseSltOptions({"--threads"}, &options, &error));
  EXPECT_FALSE(ParseSltOptions({"--jobs", "0", "x"}, &options, &error));
  EXPECT_FALSE(ParseSltOptions({"--frobnicate", "x"}, &options, &error));
  EXPECT_EQ(error, "unknown option: --frobnicate");
}

TEST(SltOptionsTest, CollectsTestFilesRecursivelyInOrder) {
  namespace fs = std::filesystem;
  const fs::path root =
      fs::temp_directory_path() / ("slt_options_test_" + std::to_string(getpid()));
  fs::create_directories(root / "b");
  fs::create_directories(root / "a");
  for (const char* name : {"b/2.test", "a/1.test", "a/notes.md", "0.test"}) {
    std::ofstream(root / name) << "\n";
  }
  std::vector<std::string> files;
  std::string error;
  ASSERT_TRUE(CollectSltFiles({root.string()}, &files, &error));
  EXPECT_EQ(files,
            (std::vector<std::string>{(root / "0.test").string(), (root / "a/1.test").string(),
                                      (root / "b/2.test").string()}));
  EXPECT_FALSE(CollectSltFiles({(root / "missing").string()}, &files, &error));
  fs::remove_all(root);
}

}  // namespace
}  // namespace deepquery::tools
