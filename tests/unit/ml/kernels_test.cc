// Kernel semantics checked on small hand-made tensors through EvaluateNode (the path constant
// folding uses), against values worked out by hand or by a naive reference loop.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "ml/execution_plan.h"
#include "ml/kernel.h"
#include "test_tensors.h"

namespace dq::ml {
namespace {

using testing::Floats;
using testing::Int64s;
using testing::Int64Values;
using testing::Values;

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

Tensor Iota(std::vector<int64_t> shape) {
  Tensor tensor(ElementType::kFloat32, std::move(shape));
  for (int64_t index = 0; index < tensor.element_count(); ++index) {
    tensor.floats()[index] = static_cast<float>(index % 13) * 0.25f - 1.0f;
  }
  return tensor;
}

class NodeBuilder {
 public:
  NodeBuilder(std::string op_type, int64_t opset = 13) {
    node_.name = "test_node";
    node_.op_type = std::move(op_type);
    node_.opset = opset;
    node_.kernel = FindKernel(node_.op_type);
    node_.outputs = {1000};
  }
  NodeBuilder& Ints(const std::string& name, std::vector<int64_t> values) {
    node_.attributes[name].kind = Attribute::Kind::kInts;
    node_.attributes[name].ints = std::move(values);
    return *this;
  }
  NodeBuilder& Int(const std::string& name, int64_t value) {
    node_.attributes[name].int_value = value;
    return *this;
  }
  NodeBuilder& String(const std::string& name, std::string value) {
    node_.attributes[name].kind = Attribute::Kind::kString;
    node_.attributes[name].string_value = std::move(value);
    return *this;
  }
  NodeBuilder& Float(const std::string& name, float value) {
    node_.attributes[name].kind = Attribute::Kind::kFloat;
    node_.attributes[name].float_value = value;
    return *this;
  }
  NodeBuilder& TensorValue(const std::string& name, Tensor value) {
    node_.attributes[name].kind = Attribute::Kind::kTensor;
    node_.attributes[name].tensor = std::make_shared<Tensor>(std::move(value));
    return *this;
  }
  NodeBuilder& OutputCount(int count) {
    node_.outputs.clear();
    for (int index = 0; index < count; ++index) node_.outputs.push_back(1000 + index);
    return *this;
  }
  // Evaluates on `inputs` (null = omitted); returns every output.
  Result<std::vector<Tensor>> RunAll(std::vector<const Tensor*> inputs) {
    node_.inputs.clear();
    for (size_t index = 0; index < inputs.size(); ++index) {
      node_.inputs.push_back(inputs[index] ? static_cast<int>(index) : kNoValue);
    }
    DQ_ASSIGN_OR_RETURN(auto outputs, EvaluateNode(node_, inputs));
    std::vector<Tensor> result;
    for (const auto& output : outputs) result.push_back(*output);
    return result;
  }
  // Evaluates on `inputs` (null = omitted); returns the first output.
  Result<Tensor> Run(std::vector<const Tensor*> inputs) {
    node_.inputs.clear();
    for (size_t index = 0; index < inputs.size(); ++index) {
      node_.inputs.push_back(inputs[index] ? static_cast<int>(index) : kNoValue);
    }
    EXPECT_NE(node_.kernel, nullptr) << node_.op_type;
    DQ_ASSIGN_OR_RETURN(auto outputs, EvaluateNode(node_, inputs));
    return *outputs[0];
  }
  // Evaluates and returns the output; a failure fails the test and returns an empty tensor.
  Tensor Get(std::vector<const Tensor*> inputs) {
    auto result = Run(std::move(inputs));
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : Tensor();
  }

 private:
  Node node_;
};

TEST(KernelsTest, AddBroadcastsLikeNumpy) {
  Tensor a = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor row = Floats({3}, {10, 20, 30});
  Tensor column = Floats({2, 1}, {100, 200});
  auto sum = NodeBuilder("Add").Run({&a, &row});
  ASSERT_TRUE(sum.ok());
  EXPECT_THAT(Values(*sum), ElementsAreArray(std::vector<float>{11, 22, 33, 14, 25, 36}));
  auto outer = NodeBuilder("Sub").Run({&row, &column});
  ASSERT_TRUE(outer.ok());
  EXPECT_EQ(outer->shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_THAT(Values(*outer), ElementsAreArray(std::vector<float>{-90, -80, -70, -190, -180, -170}));
  Tensor bad = Floats({4}, {1, 2, 3, 4});
  auto error = NodeBuilder("Mul").Run({&a, &bad});
  ASSERT_FALSE(error.ok());
  EXPECT_THAT(error.status().message(),
              HasSubstr("node 'test_node' (Mul): shapes [2, 3] and [4] do not broadcast"));
}

TEST(KernelsTest, MiddleAxisBroadcast) {
  Tensor a = Iota({2, 3, 4});
  Tensor b = Iota({2, 1, 4});
  auto product = NodeBuilder("Mul").Run({&a, &b});
  ASSERT_TRUE(product.ok());
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t k = 0; k < 4; ++k)
        EXPECT_FLOAT_EQ(product->floats()[(i * 3 + j) * 4 + k],
                        a.floats()[(i * 3 + j) * 4 + k] * b.floats()[i * 4 + k]);
}

TEST(KernelsTest, UnaryFunctions) {
  Tensor x = Floats({4}, {-2, -0.5, 0.5, 2});
  EXPECT_THAT(Values(NodeBuilder("Relu").Get({&x})), ElementsAreArray(std::vector<float>{0, 0, 0.5, 2}));
  EXPECT_THAT(Values(NodeBuilder("LeakyRelu").Float("alpha", 0.1f).Get({&x})),
              ElementsAreArray(std::vector<float>{-0.2f, -0.05f, 0.5f, 2.0f}));
  EXPECT_FLOAT_EQ(NodeBuilder("Sigmoid").Get({&x}).floats()[3], 1.0f / (1.0f + std::exp(-2.0f)));
  EXPECT_FLOAT_EQ(NodeBuilder("Erf").Get({&x}).floats()[0], std::erf(-2.0f));
  Tensor low = Floats({}, {-1});
  Tensor high = Floats({}, {1});
  EXPECT_THAT(Values(NodeBuilder("Clip").Get({&x, &low, &high})),
              ElementsAreArray(std::vector<float>{-1, -0.5, 0.5, 1}));
  EXPECT_THAT(Values(NodeBuilder("Clip", 9).Float("min", 0).Float("max", 1).Get({&x})),
              ElementsAreArray(std::vector<float>{0, 0, 0.5, 1}));
  auto cast = NodeBuilder("Cast").Int("to", 7).Get({&x});
  EXPECT_EQ(cast.int64s()[3], 2);
}

TEST(KernelsTest, ErfIsAccurateOverItsRange) {
  // Our vectorizable erf against libm: absolute error < 1e-6 everywhere (a few float ULPs
  // around 1), relative < 1e-5 for the small arguments where erf itself is small.
  std::vector<float> inputs;
  for (float value = -6.0f; value <= 6.0f; value += 0.001f) inputs.push_back(value);
  for (float value : {1e-6f, -1e-6f, 1e-3f, 0.4999f, 0.5f, 0.5001f, 20.0f, -1e30f}) {
    inputs.push_back(value);
  }
  Tensor x = Floats({static_cast<int64_t>(inputs.size())}, inputs);
  Tensor y = NodeBuilder("Erf").Get({&x});
  for (size_t index = 0; index < inputs.size(); ++index) {
    double expected = std::erf(static_cast<double>(inputs[index]));
    double actual = y.floats()[index];
    ASSERT_NEAR(actual, expected, 1e-6) << "erf(" << inputs[index] << ")";
    if (std::fabs(expected) > 1e-9) {
      ASSERT_LT(std::fabs(actual - expected) / std::fabs(expected), 1e-5) << inputs[index];
    }
  }
}

TEST(KernelsTest, HardSigmoidAndHardSwish) {
  Tensor x = Floats({5}, {-4, -3, 0, 1.5f, 4});
  // Defaults alpha 0.2, beta 0.5: 0.2x + 0.5 clamped to [0, 1].
  EXPECT_THAT(Values(NodeBuilder("HardSigmoid").Get({&x})),
              ElementsAreArray(std::vector<float>{0, 0, 0.5f, 0.8f, 1}));
  Tensor sixth = NodeBuilder("HardSigmoid").Float("alpha", 1.0f / 6).Get({&x});
  EXPECT_NEAR(sixth.floats()[3], 0.75f, 1e-6);
  // x * clamp(x / 6 + 0.5, 0, 1).
  EXPECT_THAT(Values(NodeBuilder("HardSwish", 14).Get({&x})),
              ElementsAreArray(std::vector<float>{0, 0, 0, 1.125f, 4}));
}

// BOOL results are INT64 0/1 (tensor.h).
TEST(KernelsTest, ComparisonsAndLogicBroadcast) {
  Tensor a = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor row = Floats({3}, {2, 2, 6});
  EXPECT_THAT(Int64Values(NodeBuilder("Equal").Get({&a, &row})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_THAT(Int64Values(NodeBuilder("Less").Get({&a, &row})),
              ElementsAreArray(std::vector<int64_t>{1, 0, 1, 0, 0, 0}));
  EXPECT_THAT(Int64Values(NodeBuilder("GreaterOrEqual").Get({&a, &row})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 0, 1, 1, 1}));
  Tensor ids = Int64s({2, 2}, {0, 7, 3, 0});
  Tensor zero = Int64s({}, {0});
  Tensor padding = NodeBuilder("Equal").Get({&ids, &zero});
  EXPECT_THAT(Int64Values(padding), ElementsAreArray(std::vector<int64_t>{1, 0, 0, 1}));
  EXPECT_THAT(Int64Values(NodeBuilder("Not").Get({&padding})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 1, 0}));
  Tensor column = Int64s({2, 1}, {1, 0});
  EXPECT_THAT(Int64Values(NodeBuilder("And").Get({&padding, &column})),
              ElementsAreArray(std::vector<int64_t>{1, 0, 0, 0}));
  EXPECT_THAT(Int64Values(NodeBuilder("Or").Get({&padding, &column})),
              ElementsAreArray(std::vector<int64_t>{1, 1, 0, 1}));
  EXPECT_THAT(Int64Values(NodeBuilder("Xor").Get({&padding, &column})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 0, 1}));
  auto mixed = NodeBuilder("Greater").Run({&a, &ids});
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("input types differ"));
  // Cast to BOOL (9): nonzero -> 1.
  Tensor values = Floats({3}, {0, -0.5f, 2});
  EXPECT_THAT(Int64Values(NodeBuilder("Cast").Int("to", 9).Get({&values})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 1}));
}

