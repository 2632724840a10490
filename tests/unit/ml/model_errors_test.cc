// Bad model files are rejected at Load with a message that names the problem; bad inputs are
// rejected at Run naming the input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "ml/model.h"
#include "test_tensor_file.h"

namespace dq::ml {
namespace {

using ::testing::HasSubstr;
using testing::ReadFileBytes;
using testing::TestDataPath;

Status LoadStatus(std::string_view bytes) {
  auto model = Model::Load(bytes);
  return model.ok() ? Status::OK() : model.status();
}

TEST(ModelErrorsTest, TruncatedFile) {
  std::string bytes = ReadFileBytes(TestDataPath("mlp.onnx"));
  ASSERT_GT(bytes.size(), 100u);
  for (size_t length : {bytes.size() / 2, bytes.size() - 7, size_t{10}}) {
    Status status = LoadStatus(std::string_view(bytes).substr(0, length));
    ASSERT_FALSE(status.ok()) << "length " << length;
    EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
    EXPECT_THAT(status.message(), HasSubstr("Invalid model file")) << status.message();
  }
}

TEST(ModelErrorsTest, RandomBytesAndEmptyInput) {
  std::mt19937 generator(42);
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string bytes(200 + attempt * 37, '\0');
    for (char& byte : bytes) byte = static_cast<char>(generator());
    Status status = LoadStatus(bytes);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
    EXPECT_THAT(status.message(), HasSubstr("Invalid model file")) << status.message();
  }
  Status empty = LoadStatus("");
  EXPECT_THAT(empty.message(), HasSubstr("Invalid model file"));
  Status text = LoadStatus("this is a CSV file,1,2,3\n");
  EXPECT_THAT(text.message(), HasSubstr("Invalid model file"));
}

TEST(ModelErrorsTest, UnsupportedOperatorNamesNodeAndOp) {
  Status status = LoadStatus(ReadFileBytes(TestDataPath("unsupported.onnx")));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(), "Unsupported operator Det in node 'det_1'");
}

TEST(ModelErrorsTest, UnsupportedOpsetAndDataType) {
  Status opset = LoadStatus(ReadFileBytes(TestDataPath("opset6.onnx")));
  EXPECT_EQ(opset.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(opset.message(), "Unsupported opset version 6 (supported: 7 to 20)");
  Status newer = LoadStatus(ReadFileBytes(TestDataPath("opset21.onnx")));
  EXPECT_EQ(newer.message(), "Unsupported opset version 21 (supported: 7 to 20)");
  // Above opset 17 libonnx's checker is skipped; the import still refuses an invalid graph.
  Status redefined = LoadStatus(ReadFileBytes(TestDataPath("opset18_redefined.onnx")));
  EXPECT_EQ(redefined.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(redefined.message(), "Invalid model: node 'second' (Relu) redefines tensor 'y'");
  Status recursive = LoadStatus(ReadFileBytes(TestDataPath("recursive_function.onnx")));
  EXPECT_EQ(recursive.kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(recursive.message(), ::testing::StartsWith(
                                       "Invalid model: function local.Loop calls itself (node "
                                       "'call/Loop_0/Loop_0"));
  Status type = LoadStatus(ReadFileBytes(TestDataPath("double_input.onnx")));
  EXPECT_EQ(type.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(type.message(),
            "Unsupported data type DOUBLE for tensor 'x' (supported: FLOAT, INT64)");
}

class ModelRunErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto model = Model::Load(ReadFileBytes(TestDataPath("mlp.onnx")));
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = *model;
    session_ = model_->NewSession();
  }
  std::shared_ptr<const Model> model_;
  std::unique_ptr<ModelSession> session_;
};

TEST_F(ModelRunErrorsTest, WrongInputShape) {
  std::vector<Tensor> outputs;
  Status status = session_->Run({Tensor(ElementType::kFloat32, {3, 5})}, &outputs);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(),
            "Model input 'features' expects FLOAT32 [-1, 4], got FLOAT32 [3, 5]");
  status = session_->Run({Tensor(ElementType::kFloat32, {4})}, &outputs);
  EXPECT_THAT(status.message(), HasSubstr("got FLOAT32 [4]"));
}

TEST_F(ModelRunErrorsTest, WrongInputTypeAndCount) {
  std::vector<Tensor> outputs;
  Status status = session_->Run({Tensor(ElementType::kInt64, {3, 4})}, &outputs);
  EXPECT_EQ(status.message(), "Model input 'features' expects FLOAT32 [-1, 4], got INT64 [3, 4]");
  status = session_->Run({}, &outputs);
  EXPECT_EQ(status.message(), "Model expects 1 inputs, got 0");
  // The session still works after errors.
  EXPECT_TRUE(session_->Run({Tensor(ElementType::kFloat32, {3, 4})}, &outputs).ok());
  EXPECT_EQ(outputs[0].shape(), (std::vector<int64_t>{3, 4 - 1}));
}

TEST(ModelErrorsTest, OutOfRangeTokenIdIsAnInputError) {
  auto model = Model::Load(ReadFileBytes(TestDataPath("text_encoder.onnx")));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = (*model)->NewSession();
  Tensor tokens(ElementType::kInt64, {2, 8});
  tokens.int64s()[5] = 50;  // vocabulary is 50
  std::vector<Tensor> outputs;
  Status status = session->Run({tokens}, &outputs);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("index 50 is out of range [-50, 50)"));
}

TEST(ModelErrorsTest, ZeroRowBatch) {
  auto model = Model::Load(ReadFileBytes(TestDataPath("cnn.onnx")));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = (*model)->NewSession();
  std::vector<Tensor> outputs;
  Status status = session->Run({Tensor(ElementType::kFloat32, {0, 1, 8, 8})}, &outputs);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(outputs[0].shape(), (std::vector<int64_t>{0, 10}));
}

}  // namespace
}  // namespace dq::ml
