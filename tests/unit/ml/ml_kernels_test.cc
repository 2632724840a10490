// The ai.onnx.ml kernels on hand-made nodes through EvaluateNode: the tree ensembles' modes,
// NaN routing, aggregates, binary and post-transform rules, random ensembles against a naive
// evaluator, the linear models and preprocessing operators, and the attribute errors that
// prepare reports at import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <random>

#include "ml/execution_plan.h"
#include "ml/kernel.h"
#include "test_tensors.h"

namespace dq::ml {
namespace {

using testing::Floats;
using testing::Int64s;
using testing::Int64Values;
using testing::Values;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const float kNan = std::nanf("");

// An ai.onnx.ml node built attribute by attribute, prepared as the importer does.
class MlNode {
 public:
  explicit MlNode(std::string op_type, size_t outputs = 1) {
    node_.name = "test_node";
    node_.op_type = std::move(op_type);
    node_.domain = kMlDomain;
    node_.opset = 1;
    node_.kernel = FindKernel(kMlDomain, node_.op_type);
    for (size_t index = 0; index < outputs; ++index) node_.outputs.push_back(1000 + index);
  }
  MlNode& Ints(const std::string& name, std::vector<int64_t> values) {
    node_.attributes[name].kind = Attribute::Kind::kInts;
    node_.attributes[name].ints = std::move(values);
    return *this;
  }
  MlNode& Floats(const std::string& name, std::vector<float> values) {
    node_.attributes[name].kind = Attribute::Kind::kFloats;
    node_.attributes[name].floats = std::move(values);
    return *this;
  }
  MlNode& Strings(const std::string& name, std::vector<std::string> values) {
    node_.attributes[name].kind = Attribute::Kind::kStrings;
    node_.attributes[name].strings = std::move(values);
    return *this;
  }
  MlNode& String(const std::string& name, std::string value) {
    node_.attributes[name].kind = Attribute::Kind::kString;
    node_.attributes[name].string_value = std::move(value);
    return *this;
  }
  MlNode& Int(const std::string& name, int64_t value) {
    node_.attributes[name].int_value = value;
    return *this;
  }
  MlNode& Float(const std::string& name, float value) {
    node_.attributes[name].kind = Attribute::Kind::kFloat;
    node_.attributes[name].float_value = value;
    return *this;
  }
  Status Prepare() {
    EXPECT_NE(node_.kernel, nullptr) << node_.op_type;
    return PrepareNode(&node_);
  }
  // Prepares (once) and evaluates on `inputs`.
  Result<std::vector<Tensor>> Run(std::vector<const Tensor*> inputs) {
    if (!node_.state) DQ_RETURN_IF_ERROR(Prepare());
    node_.inputs.clear();
    for (size_t index = 0; index < inputs.size(); ++index) node_.inputs.push_back(index);
    DQ_ASSIGN_OR_RETURN(auto outputs, EvaluateNode(node_, inputs));
    std::vector<Tensor> result;
    for (const auto& output : outputs) result.push_back(*output);
    return result;
  }
  std::vector<Tensor> Get(std::vector<const Tensor*> inputs) {
    auto result = Run(std::move(inputs));
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : std::vector<Tensor>(node_.outputs.size());
  }
  const Node& node() const { return node_; }