TEST(KernelsTest, WhereAndExpandBroadcast) {
  // masked_fill: a [2, 1, 3] mask over [2, 2, 3] scores.
  Tensor mask = Int64s({2, 1, 3}, {1, 0, 0, 0, 0, 1});
  Tensor fill = Floats({}, {-100});
  Tensor scores = Floats({2, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  EXPECT_THAT(Values(NodeBuilder("Where").Get({&mask, &fill, &scores})),
              ElementsAreArray(std::vector<float>{-100, 2, 3, -100, 5, 6, 7, 8, -100, 10, 11,
                                                  -100}));
  Tensor ints = Int64s({3}, {5, 6, 7});
  Tensor other = Int64s({1}, {0});
  Tensor choose = Int64s({3}, {0, 1, 0});
  EXPECT_THAT(Int64Values(NodeBuilder("Where").Get({&choose, &ints, &other})),
              ElementsAreArray(std::vector<int64_t>{0, 6, 0}));
  auto mismatched = NodeBuilder("Where").Run({&choose, &ints, &fill});
  ASSERT_FALSE(mismatched.ok());
  EXPECT_THAT(mismatched.status().message(), HasSubstr("x and y types differ"));

  Tensor column = Floats({3, 1}, {1, 2, 3});
  Tensor target = Int64s({3}, {2, 3, 2});
  Tensor expanded = NodeBuilder("Expand").Get({&column, &target});
  EXPECT_EQ(expanded.shape(), (std::vector<int64_t>{2, 3, 2}));
  EXPECT_THAT(Values(expanded),
              ElementsAreArray(std::vector<float>{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
  Tensor bad = Int64s({2}, {4, 2});
  auto not_broadcast = NodeBuilder("Expand").Run({&column, &bad});
  ASSERT_FALSE(not_broadcast.ok());
  EXPECT_THAT(not_broadcast.status().message(), HasSubstr("does not broadcast to [4, 2]"));
}

TEST(KernelsTest, RangeArgMaxAndMinMaxReductions) {
  Tensor start = Int64s({}, {2}), limit = Int64s({}, {9}), delta = Int64s({}, {3});
  EXPECT_THAT(Int64Values(NodeBuilder("Range").Get({&start, &limit, &delta})),
              ElementsAreArray(std::vector<int64_t>{2, 5, 8}));
  Tensor from = Floats({}, {1}), to = Floats({}, {0}), step = Floats({}, {-0.25f});
  EXPECT_THAT(Values(NodeBuilder("Range").Get({&from, &to, &step})),
              ElementsAreArray(std::vector<float>{1, 0.75f, 0.5f, 0.25f}));
  Tensor empty = NodeBuilder("Range").Get({&limit, &start, &delta});
  EXPECT_EQ(empty.shape(), (std::vector<int64_t>{0}));
  Tensor zero_step = Int64s({}, {0});
  auto endless = NodeBuilder("Range").Run({&start, &limit, &zero_step});
  ASSERT_FALSE(endless.ok());
  EXPECT_THAT(endless.status().message(), HasSubstr("delta must not be zero"));

  Tensor x = Floats({2, 3}, {1, 5, 5, 7, 0, 7});
  EXPECT_THAT(Int64Values(NodeBuilder("ArgMax").Int("axis", 1).Int("keepdims", 0).Get({&x})),
              ElementsAreArray(std::vector<int64_t>{1, 0}));
  Tensor last = NodeBuilder("ArgMax").Int("axis", -1).Int("select_last_index", 1).Get({&x});
  EXPECT_EQ(last.shape(), (std::vector<int64_t>{2, 1}));
  EXPECT_THAT(Int64Values(last), ElementsAreArray(std::vector<int64_t>{2, 2}));
  EXPECT_THAT(Int64Values(NodeBuilder("ArgMin").Int("axis", 0).Get({&x})),
              ElementsAreArray(std::vector<int64_t>{0, 1, 0}));
  EXPECT_THAT(Values(NodeBuilder("ReduceMax").Ints("axes", {1}).Int("keepdims", 0).Get({&x})),
              ElementsAreArray(std::vector<float>{5, 7}));
  EXPECT_THAT(Values(NodeBuilder("ReduceMin").Ints("axes", {0}).Int("keepdims", 0).Get({&x})),
              ElementsAreArray(std::vector<float>{1, 0, 5}));
}

TEST(KernelsTest, UnaryMathAndActivations) {
  Tensor x = Floats({6}, {-2.5f, -0.5f, 0, 0.5f, 1.5f, 2.5f});
  EXPECT_THAT(Values(NodeBuilder("Round").Get({&x})),  // half to even
              ElementsAreArray(std::vector<float>{-2, -0, 0, 0, 2, 2}));
  EXPECT_THAT(Values(NodeBuilder("Floor").Get({&x})),
              ElementsAreArray(std::vector<float>{-3, -1, 0, 0, 1, 2}));
  EXPECT_THAT(Values(NodeBuilder("Ceil").Get({&x})),
              ElementsAreArray(std::vector<float>{-2, -0, 0, 1, 2, 3}));
  EXPECT_THAT(Values(NodeBuilder("Abs").Get({&x})),
              ElementsAreArray(std::vector<float>{2.5f, 0.5f, 0, 0.5f, 1.5f, 2.5f}));
  EXPECT_THAT(Values(NodeBuilder("Sign").Get({&x})),
              ElementsAreArray(std::vector<float>{-1, -1, 0, 1, 1, 1}));
  EXPECT_THAT(Values(NodeBuilder("Reciprocal").Get({&x})),
              ElementsAreArray(std::vector<float>{-0.4f, -2, INFINITY, 2, 1 / 1.5f, 0.4f}));
  EXPECT_THAT(Values(NodeBuilder("ThresholdedRelu").Get({&x})),
              ElementsAreArray(std::vector<float>{0, 0, 0, 0, 1.5f, 2.5f}));
  Tensor sin = NodeBuilder("Sin").Get({&x});
  Tensor cos = NodeBuilder("Cos").Get({&x});
  Tensor softplus = NodeBuilder("Softplus").Get({&x});
  Tensor softsign = NodeBuilder("Softsign").Get({&x});
  Tensor elu = NodeBuilder("Elu").Float("alpha", 0.5f).Get({&x});
  Tensor selu = NodeBuilder("Selu").Get({&x});
  Tensor celu = NodeBuilder("Celu").Float("alpha", 2.0f).Get({&x});
  for (int64_t index = 0; index < x.element_count(); ++index) {
    const double v = x.floats()[index];
    EXPECT_NEAR(sin.floats()[index], std::sin(v), 1e-6);
    EXPECT_NEAR(cos.floats()[index], std::cos(v), 1e-6);
    EXPECT_NEAR(softplus.floats()[index], std::log(1 + std::exp(v)), 1e-6);
    EXPECT_NEAR(softsign.floats()[index], v / (1 + std::fabs(v)), 1e-6);
    EXPECT_NEAR(elu.floats()[index], v >= 0 ? v : 0.5 * (std::exp(v) - 1), 1e-6);
    EXPECT_NEAR(selu.floats()[index],
                1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * (std::exp(v) - 1)), 1e-6);
    EXPECT_NEAR(celu.floats()[index], std::max(0.0, v) + std::min(0.0, 2 * (std::exp(v / 2) - 1)),
                1e-6);
  }
  // Softplus keeps the linear part where e^x overflows.
  Tensor large = Floats({2}, {100, -100});
  Tensor softplus_large = NodeBuilder("Softplus").Get({&large});
  EXPECT_EQ(softplus_large.floats()[0], 100.0f);
  EXPECT_NEAR(softplus_large.floats()[1], 0.0f, 1e-40);  // e^-100
}

TEST(KernelsTest, VariadicFoldsAndPRelu) {
  Tensor a = Floats({2, 2}, {1, 5, -3, 2});
  Tensor row = Floats({2}, {0, 4});
  Tensor scalar = Floats({}, {3});
  EXPECT_THAT(Values(NodeBuilder("Max").Get({&a, &row, &scalar})),
              ElementsAreArray(std::vector<float>{3, 5, 3, 4}));
  EXPECT_THAT(Values(NodeBuilder("Min").Get({&a, &row})),
              ElementsAreArray(std::vector<float>{0, 4, -3, 2}));
  EXPECT_THAT(Values(NodeBuilder("Sum").Get({&a, &row, &scalar})),
              ElementsAreArray(std::vector<float>{4, 12, 0, 9}));
  EXPECT_THAT(Values(NodeBuilder("Mean").Get({&a, &row})),
              ElementsAreArray(std::vector<float>{0.5f, 4.5f, -1.5f, 3}));
  EXPECT_THAT(Values(NodeBuilder("Max").Get({&a})), ElementsAreArray(Values(a)));
  Tensor ints = Int64s({3}, {4, -1, 7});
  Tensor other = Int64s({1}, {2});
  EXPECT_THAT(Int64Values(NodeBuilder("Max").Get({&ints, &other})),
              ElementsAreArray(std::vector<int64_t>{4, 2, 7}));
  auto mixed = NodeBuilder("Sum").Run({&a, &ints});
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("one type"));

  // PRelu with a per-channel slope [C, 1, 1] over [N, C, H, W].
  Tensor x = Floats({1, 2, 1, 2}, {-1, 2, -3, 4});
  Tensor slope = Floats({2, 1, 1}, {0.1f, 0.5f});
  EXPECT_THAT(Values(NodeBuilder("PRelu").Get({&x, &slope})),
              ElementsAreArray(std::vector<float>{-0.1f, 2, -1.5f, 4}));
  Tensor too_big = Floats({3, 2, 1, 2}, {});
  auto bad = NodeBuilder("PRelu").Run({&x, &too_big});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("does not broadcast to the input"));
}

TEST(KernelsTest, SplitAndTile) {
  Tensor x = Floats({2, 5}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  Tensor sizes = Int64s({2}, {2, 3});
  auto pieces = NodeBuilder("Split").Int("axis", 1).OutputCount(2).RunAll({&x, &sizes});
  ASSERT_TRUE(pieces.ok()) << pieces.status().ToString();
  EXPECT_EQ((*pieces)[0].shape(), (std::vector<int64_t>{2, 2}));
  EXPECT_THAT(Values((*pieces)[0]), ElementsAreArray(std::vector<float>{0, 1, 5, 6}));
  EXPECT_THAT(Values((*pieces)[1]), ElementsAreArray(std::vector<float>{2, 3, 4, 7, 8, 9}));
  // Equal pieces along axis 0 (opset 11: sizes would be an attribute).
  auto rows = NodeBuilder("Split", 11).OutputCount(2).RunAll({&x});
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(Values((*rows)[1]), ElementsAreArray(std::vector<float>{5, 6, 7, 8, 9}));
  auto uneven = NodeBuilder("Split").Int("axis", 1).OutputCount(2).RunAll({&x});
  ASSERT_FALSE(uneven.ok());
  EXPECT_THAT(uneven.status().message(), HasSubstr("does not split into 2 equal pieces"));
  Tensor wrong = Int64s({2}, {1, 3});
  auto short_sizes = NodeBuilder("Split").Int("axis", 1).OutputCount(2).RunAll({&x, &wrong});
  ASSERT_FALSE(short_sizes.ok());
  EXPECT_THAT(short_sizes.status().message(), HasSubstr("do not cut an axis of 5"));

  // Opset 18's num_outputs: pieces of ceil(7 / 3) = 3, the last smaller.
  Tensor seven = Floats({7}, {0, 1, 2, 3, 4, 5, 6});
  auto thirds = NodeBuilder("Split", 18).Int("num_outputs", 3).OutputCount(3).RunAll({&seven});
  ASSERT_TRUE(thirds.ok()) << thirds.status().ToString();
  EXPECT_THAT(Values((*thirds)[1]), ElementsAreArray(std::vector<float>{3, 4, 5}));
  EXPECT_THAT(Values((*thirds)[2]), ElementsAreArray(std::vector<float>{6}));
  auto mismatch = NodeBuilder("Split", 18).Int("num_outputs", 2).OutputCount(3).RunAll({&seven});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.status().message(), HasSubstr("num_outputs 2 differs"));

  Tensor small = Int64s({2, 2}, {1, 2, 3, 4});
  Tensor repeats = Int64s({2}, {2, 3});
  Tensor tiled = NodeBuilder("Tile").Get({&small, &repeats});
  EXPECT_EQ(tiled.shape(), (std::vector<int64_t>{4, 6}));
  EXPECT_THAT(Int64Values(tiled), ElementsAreArray(std::vector<int64_t>{
                                    1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4,  //
                                    1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}));
  Tensor zero = Int64s({2}, {0, 1});
  EXPECT_EQ(NodeBuilder("Tile").Get({&small, &zero}).shape(), (std::vector<int64_t>{0, 2}));
}

TEST(KernelsTest, TopKAndNormReductions) {
  Tensor x = Floats({2, 4}, {3, 1, 3, 2, -1, 5, 0, 5});
  Tensor k = Int64s({1}, {2});
  auto top = NodeBuilder("TopK").OutputCount(2).RunAll({&x, &k});
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  EXPECT_THAT(Values((*top)[0]), ElementsAreArray(std::vector<float>{3, 3, 5, 5}));
  // Ties: the lower index first.
  EXPECT_THAT(Int64Values((*top)[1]), ElementsAreArray(std::vector<int64_t>{0, 2, 1, 3}));
  Tensor one = Int64s({1}, {1});
  auto bottom =
      NodeBuilder("TopK").Int("largest", 0).Int("axis", 0).OutputCount(2).RunAll({&x, &one});
  ASSERT_TRUE(bottom.ok());
  EXPECT_EQ((*bottom)[0].shape(), (std::vector<int64_t>{1, 4}));
  EXPECT_THAT(Values((*bottom)[0]), ElementsAreArray(std::vector<float>{-1, 1, 0, 2}));
  EXPECT_THAT(Int64Values((*bottom)[1]), ElementsAreArray(std::vector<int64_t>{1, 0, 1, 0}));
  Tensor too_many = Int64s({1}, {5});
  auto bad = NodeBuilder("TopK").OutputCount(2).RunAll({&x, &too_many});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("k = 5 is outside [0, 4]"));

  Tensor v = Floats({2, 2}, {3, -4, 1, 2});
  EXPECT_THAT(Values(NodeBuilder("ReduceL2").Ints("axes", {1}).Int("keepdims", 0).Get({&v})),
              ElementsAreArray(std::vector<float>{5, std::sqrt(5.0f)}));
  EXPECT_THAT(Values(NodeBuilder("ReduceL1").Ints("axes", {1}).Int("keepdims", 0).Get({&v})),
              ElementsAreArray(std::vector<float>{7, 3}));
  EXPECT_THAT(Values(NodeBuilder("ReduceSumSquare").Ints("axes", {0}).Int("keepdims", 0).Get({&v})),
              ElementsAreArray(std::vector<float>{10, 20}));
  EXPECT_THAT(Values(NodeBuilder("ReduceProd").Int("keepdims", 0).Get({&v})),
              ElementsAreArray(std::vector<float>{-24}));
}

TEST(KernelsTest, GatherElementsOneHotCumSumTrilu) {
  // The ONNX spec's GatherElements examples.
  Tensor data = Floats({2, 2}, {1, 2, 3, 4});
  Tensor picks = Int64s({2, 2}, {0, 0, 1, 0});
  EXPECT_THAT(Values(NodeBuilder("GatherElements").Int("axis", 1).Get({&data, &picks})),
              ElementsAreArray(std::vector<float>{1, 1, 4, 3}));
  Tensor grid = Floats({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  Tensor rows = Int64s({2, 3}, {1, 2, 0, 2, 0, -3});
  EXPECT_THAT(Values(NodeBuilder("GatherElements").Get({&grid, &rows})),
              ElementsAreArray(std::vector<float>{4, 8, 3, 7, 2, 3}));
  Tensor outside = Int64s({1, 1}, {3});
  auto bad = NodeBuilder("GatherElements").Run({&grid, &outside});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("index 3 is out of range for an axis of 3"));

  Tensor classes = Int64s({4}, {0, 2, -1, 5});
  Tensor depth = Int64s({}, {3});
  Tensor off_on = Floats({2}, {0, 1});
  Tensor hot = NodeBuilder("OneHot").Get({&classes, &depth, &off_on});
  EXPECT_EQ(hot.shape(), (std::vector<int64_t>{4, 3}));
  EXPECT_THAT(Values(hot), ElementsAreArray(std::vector<float>{1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0}));
  Tensor columns = NodeBuilder("OneHot").Int("axis", 0).Get({&classes, &depth, &off_on});
  EXPECT_EQ(columns.shape(), (std::vector<int64_t>{3, 4}));
  EXPECT_THAT(Values(columns), ElementsAreArray(std::vector<float>{1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0}));

  Tensor series = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor last = Int64s({}, {1});
  EXPECT_THAT(Values(NodeBuilder("CumSum").Get({&series, &last})),
              ElementsAreArray(std::vector<float>{1, 3, 6, 4, 9, 15}));
  EXPECT_THAT(Values(NodeBuilder("CumSum").Int("exclusive", 1).Int("reverse", 1).Get({&series, &last})),
              ElementsAreArray(std::vector<float>{5, 3, 0, 11, 6, 0}));
  Tensor first = Int64s({}, {0});
  EXPECT_THAT(Values(NodeBuilder("CumSum").Int("exclusive", 1).Get({&series, &first})),
              ElementsAreArray(std::vector<float>{0, 0, 0, 1, 2, 3}));

  Tensor matrix = Floats({3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  EXPECT_THAT(Values(NodeBuilder("Trilu").Get({&matrix})),
              ElementsAreArray(std::vector<float>{1, 2, 3, 4, 0, 6, 7, 8, 0, 0, 11, 12}));
  Tensor below = Int64s({}, {-1});
  EXPECT_THAT(Values(NodeBuilder("Trilu").Int("upper", 0).Get({&matrix, &below})),
              ElementsAreArray(std::vector<float>{0, 0, 0, 0, 5, 0, 0, 0, 9, 10, 0, 0}));
}

// The ONNX spec's DepthToSpace examples (numpy's reshape/transpose formulas give the same).
TEST(KernelsTest, DepthToSpaceAndSpaceToDepth) {
  Tensor x = Int64s({1, 8, 2, 3}, {});
  for (int64_t index = 0; index < 48; ++index) x.int64s()[index] = index;
  Tensor dcr = NodeBuilder("DepthToSpace", 13).Int("blocksize", 2).Get({&x});
  EXPECT_EQ(dcr.shape(), (std::vector<int64_t>{1, 2, 4, 6}));
  EXPECT_THAT(Int64Values(dcr),
              ElementsAreArray(std::vector<int64_t>{
                  0,  12, 1,  13, 2,  14, 24, 36, 25, 37, 26, 38, 3,  15, 4,  16,
                  5,  17, 27, 39, 28, 40, 29, 41, 6,  18, 7,  19, 8,  20, 30, 42,
                  31, 43, 32, 44, 9,  21, 10, 22, 11, 23, 33, 45, 34, 46, 35, 47}));
  Tensor crd = NodeBuilder("DepthToSpace", 13).Int("blocksize", 2).String("mode", "CRD").Get({&x});
  EXPECT_THAT(Int64Values(crd),
              ElementsAreArray(std::vector<int64_t>{
                  0,  6,  1,  7,  2,  8,  12, 18, 13, 19, 14, 20, 3,  9,  4,  10,
                  5,  11, 15, 21, 16, 22, 17, 23, 24, 30, 25, 31, 26, 32, 36, 42,
                  37, 43, 38, 44, 27, 33, 28, 34, 29, 35, 39, 45, 40, 46, 41, 47}));
  Tensor y = Int64s({1, 2, 4, 4}, {});
  for (int64_t index = 0; index < 32; ++index) y.int64s()[index] = index;
  Tensor depth = NodeBuilder("SpaceToDepth").Int("blocksize", 2).Get({&y});
  EXPECT_EQ(depth.shape(), (std::vector<int64_t>{1, 8, 2, 2}));
  EXPECT_THAT(Int64Values(depth),
              ElementsAreArray(std::vector<int64_t>{0, 2,  8,  10, 16, 18, 24, 26, 1, 3,  9,
                                                    11, 17, 19, 25, 27, 4, 6,  12, 14, 20, 22,
                                                    28, 30, 5,  7,  13, 15, 21, 23, 29, 31}));
  // DCR DepthToSpace undoes SpaceToDepth.
  EXPECT_EQ(Int64Values(NodeBuilder("DepthToSpace", 13).Int("blocksize", 2).Get({&depth})),
            Int64Values(y));
  auto uneven = NodeBuilder("SpaceToDepth").Int("blocksize", 3).Run({&y});
  ASSERT_FALSE(uneven.ok());
  EXPECT_THAT(uneven.status().message(), HasSubstr("multiples of the block size"));
}

TEST(KernelsTest, HardmaxAndLpNormalization) {
  Tensor x = Floats({2, 3}, {1, 3, 3, -1, -2, 0});
  EXPECT_THAT(Values(NodeBuilder("Hardmax").Get({&x})),  // ties: the first
              ElementsAreArray(std::vector<float>{0, 1, 0, 0, 0, 1}));
  EXPECT_THAT(Values(NodeBuilder("Hardmax").Int("axis", 0).Get({&x})),
              ElementsAreArray(std::vector<float>{1, 1, 1, 0, 0, 0}));
  Tensor v = Floats({2, 2}, {3, -4, 0, 0});
  EXPECT_THAT(Values(NodeBuilder("LpNormalization").Get({&v})),  // a zero lane stays zero
              ElementsAreArray(std::vector<float>{0.6f, -0.8f, 0, 0}));
  EXPECT_THAT(Values(NodeBuilder("LpNormalization").Int("p", 1).Int("axis", 0).Get({&v})),
              ElementsAreArray(std::vector<float>{1, -1, 0, 0}));
  auto p3 = NodeBuilder("LpNormalization").Int("p", 3).Run({&v});
  ASSERT_FALSE(p3.ok());
  EXPECT_THAT(p3.status().message(), HasSubstr("p must be 1 or 2"));
}

TEST(KernelsTest, SoftmaxAxisRulesByOpset) {
  Tensor x = Iota({2, 2, 3});
  auto last_axis = NodeBuilder("Softmax", 13).Run({&x});
  ASSERT_TRUE(last_axis.ok());
  EXPECT_NEAR(last_axis->floats()[0] + last_axis->floats()[1] + last_axis->floats()[2], 1.0, 1e-6);
  // Before opset 13, axis 1 flattens [2, 3] into one axis of 6.
  auto legacy = NodeBuilder("Softmax", 11).Run({&x});
  ASSERT_TRUE(legacy.ok());
  double sum = 0;
  for (int index = 0; index < 6; ++index) sum += legacy->floats()[index];
  EXPECT_NEAR(sum, 1.0, 1e-6);
  Tensor log = NodeBuilder("LogSoftmax", 13).Get({&x});
  EXPECT_NEAR(std::exp(log.floats()[4]), last_axis->floats()[4], 1e-6);
}

// Naive direct convolution for reference.
std::vector<float> ReferenceConv(const Tensor& x, const Tensor& w, const Tensor& bias,
                                 int64_t group, std::array<int64_t, 2> stride,
                                 std::array<int64_t, 2> dilation, std::array<int64_t, 4> pads,
                                 std::vector<int64_t>* shape) {
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
  int64_t m = w.shape()[0], kh = w.shape()[2], kw = w.shape()[3];
  int64_t oh = (h + pads[0] + pads[2] - ((kh - 1) * dilation[0] + 1)) / stride[0] + 1;
  int64_t ow = (wd + pads[1] + pads[3] - ((kw - 1) * dilation[1] + 1)) / stride[1] + 1;
  *shape = {n, m, oh, ow};
  std::vector<float> out(n * m * oh * ow, 0);
  int64_t cg = c / group, mg = m / group;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t o = 0; o < m; ++o)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t xx = 0; xx < ow; ++xx) {
          float sum = bias.floats()[o];
          int64_t g = o / mg;
          for (int64_t ci = 0; ci < cg; ++ci)
            for (int64_t ky = 0; ky < kh; ++ky)
              for (int64_t kx = 0; kx < kw; ++kx) {
                int64_t iy = y * stride[0] - pads[0] + ky * dilation[0];
                int64_t ix = xx * stride[1] - pads[1] + kx * dilation[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                sum += x.floats()[((b * c + g * cg + ci) * h + iy) * wd + ix] *
                       w.floats()[((o * cg + ci) * kh + ky) * kw + kx];
              }
          out[((b * m + o) * oh + y) * ow + xx] = sum;
        }
  return out;
}

TEST(KernelsTest, ConvMatchesDirectLoop) {
  Tensor x = Iota({2, 4, 7, 6});
  Tensor w = Iota({6, 2, 3, 2});
  Tensor bias = Floats({6}, {0.1f, -0.2f, 0.3f, 0.f, 1.f, -1.f});
  std::vector<int64_t> shape;
  auto expected = ReferenceConv(x, w, bias, 2, {2, 1}, {1, 2}, {1, 0, 2, 1}, &shape);
  auto result = NodeBuilder("Conv")
                    .Int("group", 2)
                    .Ints("strides", {2, 1})
                    .Ints("dilations", {1, 2})
                    .Ints("pads", {1, 0, 2, 1})
                    .Run({&x, &w, &bias});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->shape(), shape);
  for (size_t index = 0; index < expected.size(); ++index) {
    EXPECT_NEAR(result->floats()[index], expected[index], 1e-4) << index;
  }
  // A 1x1 convolution without bias.
  Tensor pointwise = Iota({3, 4, 1, 1});
  Tensor zero_bias = Floats({3}, {0, 0, 0});
  auto expected_pointwise = ReferenceConv(x, pointwise, zero_bias, 1, {1, 1}, {1, 1}, {0, 0, 0, 0}, &shape);
  auto pointwise_result = NodeBuilder("Conv").Run({&x, &pointwise, nullptr});
  ASSERT_TRUE(pointwise_result.ok());
  for (size_t index = 0; index < expected_pointwise.size(); ++index) {
    EXPECT_NEAR(pointwise_result->floats()[index], expected_pointwise[index], 1e-4);
  }
}

// Small maps where some kernel taps only ever read padding: the kernel is cropped to the taps
// that reach the input (a 3x3 over 1x1 keeps its centre; stride 2 over 2x2 keeps a 2x2 window;
// a dilated kernel whose padding is not a multiple of the dilation is left whole).
TEST(KernelsTest, ConvOnSmallMapsMatchesDirectLoop) {
  struct Case {
    std::vector<int64_t> input;
    int64_t kernel, stride, dilation, pad;
  };
  for (const Case& c : {Case{{2, 5, 1, 1}, 3, 1, 1, 1}, Case{{2, 5, 2, 2}, 3, 2, 1, 1},
                        Case{{1, 3, 2, 3}, 3, 1, 1, 2}, Case{{1, 3, 3, 3}, 3, 1, 2, 1},
                        Case{{1, 4, 2, 2}, 5, 1, 1, 2}}) {
    Tensor x = Iota(c.input);
    Tensor w = Iota({4, c.input[1], c.kernel, c.kernel});
    Tensor bias = Floats({4}, {0.5f, -0.5f, 0.25f, 0});
    std::vector<int64_t> shape;
    auto expected = ReferenceConv(x, w, bias, 1, {c.stride, c.stride}, {c.dilation, c.dilation},
                                  {c.pad, c.pad, c.pad, c.pad}, &shape);
    auto result = NodeBuilder("Conv")
                      .Ints("strides", {c.stride, c.stride})
                      .Ints("dilations", {c.dilation, c.dilation})
                      .Ints("pads", {c.pad, c.pad, c.pad, c.pad})
                      .Run({&x, &w, &bias});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->shape(), shape);
    for (size_t index = 0; index < expected.size(); ++index) {
      ASSERT_NEAR(result->floats()[index], expected[index], 1e-4)
          << "input " << c.input[2] << "x" << c.input[3] << " kernel " << c.kernel << " stride "
          << c.stride << " dilation " << c.dilation << " pad " << c.pad << ", element " << index;
    }
  }
}

TEST(KernelsTest, ConvRejectsThreeSpatialAxes) {
  Tensor x = Iota({1, 2, 3, 3, 3});
  Tensor w = Iota({2, 2, 1, 1, 1});
  auto result = NodeBuilder("Conv").Run({&x, &w, nullptr});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(),
              HasSubstr("only 1-D and 2-D convolutions (NCL, NCHW) are supported"));
  EXPECT_THAT(result.status().message(), HasSubstr("test_node"));
}

