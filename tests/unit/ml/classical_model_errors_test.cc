// Import errors of classical-ML (ai.onnx.ml) models: each names the node or the problem
// (fixtures from scripts/make_classical_models.py).
#include <gtest/gtest.h>

#include "ml/model.h"
#include "test_tensor_file.h"

namespace dq::ml {
namespace {

using testing::ReadFileBytes;
using testing::TestDataPath;

Status LoadStatus(const std::string& file) {
  auto model = Model::Load(ReadFileBytes(TestDataPath(file)));
  return model.ok() ? Status::OK() : model.status();
}

TEST(ClassicalModelErrorsTest, UnsupportedMlOperatorNamesDomainOpAndNode) {
  Status status = LoadStatus("category_mapper_unsupported.onnx");
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(), "Unsupported operator ai.onnx.ml.CategoryMapper in node 'categories'");
}

TEST(ClassicalModelErrorsTest, UnsupportedMlOpset) {
  // Opset 4 (beyond libonnx's checker) is accepted: it changed only LabelEncoder.
  EXPECT_TRUE(LoadStatus("ml_opset4.onnx").ok());
  Status status = LoadStatus("ml_opset6.onnx");
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(), "Unsupported ai.onnx.ml opset version 6 (supported: 1 to 5)");
}

TEST(ClassicalModelErrorsTest, StringLabelsCanOnlyBeModelOutputs) {
  Status status = LoadStatus("labels_consumed.onnx");
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(),
            "Unsupported model: node 'pick' (ArrayFeatureExtractor) reads output 0 of node "
            "'linear' (LinearClassifier), which holds class labels or a label map (string "
            "tensors and maps can only be model outputs)");
}

TEST(ClassicalModelErrorsTest, WrongFeatureCountAtRun) {
  auto model = Model::Load(ReadFileBytes(TestDataPath("iris_forest.onnx")));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = (*model)->NewSession();
  std::vector<Tensor> outputs;
  Status status = session->Run({Tensor(ElementType::kFloat32, {2, 3})}, &outputs);
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(), "Model input 'features' expects FLOAT32 [-1, 4], got FLOAT32 [2, 3]");
}

}  // namespace
}  // namespace dq::ml
