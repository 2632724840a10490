// CREATE MODEL refuses a model file larger than it can parse in memory, before reading it, and
// creates nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "deepquery/deepquery.h"

namespace {

TEST(ModelSizeLimitTest, OversizedFileIsRejectedBeforeReading) {
  char pattern[] = "/tmp/deepquery_model_size_XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  std::string directory = pattern;
  std::string path = directory + "/huge.onnx";
  { std::ofstream file(path); }
  // A sparse file: no disk space is used, and it is never read.
  std::filesystem::resize_file(path, (uint64_t{1} << 31) + 4096);
  {
    auto opened = deepquery::Database::Open(directory + "/warehouse");
    ASSERT_TRUE(opened.ok()) << opened.error_message;
    auto connection = opened.database->Connect();
    auto result = connection->Query("CREATE MODEL m OPTIONS(model_type = 'ONNX', model_path = '" +
                                     path + "')");
    ASSERT_FALSE(result->ok());
    EXPECT_THAT(result->error_message(), ::testing::HasSubstr("models up to"));
    EXPECT_THAT(result->error_message(), ::testing::HasSubstr("huge.onnx is 2048.0 MiB"));
    auto models = connection->Query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.MODELS");
    ASSERT_TRUE(models->ok());
    EXPECT_EQ(models->GetString(0, 0), "0");
  }
  std::filesystem::remove_all(directory);
}

}  // namespace