// Conv inside session plans: weights as a graph input (reordered on every run) and as a
// constant (reordered once into the node's cache and shared by plans for different batch
// sizes), with a fused ReLU.
TEST(KernelsTest, ConvInPlansWithConstantAndRuntimeWeights) {
  Tensor w = Iota({6, 2, 3, 2});
  Tensor bias = Floats({6}, {0.1f, -0.2f, 0.3f, 0.f, 1.f, -1.f});
  for (bool constant_weights : {false, true}) {
    Graph graph;
    graph.values = {Value{"x", ElementType::kFloat32, {-1, 4, 7, 6}, nullptr},
                    Value{"w", ElementType::kFloat32, {6, 2, 3, 2}, nullptr},
                    Value{"b", ElementType::kFloat32, {6}, std::make_shared<Tensor>(bias)},
                    Value{"y", ElementType::kFloat32, {}, nullptr}};
    graph.inputs = {0};
    if (constant_weights) {
      graph.values[1].constant = std::make_shared<Tensor>(w);
    } else {
      graph.inputs.push_back(1);
    }
    graph.outputs = {3};
    Node node;
    node.name = "conv";
    node.op_type = "Conv";
    node.opset = 13;
    node.kernel = FindKernel("Conv");
    node.inputs = {0, 1, 2};
    node.outputs = {3};
    node.activation = Activation::kRelu;
    node.attributes["group"].int_value = 2;
    node.attributes["pads"].kind = Attribute::Kind::kInts;
    node.attributes["pads"].ints = {1, 0, 2, 1};
    ASSERT_TRUE(PrepareNode(&node).ok());
    graph.nodes.push_back(std::move(node));
    for (int64_t batch : {3, 1, 3}) {
      Tensor x = Iota({batch, 4, 7, 6});
      std::vector<Tensor> inputs = {x};
      std::vector<std::vector<int64_t>> shapes = {x.shape()};
      if (!constant_weights) {
        inputs.push_back(w);
        shapes.push_back(w.shape());
      }
      auto plan = ShapePlan::Build(graph, shapes);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      std::vector<Tensor> outputs;
      ASSERT_TRUE((*plan)->Run(inputs, &outputs).ok());
      ASSERT_TRUE((*plan)->Run(inputs, &outputs).ok());  // the run state is reused
      std::vector<int64_t> shape;
      auto expected = ReferenceConv(x, w, bias, 2, {1, 1}, {1, 1}, {1, 0, 2, 1}, &shape);
      ASSERT_EQ(outputs[0].shape(), shape);
      for (size_t index = 0; index < expected.size(); ++index) {
        ASSERT_NEAR(outputs[0].floats()[index], std::max(expected[index], 0.0f), 1e-4)
            << "constant weights " << constant_weights << ", batch " << batch << ", " << index;
      }
    }
  }
}

