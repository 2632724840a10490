// Parity with PyTorch: every reference model in tests/data/ml (made by
// scripts/make_test_models.py) runs on the fixture inputs and must match PyTorch's outputs
// (ONNX's numpy reference for rnn_reference.onnx) within 1e-4 relative (plus 1e-5 absolute).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "ml/model.h"
#include "test_tensor_file.h"

namespace dq::ml {
namespace {

// Steps of text_encoder.onnx after optimization (16 fewer without layer-norm fusion).
constexpr size_t kTextEncoderSteps = 46;

using testing::ReadFileBytes;
using testing::ReadTensorFile;
using testing::TestDataPath;

std::shared_ptr<const Model> LoadModel(const std::string& file) {
  auto model = Model::Load(ReadFileBytes(TestDataPath(file)));
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? *model : nullptr;
}

void ExpectClose(const Tensor& expected, const Tensor& actual, const std::string& label) {
  ASSERT_EQ(expected.shape(), actual.shape()) << label;
  ASSERT_EQ(actual.type(), expected.type()) << label;
  if (actual.type() == ElementType::kInt64) {  // labels, positions: exact
    for (int64_t index = 0; index < expected.element_count(); ++index) {
      ASSERT_EQ(expected.int64s()[index], actual.int64s()[index]) << label << " element " << index;
    }
    std::printf("[parity] %s: %lld INT64 values equal\n", label.c_str(),
                static_cast<long long>(expected.element_count()));
    return;
  }
  double worst = 0;
  for (int64_t index = 0; index < expected.element_count(); ++index) {
    float want = expected.floats()[index];
    float got = actual.floats()[index];
    double tolerance = 1e-4 * std::fabs(want) + 1e-5;
    ASSERT_LE(std::fabs(want - got), tolerance)
        << label << " element " << index << ": PyTorch " << want << ", ours " << got;
    worst = std::max(worst, std::fabs(want - got) / (std::fabs(want) + 1e-5));
  }
  std::printf("[parity] %s: worst relative error %.2e over %lld values\n", label.c_str(), worst,
              static_cast<long long>(expected.element_count()));
}

// Runs every case of `model_file` through one session (so shape plans are cached and reused)
// and compares all outputs; runs the cases twice to check reuse gives the same answers.
void CheckParity(const std::string& model_file, const std::string& cases_file, int case_count) {
  auto model = LoadModel(model_file);
  ASSERT_NE(model, nullptr);
  auto tensors = ReadTensorFile(TestDataPath(cases_file));
  ASSERT_FALSE(tensors.empty()) << cases_file;
  auto session = model->NewSession();
  for (int round = 0; round < 2; ++round) {
    for (int index = 0; index < case_count; ++index) {
      std::string prefix = "case" + std::to_string(index) + "/";
      std::vector<Tensor> inputs;
      for (const auto& info : model->inputs()) {
        auto found = tensors.find(prefix + "input/" + info.name);
        ASSERT_NE(found, tensors.end()) << prefix << info.name;
        inputs.push_back(found->second);
      }
      std::vector<Tensor> outputs;
      Status status = session->Run(inputs, &outputs);
      ASSERT_TRUE(status.ok()) << status.ToString();
      ASSERT_EQ(outputs.size(), model->outputs().size());
      for (size_t position = 0; position < outputs.size(); ++position) {
        const std::string& name = model->outputs()[position].name;
        auto found = tensors.find(prefix + "output/" + name);
        ASSERT_NE(found, tensors.end()) << prefix << name;
        ExpectClose(found->second, outputs[position], model_file + " " + prefix + name);
      }
    }
  }
}

TEST(ModelParityTest, MlpMatchesPyTorch) {
  CheckParity("mlp.onnx", "mlp.cases.bin", 3);
}

TEST(ModelParityTest, CnnMatchesPyTorch) {
  CheckParity("cnn.onnx", "cnn.cases.bin", 3);
}

// MobileNet-style blocks: depthwise convolutions (group = channels), ReLU6 as Clip, hardswish
// and hardsigmoid, squeeze-and-excitation scaling, a strided block and a residual add.
TEST(ModelParityTest, MobileNetBlocksMatchPyTorch) {
  CheckParity("mobilenet.onnx", "mobilenet.cases.bin", 3);
}

// 1-D convolutions and pooling over sensor windows (run as 2-D over a unit height): padding,
// dilation, stride, MaxPool1d, AvgPool1d, global average pooling over [N, C, L].
TEST(ModelParityTest, SensorCnnMatchesPyTorch) {
  CheckParity("sensor_cnn.onnx", "sensor_cnn.cases.bin", 3);
}

// A text classifier with an attention mask: Range positions, masked_fill (Equal -> Where with
// broadcasting over heads), Expand, masked mean pooling, and ArgMax labels (INT64, exact).
TEST(ModelParityTest, TextClassifierWithMaskMatchesPyTorch) {
  CheckParity("text_classifier.onnx", "text_classifier.cases.bin", 3);
}

// A 1-D convolutional autoencoder: ConvTranspose1d decoder layers (one with output_padding).
TEST(ModelParityTest, SensorAutoencoderMatchesPyTorch) {
  CheckParity("sensor_autoencoder.onnx", "sensor_autoencoder.cases.bin", 3);
}

// GroupNorm (InstanceNormalization between Reshapes), SiLU, a strided ConvTranspose2d and an
// affine InstanceNorm2d.
TEST(ModelParityTest, ImageDecoderMatchesPyTorch) {
  CheckParity("image_decoder.onnx", "image_decoder.cases.bin", 3);
}

// F.interpolate exports: Resize nearest (asymmetric, floor) by scale and by size, bilinear
// (half_pixel) to a size, bilinear with align_corners.
TEST(ModelParityTest, UpsamplerMatchesPyTorch) {
  CheckParity("upsampler.onnx", "upsampler.cases.bin", 2);
}

// Opset 18 and 20 forms (which libonnx 1.12's checker does not know, so DeepQuery checks them
// alone): axes as reduction inputs, GroupNormalization, Mish, Split's num_outputs, Resize's
// axes, Gelu. References: numpy renderings of the ONNX spec, and PyTorch for Gelu.
TEST(ModelParityTest, Opset18OperatorsMatchTheSpec) {
  CheckParity("opset18_ops.onnx", "opset18_ops.cases.bin", 3);
  CheckParity("opset20_gelu.onnx", "opset20_gelu.cases.bin", 1);
}

// Model-local functions are inlined at import: attribute references, a function calling
// another, the calls' node names as prefixes.
TEST(ModelParityTest, LocalFunctionsAreInlined) {
  CheckParity("local_functions.onnx", "local_functions.cases.bin", 1);
  auto model = LoadModel("local_functions.onnx");
  ASSERT_NE(model, nullptr);
  EXPECT_GE(model->step_count(), 4u);  // Mul, Relu / Mul, Relu, Add (Constants folded)
}

// torch.cumsum, torch.gather, torch.triu and F.one_hot as PyTorch exports them.
TEST(ModelParityTest, IndexOperatorsMatchPyTorch) {
  CheckParity("index_ops.onnx", "index_ops.cases.bin", 2);
}

TEST(ModelParityTest, TextEncoderMatchesPyTorch) {
  CheckParity("text_encoder.onnx", "text_encoder.cases.bin", 3);
}

TEST(ModelParityTest, ConvBatchNormReluMatchesPyTorch) {
  CheckParity("conv_bn.onnx", "conv_bn.cases.bin", 2);
  // BatchNormalization folds into the Conv and the Relu fuses: one step.
  auto model = LoadModel("conv_bn.onnx");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->step_count(), 1u);
}

TEST(ModelParityTest, TextEncoderLayerNormsAreFused) {
  // Each of the two exported LayerNorms (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div,
  // Mul, Add) runs as one LayerNormalization step; the outputs still match PyTorch's.
  auto encoder = LoadModel("text_encoder.onnx");
  ASSERT_NE(encoder, nullptr);
  EXPECT_EQ(encoder->step_count(), kTextEncoderSteps);
}

TEST(ModelParityTest, LstmForecasterMatchesPyTorch) {
  // Two stacked LSTM nodes (Y feeds the next layer, the head reads Y_h).
  CheckParity("lstm_forecaster.onnx", "lstm_forecaster.cases.bin", 3);
}

TEST(ModelParityTest, RnnEncoderMatchesPyTorch) {
  // Bidirectional GRU (linear_before_reset, two layers) and bidirectional LSTM: Y, Y_h, Y_c.
  CheckParity("rnn_encoder.onnx", "rnn_encoder.cases.bin", 3);
}

TEST(ModelParityTest, RecurrentMatchesOnnxReference) {
  // Paths PyTorch does not export: LSTM peepholes with initial states, GRU with
  // linear_before_reset = 0; expected values from ONNX's numpy reference.
  CheckParity("rnn_reference.onnx", "rnn_reference.cases.bin", 1);
}

TEST(ModelParityTest, DescribesInputsAndOutputs) {
  auto model = LoadModel("mlp.onnx");
  ASSERT_NE(model, nullptr);
  ASSERT_EQ(model->inputs().size(), 1u);
  EXPECT_EQ(model->inputs()[0].name, "features");
  EXPECT_EQ(model->inputs()[0].type, ElementType::kFloat32);
  EXPECT_EQ(model->inputs()[0].shape, (std::vector<int64_t>{-1, 4}));
  ASSERT_EQ(model->outputs().size(), 2u);
  EXPECT_EQ(model->outputs()[0].name, "logits");
  EXPECT_EQ(model->outputs()[1].name, "probabilities");
  EXPECT_EQ(model->outputs()[1].shape, (std::vector<int64_t>{-1, 3}));
  EXPECT_EQ(model->Describe(),
            "input features FLOAT32 [-1, 4]\n"
            "output logits FLOAT32 [-1, 3]\n"
            "output probabilities FLOAT32 [-1, 3]\n");

  auto encoder = LoadModel("text_encoder.onnx");
  ASSERT_NE(encoder, nullptr);
  EXPECT_EQ(encoder->inputs()[0].type, ElementType::kInt64);
  EXPECT_EQ(encoder->inputs()[0].shape, (std::vector<int64_t>{-1, 8}));
  EXPECT_EQ(encoder->outputs()[0].shape, (std::vector<int64_t>{-1, 16}));
}

TEST(ModelParityTest, FusionShrinksTheMlp) {
  // 3 Gemm + 2 Relu + Softmax: each Relu fuses into its Gemm.
  auto model = LoadModel("mlp.onnx");
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(model->step_count(), 4u);
}

TEST(ModelParityTest, SessionsAreIndependent) {
  auto model = LoadModel("mlp.onnx");
  ASSERT_NE(model, nullptr);
  auto first = model->NewSession();
  auto second = model->NewSession();
  Tensor input(ElementType::kFloat32, {2, 4});
  for (int64_t index = 0; index < 8; ++index) input.floats()[index] = 0.5f * index;
  std::vector<Tensor> first_outputs, second_outputs;
  ASSERT_TRUE(first->Run({input}, &first_outputs).ok());
  ASSERT_TRUE(second->Run({input}, &second_outputs).ok());
  for (int64_t index = 0; index < 6; ++index) {
    EXPECT_EQ(first_outputs[1].floats()[index], second_outputs[1].floats()[index]);
  }
}

}  // namespace
}  // namespace dq::ml