 private:
  Node node_;
};

// One stump: node 0 compares feature 0 with 1.0 in `mode`; true -> leaf 1 (votes 10),
// false -> leaf 2 (votes 20).
MlNode Stump(const std::string& mode, int64_t missing_tracks_true = 0) {
  MlNode node("TreeEnsembleRegressor");
  node.Ints("nodes_treeids", {0, 0, 0})
      .Ints("nodes_nodeids", {0, 1, 2})
      .Ints("nodes_featureids", {0, 0, 0})
      .Strings("nodes_modes", {mode, "LEAF", "LEAF"})
      .Floats("nodes_values", {1.0f, 0, 0})
      .Ints("nodes_truenodeids", {1, 0, 0})
      .Ints("nodes_falsenodeids", {2, 0, 0})
      .Ints("nodes_missing_value_tracks_true", {missing_tracks_true, 0, 0})
      .Ints("target_treeids", {0, 0})
      .Ints("target_nodeids", {1, 2})
      .Ints("target_ids", {0, 0})
      .Floats("target_weights", {10, 20})
      .Int("n_targets", 1);
  return node;
}

TEST(MlKernelsTest, BranchModesAndNan) {
  Tensor x = Floats({4, 1}, {0.5f, 1.0f, 1.5f, kNan});
  std::map<std::string, std::vector<float>> expected = {
      {"BRANCH_LEQ", {10, 10, 20, 20}}, {"BRANCH_LT", {10, 20, 20, 20}},
      {"BRANCH_GTE", {20, 10, 10, 20}}, {"BRANCH_GT", {20, 20, 10, 20}},
      {"BRANCH_EQ", {20, 10, 20, 20}},  {"BRANCH_NEQ", {10, 20, 10, 20}}};
  for (const auto& [mode, values] : expected) {
    EXPECT_EQ(Values(Stump(mode).Get({&x})[0]), values) << mode;
    // missing_value_tracks_true sends NaN to the true child, whatever the mode.
    std::vector<float> tracked = values;
    tracked[3] = 10;
    EXPECT_EQ(Values(Stump(mode, 1).Get({&x})[0]), tracked) << mode;
  }
  Tensor integers = Int64s({3, 1}, {0, 1, 2});
  EXPECT_THAT(Values(Stump("BRANCH_LT").Get({&integers})[0]), ElementsAre(10, 20, 20));
}

// Three single-leaf trees voting {1, 4, 2} for target 0; target 1 gets no vote.
MlNode LeafTrees(const std::string& aggregate) {
  MlNode node("TreeEnsembleRegressor");
  node.Ints("nodes_treeids", {0, 1, 2})
      .Ints("nodes_nodeids", {0, 0, 0})
      .Ints("nodes_featureids", {0, 0, 0})
      .Strings("nodes_modes", {"LEAF", "LEAF", "LEAF"})
      .Floats("nodes_values", {0, 0, 0})
      .Ints("nodes_truenodeids", {0, 0, 0})
      .Ints("nodes_falsenodeids", {0, 0, 0})
      .Ints("target_treeids", {0, 1, 2})
      .Ints("target_nodeids", {0, 0, 0})
      .Ints("target_ids", {0, 0, 0})
      .Floats("target_weights", {1, 4, 2})
      .Floats("base_values", {100, 200})
      .Int("n_targets", 2)
      .String("aggregate_function", aggregate);
  return node;
}

TEST(MlKernelsTest, RegressorAggregatesAndBaseValues) {
  Tensor x = Floats({1, 1}, {0});
  EXPECT_THAT(Values(LeafTrees("SUM").Get({&x})[0]), ElementsAre(107, 200));
  EXPECT_THAT(Values(LeafTrees("AVERAGE").Get({&x})[0]),
              ElementsAre(100 + 7.0f / 3, 200 + 0.0f / 3));
  // A target without votes counts 0 under MIN/MAX too.
  EXPECT_THAT(Values(LeafTrees("MIN").Get({&x})[0]), ElementsAre(101, 200));
  EXPECT_THAT(Values(LeafTrees("MAX").Get({&x})[0]), ElementsAre(104, 200));
  auto error = LeafTrees("MEDIAN").Prepare();
  EXPECT_THAT(error.message(), HasSubstr("unknown aggregate_function 'MEDIAN'"));
}

// A binary classifier stump whose votes all name class 0: s = 0.25 (x <= 0) or -2 (x > 0).
MlNode BinaryStump(const std::string& transform) {
  MlNode node("TreeEnsembleClassifier", 2);
  node.Ints("nodes_treeids", {0, 0, 0})
      .Ints("nodes_nodeids", {0, 1, 2})
      .Ints("nodes_featureids", {0, 0, 0})
      .Strings("nodes_modes", {"BRANCH_LEQ", "LEAF", "LEAF"})
      .Floats("nodes_values", {0, 0, 0})
      .Ints("nodes_truenodeids", {1, 0, 0})
      .Ints("nodes_falsenodeids", {2, 0, 0})
      .Ints("class_treeids", {0, 0})
      .Ints("class_nodeids", {1, 2})
      .Ints("class_ids", {0, 0})
      .Floats("class_weights", {0.25f, -2})
      .Ints("classlabels_int64s", {7, 9})
      .String("post_transform", transform);
  return node;
}

TEST(MlKernelsTest, ClassifierBinaryCase) {
  Tensor x = Floats({2, 1}, {-1, 1});
  auto none = BinaryStump("NONE").Get({&x});
  EXPECT_THAT(Int64Values(none[0]), ElementsAre(7, 7));  // [0.75, 0.25] and [3, -2]
  EXPECT_THAT(Values(none[1]), ElementsAre(0.75f, 0.25f, 3.0f, -2.0f));
  auto logistic = BinaryStump("LOGISTIC").Get({&x});
  auto sigmoid = [](double s) { return static_cast<float>(1 / (1 + std::exp(-s))); };
  EXPECT_THAT(Int64Values(logistic[0]), ElementsAre(9, 7));
  EXPECT_THAT(Values(logistic[1]),
              ElementsAre(sigmoid(-0.25), sigmoid(0.25), sigmoid(2), sigmoid(-2)));
}

TEST(MlKernelsTest, PostTransforms) {
  // A multi-class classifier with one single-leaf tree voting {0, 1, 2} for classes 0..2.
  auto classifier = [](const std::string& transform) {
    MlNode node("TreeEnsembleClassifier", 2);
    node.Ints("nodes_treeids", {0})
        .Ints("nodes_nodeids", {0})
        .Ints("nodes_featureids", {0})
        .Strings("nodes_modes", {"LEAF"})
        .Floats("nodes_values", {0})
        .Ints("nodes_truenodeids", {0})
        .Ints("nodes_falsenodeids", {0})
        .Ints("class_treeids", {0, 0, 0})
        .Ints("class_nodeids", {0, 0, 0})
        .Ints("class_ids", {0, 1, 2})
        .Floats("class_weights", {0, 1, 0.025f})
        .Strings("classlabels_strings", {"a", "b", "c"})
        .String("post_transform", transform);
    return node;
  };
  Tensor x = Floats({1, 1}, {0});
  auto softmax = classifier("SOFTMAX").Get({&x});
  double total = 1 + std::exp(1.0) + std::exp(0.025);
  EXPECT_THAT(Int64Values(softmax[0]), ElementsAre(1));  // the index of "b"
  EXPECT_FLOAT_EQ(Values(softmax[1])[1], std::exp(1.0) / total);
  // SOFTMAX_ZERO leaves the zero score at zero.
  auto softmax_zero = classifier("SOFTMAX_ZERO").Get({&x});
  EXPECT_FLOAT_EQ(Values(softmax_zero[1])[0], 0);
  EXPECT_FLOAT_EQ(Values(softmax_zero[1])[1], std::exp(1.0) / (std::exp(1.0) + std::exp(0.025)));
  // PROBIT is the standard normal quantile: probit(0.025) = -1.959964.
  auto probit = classifier("PROBIT").Get({&x});
  EXPECT_NEAR(Values(probit[1])[2], -1.959964, 1e-6);
  EXPECT_EQ(Values(probit[1])[0], -INFINITY);
  EXPECT_THAT(classifier("CUBIC").Prepare().message(), HasSubstr("unknown post_transform"));
}

// A random ensemble in ONNX attribute form, and a naive evaluator reading the attributes.
struct RandomEnsemble {
  std::vector<int64_t> tree_ids, node_ids, features, true_ids, false_ids, missing;
  std::vector<std::string> modes;
  std::vector<float> values;
  std::vector<int64_t> vote_trees, vote_nodes, vote_targets;
  std::vector<float> vote_weights;