// Naive transposed convolution (2-D; a 1-D case passes height 1): every input element
// scatters through the kernel; x [N, C, H, W], w [C, M/group, kH, kW].
std::vector<float> ReferenceConvTranspose(const Tensor& x, const Tensor& w, const Tensor& bias,
                                          int64_t group, std::array<int64_t, 2> stride,
                                          std::array<int64_t, 2> dilation,
                                          std::array<int64_t, 4> pads,
                                          std::array<int64_t, 2> output_padding,
                                          std::vector<int64_t>* shape) {
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
  int64_t mg = w.shape()[1], m = mg * group, kh = w.shape()[2], kw = w.shape()[3];
  int64_t oh = stride[0] * (h - 1) + output_padding[0] + (kh - 1) * dilation[0] + 1 - pads[0] - pads[2];
  int64_t ow = stride[1] * (wd - 1) + output_padding[1] + (kw - 1) * dilation[1] + 1 - pads[1] - pads[3];
  *shape = {n, m, oh, ow};
  std::vector<float> out(n * m * oh * ow);
  for (int64_t b = 0; b < n; ++b)
    for (int64_t o = 0; o < m; ++o)
      for (int64_t i = 0; i < oh * ow; ++i) out[(b * m + o) * oh * ow + i] = bias.floats()[o];
  int64_t cg = c / group;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ci = 0; ci < c; ++ci)
      for (int64_t iy = 0; iy < h; ++iy)
        for (int64_t ix = 0; ix < wd; ++ix)
          for (int64_t mo = 0; mo < mg; ++mo)
            for (int64_t ky = 0; ky < kh; ++ky)
              for (int64_t kx = 0; kx < kw; ++kx) {
                int64_t oy = iy * stride[0] - pads[0] + ky * dilation[0];
                int64_t ox = ix * stride[1] - pads[1] + kx * dilation[1];
                if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
                int64_t o = (ci / cg) * mg + mo;
                out[((b * m + o) * oh + oy) * ow + ox] +=
                    x.floats()[((b * c + ci) * h + iy) * wd + ix] *
                    w.floats()[((ci * mg + mo) * kh + ky) * kw + kx];
              }
  return out;
}

