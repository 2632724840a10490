// Parity with scikit-learn for the ai.onnx.ml models in tests/data/ml (made by
// scripts/make_classical_models.py): every case runs through one session, labels must equal
// sklearn's predict exactly, and every number must be within 1e-5 relative of sklearn's
// (against max(|expected|, 1e-3), so probabilities near zero are held to 1e-8 absolute).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "ml/model.h"
#include "test_tensor_file.h"

namespace dq::ml {
namespace {

using testing::ReadFileBytes;
using testing::ReadTensorFile;
using testing::TestDataPath;

constexpr double kRelativeTolerance = 1e-5;
constexpr double kSmallestScale = 1e-3;

std::shared_ptr<const Model> LoadModel(const std::string& file) {
  auto model = Model::Load(ReadFileBytes(TestDataPath(file)));
  EXPECT_TRUE(model.ok()) << file << ": " << model.status().ToString();
  return model.ok() ? *model : nullptr;
}

// Returns the worst relative error.
double ExpectClose(const Tensor& expected, const Tensor& actual, const std::string& label) {
  EXPECT_EQ(expected.shape(), actual.shape()) << label;
  EXPECT_EQ(actual.type(), expected.type()) << label;
  if (expected.shape() != actual.shape() || actual.type() != expected.type()) return INFINITY;
  double worst = 0;
  for (int64_t index = 0; index < expected.element_count(); ++index) {
    if (expected.type() == ElementType::kInt64) {
      EXPECT_EQ(expected.int64s()[index], actual.int64s()[index]) << label << " row " << index;
      continue;
    }
    double want = expected.floats()[index];
    double got = actual.floats()[index];
    double error = std::fabs(want - got) / std::max(std::fabs(want), kSmallestScale);
    EXPECT_LE(error, kRelativeTolerance)
        << label << " element " << index << ": sklearn " << want << ", ours " << got;
    worst = std::max(worst, error);
  }
  return worst;
}

// Runs every case of tests/data/ml/<name>.onnx twice through one session and compares all
// outputs with sklearn's.
void CheckParity(const std::string& name) {
  auto model = LoadModel(name + ".onnx");
  ASSERT_NE(model, nullptr);
  auto tensors = ReadTensorFile(TestDataPath(name + ".cases.bin"));
  ASSERT_FALSE(tensors.empty()) << name;
  auto session = model->NewSession();
  double worst = 0;
  int64_t values = 0;
  const std::string first_input = model->inputs().at(0).name;
  for (int round = 0; round < 2; ++round) {
    for (int index = 0; tensors.count("case" + std::to_string(index) + "/input/" + first_input);
         ++index) {
      std::string prefix = "case" + std::to_string(index) + "/";
      std::vector<Tensor> inputs;
      for (const auto& info : model->inputs())
        inputs.push_back(tensors.at(prefix + "input/" + info.name));
      std::vector<Tensor> outputs;
      Status status = session->Run(inputs, &outputs);
      ASSERT_TRUE(status.ok()) << status.ToString();
      ASSERT_EQ(outputs.size(), model->outputs().size());
      for (size_t position = 0; position < outputs.size(); ++position) {
        const std::string& output = model->outputs()[position].name;
        auto found = tensors.find(prefix + "output/" + output);
        ASSERT_NE(found, tensors.end()) << prefix << output;
        worst = std::max(
            worst, ExpectClose(found->second, outputs[position], name + " " + prefix + output));
        values += found->second.element_count();
      }
    }
  }
  std::printf("[parity] %s: worst relative error %.2e over %lld values\n", name.c_str(), worst,
              static_cast<long long>(values));
}

TEST(ClassicalParityTest, RandomForestClassifierWithZipMap) { CheckParity("iris_forest"); }

TEST(ClassicalParityTest, GradientBoostingMulticlass) { CheckParity("iris_boosting"); }

TEST(ClassicalParityTest, GradientBoostingBinaryWithStringLabels) {
  CheckParity("cancer_boosting");
}

TEST(ClassicalParityTest, RandomForestRegressorAverage) { CheckParity("diabetes_forest"); }

TEST(ClassicalParityTest, HistGradientBoostingWithMissingValues) {
  CheckParity("diabetes_hist_boosting");
}

TEST(ClassicalParityTest, LogisticRegressionMultinomial) { CheckParity("iris_logistic"); }

TEST(ClassicalParityTest, LogisticRegressionOneVersusRestNormalized) {
  CheckParity("iris_logistic_ovr");
}

TEST(ClassicalParityTest, ScalerAndBinaryLogisticRegression) { CheckParity("cancer_logistic"); }

TEST(ClassicalParityTest, ScalerAndLinearRegression) { CheckParity("diabetes_linear"); }

TEST(ClassicalParityTest, Preprocessing) { CheckParity("iris_preprocess"); }

// SVC and SVR as skl2onnx converts them; labels and decision values equal scikit-learn's (and
// ONNX Runtime 1.30's, checked when the fixtures were made).
TEST(ClassicalParityTest, SupportVectorClassifierRbfMulticlass) { CheckParity("iris_svm"); }
TEST(ClassicalParityTest, SupportVectorClassifierLinearBinaryWithStringLabels) {
  CheckParity("cancer_svm");
}
TEST(ClassicalParityTest, SupportVectorClassifierPolynomial) { CheckParity("digits_svm"); }
TEST(ClassicalParityTest, SupportVectorRegressorRbf) { CheckParity("diabetes_svr"); }
// LabelEncoder: INT64 codes to STRING names (label indices), FLOAT scores to INT64 buckets.
TEST(ClassicalParityTest, LabelEncoders) {
  CheckParity("label_encoder");
  auto model = LoadModel("label_encoder.onnx");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->outputs()[0].labels.strings,
            (std::vector<std::string>{"low", "mid", "high", "unknown"}));
}

// With probability=True: scores are predict_proba's (libsvm's pairwise coupling).
TEST(ClassicalParityTest, SupportVectorClassifierProbabilities) {
  CheckParity("iris_svm_probability");
  CheckParity("cancer_svm_probability");
}

TEST(ClassicalParityTest, ClassifierOutputsCarryTheirLabels) {
  auto forest = LoadModel("iris_forest.onnx");
  ASSERT_NE(forest, nullptr);
  EXPECT_EQ(forest->Describe(),
            "input features FLOAT32 [-1, 4]\n"
            "output label INT64 [-1]\n"
            "output probabilities MAP<INT64, FLOAT32> [-1, 3]\n");
  EXPECT_EQ(forest->outputs()[0].labels.kind, OutputLabels::Kind::kNone);
  EXPECT_EQ(forest->outputs()[1].labels.kind, OutputLabels::Kind::kLabelMap);
  EXPECT_EQ(forest->outputs()[1].labels.int64s, (std::vector<int64_t>{0, 1, 2}));

  auto boosting = LoadModel("cancer_boosting.onnx");
  ASSERT_NE(boosting, nullptr);
  EXPECT_EQ(boosting->Describe(),
            "input features FLOAT32 [-1, 30]\n"
            "output label STRING [-1]\n"
            "output probabilities MAP<STRING, FLOAT32> [-1, 2]\n");
  std::vector<std::string> classes = {"benign", "malignant"};
  EXPECT_EQ(boosting->outputs()[0].labels.kind, OutputLabels::Kind::kStringLabels);
  EXPECT_EQ(boosting->outputs()[0].labels.strings, classes);
  EXPECT_EQ(boosting->outputs()[1].labels.strings, classes);
}

}  // namespace
}  // namespace dq::ml