  RandomEnsemble(std::mt19937& random, int trees, int feature_count, int targets) {
    const char* kModes[] = {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE",
                            "BRANCH_GT",  "BRANCH_EQ", "BRANCH_NEQ"};
    std::uniform_real_distribution<float> uniform(-1, 1);
    for (int tree = 0; tree < trees; ++tree) {
      // Node ids shuffled so that flat order differs from id order; the root comes first.
      int64_t next_id = 0;
      std::function<int64_t(int)> grow = [&](int depth) -> int64_t {
        int64_t id = next_id++ * 3 + 5;
        size_t position = tree_ids.size();
        tree_ids.push_back(tree);
        node_ids.push_back(id);
        bool leaf = depth >= 5 || random() % 4 == 0;
        features.push_back(leaf ? 0 : random() % feature_count);
        modes.push_back(leaf ? "LEAF" : kModes[random() % 6]);
        values.push_back(std::round(uniform(random) * 4) / 4);  // ties with inputs happen
        missing.push_back(random() % 2);
        true_ids.push_back(0);
        false_ids.push_back(0);
        if (leaf) {
          for (int vote = 0, votes = random() % 3; vote < votes; ++vote) {
            vote_trees.push_back(tree);
            vote_nodes.push_back(id);
            vote_targets.push_back(random() % targets);
            vote_weights.push_back(uniform(random));
          }
          return id;
        }
        true_ids[position] = grow(depth + 1);
        false_ids[position] = grow(depth + 1);
        return id;
      };
      grow(0);
    }
  }