TEST(KernelsTest, ConvTransposeMatchesScatterLoop) {
  Tensor bias = Floats({6}, {0.1f, -0.2f, 0.3f, 0, 1, -1});
  {  // 2-D: groups, stride 2, dilation, asymmetric pads, output_padding
    Tensor x = Iota({2, 4, 3, 5});
    Tensor w = Iota({4, 3, 3, 2});
    std::vector<int64_t> shape;
    auto expected = ReferenceConvTranspose(x, w, bias, 2, {2, 3}, {1, 2}, {1, 0, 2, 1}, {1, 0},
                                           &shape);
    auto result = NodeBuilder("ConvTranspose")
                      .Int("group", 2)
                      .Ints("strides", {2, 3})
                      .Ints("dilations", {1, 2})
                      .Ints("pads", {1, 0, 2, 1})
                      .Ints("output_padding", {1, 0})
                      .Run({&x, &w, &bias});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->shape(), shape);
    for (size_t index = 0; index < expected.size(); ++index) {
      ASSERT_NEAR(result->floats()[index], expected[index], 1e-4) << index;
    }
  }
  {  // 1-D, stride 2, pads 1, output_padding 1 (ConvTranspose1d(k=4, s=2, p=1, op=1))
    Tensor x = Iota({2, 3, 7});
    Tensor w = Iota({3, 2, 4});
    Tensor bias2 = Floats({2}, {0.5f, -0.5f});
    Tensor x4 = x, w4 = w;
    x4.Reset(ElementType::kFloat32, {2, 3, 1, 7});
    std::copy(x.floats(), x.floats() + x.element_count(), x4.floats());
    w4.Reset(ElementType::kFloat32, {3, 2, 1, 4});
    std::copy(w.floats(), w.floats() + w.element_count(), w4.floats());
    std::vector<int64_t> shape;
    auto expected = ReferenceConvTranspose(x4, w4, bias2, 1, {1, 2}, {1, 1}, {0, 1, 0, 1},
                                           {0, 1}, &shape);
    auto result = NodeBuilder("ConvTranspose")
                      .Ints("strides", {2})
                      .Ints("pads", {1, 1})
                      .Ints("output_padding", {1})
                      .Run({&x, &w, &bias2});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->shape(), (std::vector<int64_t>{2, 2, shape[3]}));
    for (size_t index = 0; index < expected.size(); ++index) {
      ASSERT_NEAR(result->floats()[index], expected[index], 1e-4) << index;
    }
  }
  {  // output_padding beyond the end padding: the extra row and column hold the bias alone
    Tensor x = Iota({1, 2, 3, 3});
    Tensor w = Iota({2, 2, 2, 2});
    Tensor bias2 = Floats({2}, {0.5f, -0.5f});
    std::vector<int64_t> shape;
    auto expected = ReferenceConvTranspose(x, w, bias2, 1, {2, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1},
                                           &shape);
    auto result = NodeBuilder("ConvTranspose")
                      .Ints("strides", {2, 2})
                      .Ints("output_padding", {1, 1})
                      .Run({&x, &w, &bias2});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->shape(), shape);
    for (size_t index = 0; index < expected.size(); ++index) {
      ASSERT_NEAR(result->floats()[index], expected[index], 1e-4) << index;
    }
  }
  {  // output_shape picks the pads; auto_pad SAME_UPPER gives in * stride
    Tensor x = Iota({1, 2, 3, 3});
    Tensor w = Iota({2, 1, 3, 3});
    auto sized = NodeBuilder("ConvTranspose").Ints("strides", {2, 2}).Ints("output_shape", {6, 5})
                     .Run({&x, &w, nullptr});
    ASSERT_TRUE(sized.ok()) << sized.status().ToString();
    EXPECT_EQ(sized->shape(), (std::vector<int64_t>{1, 1, 6, 5}));
    auto same = NodeBuilder("ConvTranspose").Ints("strides", {2, 2})
                    .String("auto_pad", "SAME_UPPER").Run({&x, &w, nullptr});
    ASSERT_TRUE(same.ok()) << same.status().ToString();
    EXPECT_EQ(same->shape(), (std::vector<int64_t>{1, 1, 6, 6}));
    auto full = NodeBuilder("ConvTranspose").Ints("strides", {2, 2}).Run({&x, &w, nullptr});
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->shape(), (std::vector<int64_t>{1, 1, 7, 7}));
    Tensor wrong = Iota({3, 1, 3, 3});
    auto mismatch = NodeBuilder("ConvTranspose").Run({&x, &wrong, nullptr});
    ASSERT_FALSE(mismatch.ok());
    EXPECT_THAT(mismatch.status().message(), HasSubstr("do not match input"));
  }
}

TEST(KernelsTest, ResizeModes) {
  Tensor x = Floats({1, 1, 4}, {0, 10, 20, 30});
  Tensor no_roi = Floats({0}, {});
  Tensor halve = Floats({3}, {1, 1, 0.5f});
  Tensor triple = Floats({3}, {1, 1, 3});
  // half_pixel, round_prefer_floor: outputs 0, 1 read input coordinates 0.5 and 2.5.
  EXPECT_THAT(Values(NodeBuilder("Resize").Get({&x, &no_roi, &halve})),
              ElementsAreArray(std::vector<float>{0, 20}));
  EXPECT_THAT(Values(NodeBuilder("Resize").String("nearest_mode", "round_prefer_ceil")
                         .Get({&x, &no_roi, &halve})),
              ElementsAreArray(std::vector<float>{10, 30}));
  // linear, half_pixel: 0.5 and 2.5 blend their neighbours.
  EXPECT_THAT(Values(NodeBuilder("Resize").String("mode", "linear").Get({&x, &no_roi, &halve})),
              ElementsAreArray(std::vector<float>{5, 25}));
  // linear over 3x: coordinates below 0 and above 3 clamp to the ends.
  Tensor linear = NodeBuilder("Resize").String("mode", "linear").Get({&x, &no_roi, &triple});
  ASSERT_EQ(linear.element_count(), 12);
  EXPECT_FLOAT_EQ(linear.floats()[0], 0);
  EXPECT_NEAR(linear.floats()[2], 10.0f / 3, 1e-5);  // (2 + 0.5) / 3 - 0.5 = 1/3
  EXPECT_FLOAT_EQ(linear.floats()[11], 30);
  // Sizes instead of scales.
  Tensor no_scales = Floats({0}, {});
  Tensor sizes = Int64s({3}, {1, 1, 2});
  EXPECT_THAT(Values(NodeBuilder("Resize").String("coordinate_transformation_mode", "asymmetric")
                         .String("nearest_mode", "floor").Get({&x, &no_roi, &no_scales, &sizes})),
              ElementsAreArray(std::vector<float>{0, 20}));
  // Upsample (opset 9): scales input, nearest, asymmetric floor.
  Tensor doubled = Floats({3}, {1, 1, 2});
  EXPECT_THAT(Values(NodeBuilder("Upsample", 9).Get({&x, &doubled})),
              ElementsAreArray(std::vector<float>{0, 0, 10, 10, 20, 20, 30, 30}));
  auto cubic = NodeBuilder("Resize").String("mode", "cubic").Run({&x, &no_roi, &halve});
  ASSERT_FALSE(cubic.ok());
  EXPECT_THAT(cubic.status().message(), HasSubstr("unsupported mode cubic"));
  // Opset 18: scales for the listed axes only; antialias is refused.
  Tensor last_axis_double = Floats({1}, {2});
  Tensor widened = NodeBuilder("Resize", 18).Ints("axes", {2}).Get({&x, &no_roi, &last_axis_double});
  EXPECT_EQ(widened.shape(), (std::vector<int64_t>{1, 1, 8}));
  auto antialiased = NodeBuilder("Resize", 18).Int("antialias", 1).String("mode", "linear")
                         .Run({&x, &no_roi, &halve});
  ASSERT_FALSE(antialiased.ok());
  EXPECT_THAT(antialiased.status().message(), HasSubstr("antialias is not supported"));
  Tensor channels = Floats({3}, {1, 2, 1});
  auto wrong_axis = NodeBuilder("Resize").Run({&x, &no_roi, &channels});
  ASSERT_FALSE(wrong_axis.ok());
  EXPECT_THAT(wrong_axis.status().message(), HasSubstr("only the spatial axes may be resized"));
}