  MlNode Regressor(int targets, const std::string& aggregate) const {
    MlNode node("TreeEnsembleRegressor");
    node.Ints("nodes_treeids", tree_ids)
        .Ints("nodes_nodeids", node_ids)
        .Ints("nodes_featureids", features)
        .Strings("nodes_modes", modes)
        .Floats("nodes_values", values)
        .Ints("nodes_truenodeids", true_ids)
        .Ints("nodes_falsenodeids", false_ids)
        .Ints("nodes_missing_value_tracks_true", missing)
        .Ints("target_treeids", vote_trees)
        .Ints("target_nodeids", vote_nodes)
        .Ints("target_ids", vote_targets)
        .Floats("target_weights", vote_weights)
        .Int("n_targets", targets)
        .String("aggregate_function", aggregate);
    return node;
  }

  // SUM of the votes of the leaves `row` reaches, straight from the attribute lists.
  std::vector<double> Evaluate(const float* row, int targets) const {
    std::vector<double> scores(targets, 0);
    auto find = [&](int64_t tree, int64_t id) {
      for (size_t position = 0; position < tree_ids.size(); ++position) {
        if (tree_ids[position] == tree && node_ids[position] == id) return position;
      }
      ADD_FAILURE() << "missing node";
      return size_t{0};
    };
    for (int64_t tree = 0; tree <= tree_ids.back(); ++tree) {
      size_t position = find(tree, 5);
      while (modes[position] != "LEAF") {
        float x = row[features[position]];
        float t = values[position];
        const std::string& mode = modes[position];
        bool go_true = std::isnan(x)          ? missing[position] != 0
                       : mode == "BRANCH_LEQ" ? x <= t
                       : mode == "BRANCH_LT"  ? x < t
                       : mode == "BRANCH_GTE" ? x >= t
                       : mode == "BRANCH_GT"  ? x > t
                       : mode == "BRANCH_EQ"  ? x == t
                                              : x != t;
        position = find(tree, go_true ? true_ids[position] : false_ids[position]);
      }
      for (size_t vote = 0; vote < vote_trees.size(); ++vote) {
        if (vote_trees[vote] == tree && vote_nodes[vote] == node_ids[position]) {
          scores[vote_targets[vote]] += vote_weights[vote];
        }
      }
    }
    return scores;
  }
};

TEST(MlKernelsTest, RandomEnsemblesMatchANaiveEvaluator) {
  std::mt19937 random(7);
  for (int attempt = 0; attempt < 20; ++attempt) {
    const int features = 1 + attempt % 5, targets = 1 + attempt % 3;
    RandomEnsemble ensemble(random, 1 + attempt % 7, features, targets);
    // 300 rows: more than one block of rows; values on the thresholds' grid and NaNs.
    const int rows = 300;
    Tensor x(ElementType::kFloat32, {rows, features});
    for (int64_t index = 0; index < x.element_count(); ++index) {
      x.floats()[index] = random() % 10 == 0 ? kNan : (static_cast<int>(random() % 9) - 4) / 4.0f;
    }
    MlNode node = ensemble.Regressor(targets, "SUM");
    auto outputs = node.Get({&x});
    ASSERT_EQ(outputs[0].shape(), (std::vector<int64_t>{rows, targets}));
    for (int row = 0; row < rows; ++row) {
      std::vector<double> expected = ensemble.Evaluate(x.floats() + row * features, targets);
      for (int target = 0; target < targets; ++target) {
        ASSERT_NEAR(outputs[0].floats()[row * targets + target], expected[target], 1e-5)
            << "attempt " << attempt << " row " << row << " target " << target;
      }
    }
  }
}

// SVMs by hand: a linear two-class SVC (scores [-v, v], class 0 when v > 0), the sigmoid
// and polynomial kernels of an SVR, a one-class SVM, and the attributes prepare refuses.
TEST(MlKernelsTest, SupportVectorMachines) {
  Tensor x = Floats({2, 2}, {1, 2, -1, 0});
  // v = 1 * (x . [1, 0]) - 1 * (x . [0, 1]) + 0.5 = x0 - x1 + 0.5.
  auto outputs = MlNode("SVMClassifier", 2)
                     .Ints("classlabels_ints", {7, 9})
                     .Ints("vectors_per_class", {1, 1})
                     .Floats("support_vectors", {1, 0, 0, 1})
                     .Floats("coefficients", {1, -1})
                     .Floats("rho", {0.5f})
                     .Get({&x});
  // Row 0: v = 1 - 2 + 0.5 = -0.5 -> class 9; row 1: v = -1 - 0 + 0.5 = -0.5 -> class 9.
  EXPECT_THAT(Int64Values(outputs[0]), ElementsAre(9, 9));
  EXPECT_THAT(Values(outputs[1]), ElementsAre(0.5f, -0.5f, 0.5f, -0.5f));
  Tensor y = Floats({1, 2}, {3, 1});  // v = 3 - 1 + 0.5 = 2.5 -> class 7
  auto positive = MlNode("SVMClassifier", 2)
                      .Ints("classlabels_ints", {7, 9})
                      .Ints("vectors_per_class", {1, 1})
                      .Floats("support_vectors", {1, 0, 0, 1})
                      .Floats("coefficients", {1, -1})
                      .Floats("rho", {0.5f})
                      .Get({&y});
  EXPECT_THAT(Int64Values(positive[0]), ElementsAre(7));

  // SVR with a sigmoid kernel: tanh(0.5 * x.s + 0.1) per vector.
  auto sigmoid = MlNode("SVMRegressor")
                     .String("kernel_type", "SIGMOID")
                     .Floats("kernel_params", {0.5f, 0.1f, 0})
                     .Int("n_supports", 2)
                     .Floats("support_vectors", {1, 1, 2, -1})
                     .Floats("coefficients", {2, -1})
                     .Floats("rho", {0.25f})
                     .Get({&x});
  const double first = 2 * std::tanh(0.5 * 3 + 0.1) - std::tanh(0.5 * 0 + 0.1) + 0.25;
  EXPECT_NEAR(sigmoid[0].floats()[0], first, 1e-6);
  // Polynomial one-class: (1 * x.s + 1)^2 - 3 > 0 ? 1 : -1.
  auto one_class = MlNode("SVMRegressor")
                       .String("kernel_type", "POLY")
                       .Floats("kernel_params", {1, 1, 2})
                       .Int("n_supports", 1)
                       .Int("one_class", 1)
                       .Floats("support_vectors", {1, 1})
                       .Floats("coefficients", {1})
                       .Floats("rho", {-3})
                       .Get({&x});
  EXPECT_THAT(Values(one_class[0]), ElementsAre(1, -1));  // 16 - 3, 0 - 3

  auto probabilities = MlNode("SVMClassifier", 2)
                           .Ints("classlabels_ints", {0, 1})
                           .Ints("vectors_per_class", {1, 1})
                           .Floats("support_vectors", {1, 0, 0, 1})
                           .Floats("coefficients", {1, -1})
                           .Floats("rho", {0})
                           .Floats("prob_a", {-1, 2})
                           .Floats("prob_b", {0})
                           .Prepare();
  EXPECT_THAT(probabilities.message(), HasSubstr("prob_a and prob_b need 1 values each"));
  auto linear_mode = MlNode("SVMClassifier", 2)
                         .Ints("classlabels_ints", {0, 1})
                         .Floats("coefficients", {1, -1})
                         .Floats("rho", {0})
                         .Prepare();
  EXPECT_THAT(linear_mode.message(), HasSubstr("linear mode"));
  auto wrong_rho = MlNode("SVMClassifier", 2)
                       .Ints("classlabels_ints", {0, 1, 2})
                       .Ints("vectors_per_class", {1, 1, 1})
                       .Floats("support_vectors", {1, 0, 0, 1, 1, 1})
                       .Floats("coefficients", {1, -1, 1, 1, 1, -1})
                       .Floats("rho", {0})
                       .Prepare();
  EXPECT_THAT(wrong_rho.message(), HasSubstr("expected 6 coefficients and 3 rho values"));
}

TEST(MlKernelsTest, TreeAttributeErrorsNameTheNode) {
  auto error = [](std::function<void(MlNode&)> change) {
    MlNode node = Stump("BRANCH_LEQ");
    change(node);
    return node.Prepare().message();
  };
  EXPECT_EQ(error([](MlNode& node) {
              node.Ints("nodes_truenodeids", {0, 0, 0});
            }),
            "Invalid model: node 'test_node' (TreeEnsembleRegressor): tree 0 is not a tree: "
            "node 0 is reached twice");
  EXPECT_THAT(error([](MlNode& node) {
                node.Ints("nodes_falsenodeids", {9, 0, 0});
              }),
              HasSubstr("node (tree 0, node 0): false child 9 is not a node of tree 0"));
  EXPECT_THAT(error([](MlNode& node) {
                node.Ints("nodes_nodeids", {0, 1, 1});
              }),
              HasSubstr("node (tree 0, node 1) is listed twice"));
  EXPECT_THAT(error([](MlNode& node) {
                node.Strings("nodes_modes", {"BRANCH_X", "LEAF", "LEAF"});
              }),
              HasSubstr("unknown mode 'BRANCH_X'"));
  EXPECT_THAT(error([](MlNode& node) {
                node.Ints("target_nodeids", {0, 2});
              }),
              HasSubstr("target vote 0 is for node (tree 0, node 0), which is not a leaf"));
  EXPECT_THAT(error([](MlNode& node) {
                node.Ints("target_ids", {0, 3});
              }),
              HasSubstr("target vote 1 is for target 3, but there are 1"));
  EXPECT_THAT(error([](MlNode& node) { node.Floats("nodes_values", {1}); }),
              HasSubstr("nodes_values has 1 entries, nodes_treeids 3"));
  EXPECT_THAT(error([](MlNode& node) {
                node.Floats("base_values", {1, 2, 3});
              }),
              HasSubstr("base_values has 3 values, expected 1 or 1"));
  // Inputs are checked against the trees at planning.
  MlNode stump = Stump("BRANCH_LEQ");
  stump.Ints("nodes_featureids", {4, 0, 0});
  Tensor narrow = Floats({1, 2}, {0, 0});
  auto result = stump.Run({&narrow});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(),
              HasSubstr("X has 2 features, but the trees read feature 4"));
}

TEST(MlKernelsTest, ClassLabelsMustBeOneList) {
  MlNode both = BinaryStump("NONE");
  both.Strings("classlabels_strings", {"x", "y"});
  EXPECT_THAT(both.Prepare().message(),
              HasSubstr("exactly one of classlabels_int64s and classlabels_strings"));
  MlNode one_class = BinaryStump("NONE");
  one_class.Ints("classlabels_int64s", {1});
  EXPECT_THAT(one_class.Prepare().message(), HasSubstr("needs at least 2 class labels"));
}

TEST(MlKernelsTest, LinearModels) {
  Tensor x = Floats({2, 2}, {1, 2, -1, 0.5f});
  auto regression = MlNode("LinearRegressor")
                        .Floats("coefficients", {1, 10, 2, 0})
                        .Floats("intercepts", {0.5f, -1})
                        .Int("targets", 2)
                        .Get({&x});
  EXPECT_THAT(Values(regression[0]), ElementsAre(21.5f, 1, 4.5f, -3));
  // Binary with one coefficient row: s -> [-s, s], then the transform; labels are strings.
  MlNode binary("LinearClassifier", 2);
  binary.Floats("coefficients", {1, 1})
      .Floats("intercepts", {-1})
      .Strings("classlabels_strings", {"no", "yes"});
  auto scores = binary.Get({&x});
  EXPECT_THAT(Int64Values(scores[0]), ElementsAre(1, 0));
  EXPECT_THAT(Values(scores[1]), ElementsAre(-2, 2, 1.5f, -1.5f));
  EXPECT_EQ(NodeOutputLabels(binary.node(), 0).strings, (std::vector<std::string>{"no", "yes"}));
  Tensor wide = Floats({1, 3}, {1, 2, 3});
  auto mismatch = binary.Run({&wide});
  EXPECT_THAT(mismatch.status().message(),
              HasSubstr("X has 3 features, which does not fit 2 coefficients for 1 rows"));
}

TEST(MlKernelsTest, Preprocessing) {
  Tensor x = Floats({2, 3}, {3, -4, 0, 0, 0, 0});
  EXPECT_THAT(Values(MlNode("Normalizer").String("norm", "L2").Get({&x})[0]),
              ElementsAre(0.6f, -0.8f, 0, 0, 0, 0));
  EXPECT_THAT(Values(MlNode("Normalizer").String("norm", "L1").Get({&x})[0]),
              ElementsAre(3 / 7.0f, -4 / 7.0f, 0, 0, 0, 0));
  EXPECT_THAT(Values(MlNode("Normalizer").String("norm", "MAX").Get({&x})[0]),
              ElementsAre(0.75f, -1, 0, 0, 0, 0));
  EXPECT_THAT(
      Values(MlNode("Scaler").Floats("offset", {1, 2, 3}).Floats("scale", {2}).Get({&x})[0]),
      ElementsAre(4, -12, -6, -2, -4, -6));
  EXPECT_THAT(Values(MlNode("Binarizer").Float("threshold", 0).Get({&x})[0]),
              ElementsAre(1, 0, 0, 0, 0, 0));
  Tensor integers = Int64s({3}, {5, 7, 5});
  EXPECT_THAT(Int64Values(MlNode("Binarizer").Float("threshold", 6).Get({&integers})[0]),
              ElementsAre(0, 1, 0));
  auto one_hot = MlNode("OneHotEncoder").Ints("cats_int64s", {7, 5}).Get({&integers})[0];
  EXPECT_EQ(one_hot.shape(), (std::vector<int64_t>{3, 2}));
  EXPECT_THAT(Values(one_hot), ElementsAre(0, 1, 1, 0, 0, 1));
  auto strict = MlNode("OneHotEncoder").Ints("cats_int64s", {7}).Int("zeros", 0).Run({&integers});
  EXPECT_THAT(strict.status().message(), HasSubstr("is not one of the categories (zeros=0)"));
  EXPECT_THAT(MlNode("OneHotEncoder").Strings("cats_strings", {"a"}).Prepare().message(),
              HasSubstr("string categories (cats_strings) are not supported"));
  Tensor indices = Int64s({2}, {2, 0});
  auto extracted = MlNode("ArrayFeatureExtractor").Get({&x, &indices})[0];
  EXPECT_EQ(extracted.shape(), (std::vector<int64_t>{2, 2}));
  EXPECT_THAT(Values(extracted), ElementsAre(0, 3, 0, 0));
  Tensor out_of_range = Int64s({1}, {3});
  auto bad = MlNode("ArrayFeatureExtractor").Run({&x, &out_of_range});
  EXPECT_THAT(bad.status().message(), HasSubstr("index 3 is out of range for X's 3 columns"));
}

TEST(MlKernelsTest, ZipMapKeepsTheScoresAndLabelsThem) {
  MlNode zipmap("ZipMap");
  zipmap.Ints("classlabels_int64s", {4, 2});
  Tensor scores = Floats({1, 2}, {0.25f, 0.75f});
  EXPECT_THAT(Values(zipmap.Get({&scores})[0]), ElementsAre(0.25f, 0.75f));
  OutputLabels labels = NodeOutputLabels(zipmap.node(), 0);
  EXPECT_EQ(labels.kind, OutputLabels::Kind::kLabelMap);
  EXPECT_EQ(labels.int64s, (std::vector<int64_t>{4, 2}));
  Tensor wrong = Floats({1, 3}, {0, 0, 1});
  EXPECT_THAT(zipmap.Run({&wrong}).status().message(),
              HasSubstr("X must be [batch, 2] for 2 labels, got [1, 3]"));
}

// docs/models.md lists every supported operator (as `Op`), so the page stays complete.
TEST(MlKernelsTest, ModelsDocumentationListsEveryOperator) {
  std::ifstream file(std::string(DEEPQUERY_SOURCE_DIR) + "/docs/models.md");
  ASSERT_TRUE(file) << "docs/models.md";
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const std::string& op : SupportedOperators()) {
    const std::string name = op.rfind("ai.onnx.ml.", 0) == 0 ? op.substr(11) : op;
    EXPECT_NE(text.find("`" + name + "`"), std::string::npos) << name << " is not in docs/models.md";
  }
}

TEST(MlKernelsTest, SupportedOperatorsListTheMlDomain) {
  std::vector<std::string> operators = SupportedOperators();
  for (const char* op :
       {"ai.onnx.ml.TreeEnsembleClassifier", "ai.onnx.ml.TreeEnsembleRegressor",
        "ai.onnx.ml.LinearClassifier", "ai.onnx.ml.LinearRegressor", "ai.onnx.ml.Scaler",
        "ai.onnx.ml.Normalizer", "ai.onnx.ml.Binarizer", "ai.onnx.ml.OneHotEncoder",
        "ai.onnx.ml.ArrayFeatureExtractor", "ai.onnx.ml.ZipMap", "Gemm"}) {
    EXPECT_NE(std::find(operators.begin(), operators.end(), op), operators.end()) << op;
  }
  EXPECT_EQ(FindKernel("TreeEnsembleClassifier"), nullptr);  // not in the default domain
  EXPECT_EQ(FindKernel("ai.onnx", "Gemm"), FindKernel("Gemm"));
  EXPECT_EQ(FindKernel("com.microsoft", "Gemm"), nullptr);
}

}  // namespace
}  // namespace dq::ml