TEST(KernelsTest, Pooling) {
  Tensor x = Floats({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto max = NodeBuilder("MaxPool").Ints("kernel_shape", {2, 2}).Run({&x});
  EXPECT_THAT(Values(*max), ElementsAreArray(std::vector<float>{5, 6, 8, 9}));
  auto average = NodeBuilder("AveragePool")
                     .Ints("kernel_shape", {2, 2})
                     .Ints("strides", {2, 2})
                     .Ints("pads", {0, 0, 1, 1})
                     .Run({&x});
  ASSERT_TRUE(average.ok());
  // Padding is excluded from the divisor by default.
  EXPECT_THAT(Values(*average), ElementsAreArray(std::vector<float>{3, 4.5, 7.5, 9}));
  auto global = NodeBuilder("GlobalAveragePool").Run({&x});
  EXPECT_EQ(global->shape(), (std::vector<int64_t>{1, 1, 1, 1}));
  EXPECT_FLOAT_EQ(global->floats()[0], 5);
}

// Padded pooling windows (the ResNet stem's 3x3 / stride 2 / pad 1 MaxPool, AveragePool with
// and without count_include_pad, ceil_mode) against a loop over every tap.
TEST(KernelsTest, PaddedPoolingMatchesTapLoop) {
  Tensor x = Iota({2, 3, 7, 6});
  struct Case {
    int64_t kernel, stride, pad_begin, pad_end, ceil_mode, include_pad;
  };
  for (const Case& c : {Case{3, 2, 1, 1, 0, 0}, Case{3, 2, 1, 1, 1, 1}, Case{2, 1, 0, 1, 0, 1},
                        Case{3, 3, 2, 0, 1, 0}}) {
    for (bool max : {true, false}) {
      auto result = NodeBuilder(max ? "MaxPool" : "AveragePool")
                        .Ints("kernel_shape", {c.kernel, c.kernel})
                        .Ints("strides", {c.stride, c.stride})
                        .Ints("pads", {c.pad_begin, c.pad_begin, c.pad_end, c.pad_end})
                        .Int("ceil_mode", c.ceil_mode)
                        .Int("count_include_pad", c.include_pad)
                        .Run({&x});
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      const int64_t out_h = result->shape()[2], out_w = result->shape()[3];
      for (int64_t plane = 0; plane < 6; ++plane) {
        for (int64_t row = 0; row < out_h; ++row) {
          for (int64_t col = 0; col < out_w; ++col) {
            double best = -INFINITY, sum = 0;
            int64_t inside = 0, extent = 0;
            for (int64_t kr = 0; kr < c.kernel; ++kr) {
              for (int64_t kc = 0; kc < c.kernel; ++kc) {
                int64_t r = row * c.stride - c.pad_begin + kr;
                int64_t q = col * c.stride - c.pad_begin + kc;
                if (r < 7 + c.pad_end && q < 6 + c.pad_end) ++extent;
                if (r < 0 || r >= 7 || q < 0 || q >= 6) continue;
                double value = x.floats()[(plane * 7 + r) * 6 + q];
                best = std::max(best, value);
                sum += value;
                ++inside;
              }
            }
            double expected = max ? best : sum / (c.include_pad ? extent : inside);
            ASSERT_NEAR(result->floats()[(plane * out_h + row) * out_w + col], expected, 1e-5)
                << (max ? "max" : "average") << " kernel " << c.kernel << " stride " << c.stride
                << " pads " << c.pad_begin << "/" << c.pad_end << " at " << row << "," << col;
          }
        }
      }
    }
  }
}

TEST(KernelsTest, Normalizations) {
  Tensor x = Floats({1, 2, 1, 2}, {1, 2, 3, 4});
  Tensor scale = Floats({2}, {1, 2});
  Tensor bias = Floats({2}, {0, 1});
  Tensor mean = Floats({2}, {1, 3});
  Tensor variance = Floats({2}, {4, 1});
  auto batch_norm = NodeBuilder("BatchNormalization").Float("epsilon", 0)
                        .Run({&x, &scale, &bias, &mean, &variance});
  ASSERT_TRUE(batch_norm.ok());
  EXPECT_THAT(Values(*batch_norm), ElementsAreArray(std::vector<float>{0, 0.5, 1, 3}));

  Tensor rows = Floats({2, 2}, {1, 3, -1, 1});
  auto layer_norm = NodeBuilder("LayerNormalization", 17).Float("epsilon", 0).Run({&rows, &scale, &bias});
  ASSERT_TRUE(layer_norm.ok());
  EXPECT_THAT(Values(*layer_norm), ElementsAreArray(std::vector<float>{-1, 3, -1, 3}));
}

TEST(KernelsTest, Reductions) {
  Tensor x = Iota({2, 3, 4});
  Tensor axes = Int64s({1}, {1});
  auto sum = NodeBuilder("ReduceSum", 13).Int("keepdims", 0).Run({&x, &axes});
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->shape(), (std::vector<int64_t>{2, 4}));
  EXPECT_FLOAT_EQ(sum->floats()[5], x.floats()[13] + x.floats()[17] + x.floats()[21]);
  auto mean = NodeBuilder("ReduceMean").Ints("axes", {-1}).Run({&x});
  EXPECT_EQ(mean->shape(), (std::vector<int64_t>{2, 3, 1}));
  EXPECT_FLOAT_EQ(mean->floats()[1], (x.floats()[4] + x.floats()[5] + x.floats()[6] + x.floats()[7]) / 4);
  auto trailing = NodeBuilder("ReduceMean").Ints("axes", {2}).Int("keepdims", 0).Run({&x});
  EXPECT_EQ(trailing->shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_FLOAT_EQ(trailing->floats()[1], mean->floats()[1]);
  auto gapped = NodeBuilder("ReduceMean").Ints("axes", {0, 2}).Run({&x});
  EXPECT_THAT(gapped.status().message(), HasSubstr("non-adjacent axes"));
}

TEST(KernelsTest, TransposeSliceConcatGather) {
  Tensor x = Iota({2, 3, 4});
  auto transposed = NodeBuilder("Transpose").Ints("perm", {2, 0, 1}).Run({&x});
  ASSERT_TRUE(transposed.ok());
  EXPECT_EQ(transposed->shape(), (std::vector<int64_t>{4, 2, 3}));
  EXPECT_EQ(transposed->floats()[(3 * 2 + 1) * 3 + 2], x.floats()[(1 * 3 + 2) * 4 + 3]);

  Tensor starts = Int64s({2}, {-1, 1});
  Tensor ends = Int64s({2}, {-100, 3});
  Tensor axes = Int64s({2}, {2, 1});
  Tensor steps = Int64s({2}, {-2, 1});
  auto sliced = NodeBuilder("Slice").Run({&x, &starts, &ends, &axes, &steps});
  ASSERT_TRUE(sliced.ok()) << sliced.status().ToString();
  EXPECT_EQ(sliced->shape(), (std::vector<int64_t>{2, 2, 2}));
  EXPECT_EQ(sliced->floats()[1], x.floats()[(0 * 3 + 1) * 4 + 1]);  // [0, 1, 1]

  auto concatenated = NodeBuilder("Concat").Int("axis", 1).Run({&x, &x});
  EXPECT_EQ(concatenated->shape(), (std::vector<int64_t>{2, 6, 4}));
  EXPECT_EQ(concatenated->floats()[(1 * 6 + 4) * 4 + 2], x.floats()[(1 * 3 + 1) * 4 + 2]);

  Tensor indices = Int64s({2}, {2, -3});
  auto gathered = NodeBuilder("Gather").Int("axis", 1).Run({&x, &indices});
  ASSERT_TRUE(gathered.ok());
  EXPECT_EQ(gathered->shape(), (std::vector<int64_t>{2, 2, 4}));
  EXPECT_EQ(gathered->floats()[4], x.floats()[0 * 4]);  // index -3 -> 0
  EXPECT_EQ(gathered->floats()[8], x.floats()[(1 * 3 + 2) * 4]);  // [1, 0, 0]
}

TEST(KernelsTest, ShapeOps) {
  Tensor x = Iota({2, 3, 4});
  Tensor target = Int64s({3}, {0, -1, 2});
  auto reshaped = NodeBuilder("Reshape").Run({&x, &target});
  ASSERT_TRUE(reshaped.ok());
  EXPECT_EQ(reshaped->shape(), (std::vector<int64_t>{2, 6, 2}));
  auto flattened = NodeBuilder("Flatten").Int("axis", 2).Run({&x});
  EXPECT_EQ(flattened->shape(), (std::vector<int64_t>{6, 4}));
  Tensor axes = Int64s({2}, {0, 3});
  auto unsqueezed = NodeBuilder("Unsqueeze").Run({&x, &axes});
  EXPECT_EQ(unsqueezed->shape(), (std::vector<int64_t>{1, 2, 3, 1, 4}));
  auto squeezed = NodeBuilder("Squeeze").Run({&unsqueezed.value(), &axes});
  EXPECT_EQ(squeezed->shape(), (std::vector<int64_t>{2, 3, 4}));
  Tensor shape = NodeBuilder("Shape").Get({&x});
  EXPECT_EQ(std::vector<int64_t>(shape.int64s(), shape.int64s() + 3), (std::vector<int64_t>{2, 3, 4}));
  Tensor pads = Int64s({4}, {0, 1, 1, 0});
  Tensor small = Floats({1, 2}, {5, 6});
  auto padded = NodeBuilder("Pad").Run({&small, &pads});
  ASSERT_TRUE(padded.ok()) << padded.status().ToString();
  EXPECT_EQ(padded->shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_THAT(Values(*padded), ElementsAreArray(std::vector<float>{0, 5, 6, 0, 0, 0}));
  Tensor zeros = NodeBuilder("ConstantOfShape").Get({&shape});  // default: float 0
  EXPECT_EQ(zeros.shape(), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_THAT(Values(zeros), ::testing::Each(0.0f));
  Tensor two_by_two = Int64s({2}, {2, 2});
  Tensor sevens =
      NodeBuilder("ConstantOfShape").TensorValue("value", Int64s({1}, {7})).Get({&two_by_two});
  ASSERT_EQ(sevens.type(), ElementType::kInt64);
  EXPECT_EQ(std::vector<int64_t>(sevens.int64s(), sevens.int64s() + 4),
            (std::vector<int64_t>{7, 7, 7, 7}));
  auto negative = NodeBuilder("ConstantOfShape").Run({&target});
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(), HasSubstr("negative dimension in shape [0, -1, 2]"));
}

TEST(KernelsTest, MatMulBatchedAndBroadcast) {
  Tensor a = Iota({2, 3, 4});
  Tensor b = Iota({1, 4, 5});
  auto product = NodeBuilder("MatMul").Run({&a, &b});
  ASSERT_TRUE(product.ok());
  EXPECT_EQ(product->shape(), (std::vector<int64_t>{2, 3, 5}));
  float expected = 0;
  for (int k = 0; k < 4; ++k) expected += a.floats()[(1 * 3 + 2) * 4 + k] * b.floats()[k * 5 + 3];
  EXPECT_NEAR(product->floats()[(1 * 3 + 2) * 5 + 3], expected, 1e-5);
  Tensor c = Iota({5, 4});
  Tensor bias = Floats({5}, {1, 2, 3, 4, 5});
  Tensor flat = NodeBuilder("Flatten").Get({&a});
  auto gemm = NodeBuilder("Gemm").Int("transB", 1).Run({&flat, &c, &bias});
  ASSERT_FALSE(gemm.ok());  // [2, 12] x [4, 5]^T: inner dimensions differ
  EXPECT_THAT(gemm.status().message(), HasSubstr("inner dimensions differ"));
}

}  // namespace
}  // namespace dq::ml
