// LSTM and GRU against a naive reference: the ONNX equations evaluated in double precision one
// sequence, one time step and one unit at a time (no GEMM, no shared code with the kernels),
// over every combination of direction, layout, sequence lengths, initial states and the
// optional features (peepholes, clip, input_forget, linear_before_reset, activations). The
// model-level parity with PyTorch and ONNX's reference is in model_parity_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

#include "ml/execution_plan.h"
#include "ml/kernel.h"
#include "ml/kernels/gate_math.h"

namespace dq::ml {
namespace {

using ::testing::HasSubstr;

struct Config {
  std::string op = "LSTM";
  std::string direction = "forward";
  int64_t layout = 0;
  int64_t seq = 6, batch = 5, input = 3, hidden = 4;
  bool lengths = false;                  // mixed lengths, including 0 and seq
  bool initial_state = false;            // initial_h (and initial_c)
  bool peepholes = false;                // LSTM
  float clip = 0;                        // 0: none
  bool input_forget = false;             // LSTM
  bool linear_before_reset = false;      // GRU
  std::vector<std::string> activations;  // empty: defaults
};

std::string Describe(const Config& config) {
  std::string text = config.op + " " + config.direction + " layout " +
                     std::to_string(config.layout) + " batch " + std::to_string(config.batch);
  if (config.lengths) text += " lengths";
  if (config.initial_state) text += " initial";
  if (config.peepholes) text += " peepholes";
  if (config.clip > 0) text += " clip";
  if (config.input_forget) text += " input_forget";
  if (config.linear_before_reset) text += " linear_before_reset";
  for (const auto& name : config.activations) text += " " + name;
  return text;
}

Tensor Random(std::vector<int64_t> shape, std::mt19937& generator, float scale) {
  Tensor tensor(ElementType::kFloat32, std::move(shape));
  std::normal_distribution<float> normal(0.0f, scale);
  for (int64_t index = 0; index < tensor.element_count(); ++index) {
    tensor.floats()[index] = normal(generator);
  }
  return tensor;
}

// The node and its inputs (null for omitted ones).
struct Case {
  Node node;
  std::vector<std::optional<Tensor>> inputs;
  std::vector<const Tensor*> Pointers() const {
    std::vector<const Tensor*> pointers;
    for (const auto& input : inputs) pointers.push_back(input ? &*input : nullptr);
    return pointers;
  }
};

Case MakeCase(const Config& config, uint32_t seed) {
  std::mt19937 generator(seed);
  const bool lstm = config.op == "LSTM";
  const int64_t gates = lstm ? 4 : 3;
  const int64_t directions = config.direction == "bidirectional" ? 2 : 1;
  const int64_t H = config.hidden;
  Case result;
  Node& node = result.node;
  node.name = "rnn";
  node.op_type = config.op;
  node.opset = 14;
  node.kernel = FindKernel(config.op);
  node.attributes["direction"].kind = Attribute::Kind::kString;
  node.attributes["direction"].string_value = config.direction;
  node.attributes["hidden_size"].int_value = H;
  node.attributes["layout"].int_value = config.layout;
  if (config.clip > 0) {
    node.attributes["clip"].kind = Attribute::Kind::kFloat;
    node.attributes["clip"].float_value = config.clip;
  }
  if (config.input_forget) node.attributes["input_forget"].int_value = 1;
  if (config.linear_before_reset) node.attributes["linear_before_reset"].int_value = 1;
  if (!config.activations.empty()) {
    node.attributes["activations"].kind = Attribute::Kind::kStrings;
    node.attributes["activations"].strings = config.activations;
  }
  auto& inputs = result.inputs;
  inputs.resize(lstm ? 8 : 6);
  inputs[0] = Random(config.layout ? std::vector<int64_t>{config.batch, config.seq, config.input}
                                   : std::vector<int64_t>{config.seq, config.batch, config.input},
                     generator, 1.0f);
  inputs[1] = Random({directions, gates * H, config.input}, generator, 0.6f);
  inputs[2] = Random({directions, gates * H, H}, generator, 0.6f);
  inputs[3] = Random({directions, 2 * gates * H}, generator, 0.4f);
  if (config.lengths) {
    Tensor lengths(ElementType::kInt64, {config.batch});
    for (int64_t batch = 0; batch < config.batch; ++batch) {
      const int64_t pattern[] = {config.seq, 0, 2, config.seq - 1, 1};
      lengths.int64s()[batch] = pattern[batch % 5];
    }
    inputs[4] = std::move(lengths);
  }
  std::vector<int64_t> state_shape = config.layout
                                         ? std::vector<int64_t>{config.batch, directions, H}
                                         : std::vector<int64_t>{directions, config.batch, H};
  if (config.initial_state) {
    inputs[5] = Random(state_shape, generator, 0.5f);
    if (lstm) inputs[6] = Random(state_shape, generator, 0.5f);
  }
  if (config.peepholes) inputs[7] = Random({directions, 3 * H}, generator, 0.5f);
  int next_value = 0;
  for (const auto& input : inputs) node.inputs.push_back(input ? next_value++ : kNoValue);
  node.outputs = lstm ? std::vector<int>{100, 101, 102} : std::vector<int>{100, 101};
  return result;
}

double Activate(const std::string& name, double x) {
  if (name == "Sigmoid") return 1.0 / (1.0 + std::exp(-x));
  if (name == "Tanh") return std::tanh(x);
  if (name == "Relu") return std::max(x, 0.0);
  ADD_FAILURE() << "no reference for " << name;
  return 0;
}

// Y, Y_h (and Y_c) by the ONNX equations.
std::vector<std::vector<double>> Reference(const Config& config, const Case& data) {
  const bool lstm = config.op == "LSTM";
  const int64_t gates = lstm ? 4 : 3;
  const int64_t directions = config.direction == "bidirectional" ? 2 : 1;
  const int64_t S = config.seq, N = config.batch, I = config.input, H = config.hidden;
  const int activation_count = lstm ? 3 : 2;
  std::vector<std::string> activations = config.activations;
  if (activations.empty()) {
    for (int64_t direction = 0; direction < directions; ++direction) {
      activations.insert(activations.end(), {"Sigmoid", "Tanh", "Tanh"});
      if (!lstm) activations.pop_back();
    }
  }
  auto at = [&](size_t input, int64_t index) {
    return double(data.inputs[input]->floats()[index]);
  };
  auto x_at = [&](int64_t t, int64_t b, int64_t k) {
    return at(0, (config.layout ? b * S + t : t * N + b) * I + k);
  };
  auto state_index = [&](int64_t d, int64_t b) {
    return (config.layout ? b * directions + d : d * N + b) * H;
  };
  auto y_index = [&](int64_t t, int64_t d, int64_t b) {
    return (config.layout ? (b * S + t) * directions + d : (t * directions + d) * N + b) * H;
  };
  auto clip = [&](double value) {
    return config.clip > 0 ? std::clamp(value, -double(config.clip), double(config.clip)) : value;
  };
  std::vector<std::vector<double>> out(lstm ? 3 : 2);
  out[0].assign(S * directions * N * H, 0.0);
  out[1].assign(directions * N * H, 0.0);
  if (lstm) out[2].assign(directions * N * H, 0.0);
  for (int64_t d = 0; d < directions; ++d) {
    const bool backward = config.direction == "reverse" || d == 1;
    const std::string* act = &activations[d * activation_count];
    for (int64_t b = 0; b < N; ++b) {
      const int64_t length = data.inputs[4] ? data.inputs[4]->int64s()[b] : S;
      std::vector<double> h(H, 0.0), c(H, 0.0);
      if (data.inputs[5])
        for (int64_t u = 0; u < H; ++u) h[u] = at(5, state_index(d, b) + u);
      if (lstm && data.inputs[6])
        for (int64_t u = 0; u < H; ++u) c[u] = at(6, state_index(d, b) + u);
      for (int64_t step = 0; step < length; ++step) {
        const int64_t t = backward ? length - 1 - step : step;
        // x W^T + Wb and h R^T + Rb per gate row.
        std::vector<double> xw(gates * H), hr(gates * H);
        for (int64_t row = 0; row < gates * H; ++row) {
          double sum_x = at(3, d * 2 * gates * H + row);
          double sum_h = at(3, d * 2 * gates * H + gates * H + row);
          for (int64_t k = 0; k < I; ++k)
            sum_x += x_at(t, b, k) * at(1, (d * gates * H + row) * I + k);
          for (int64_t k = 0; k < H; ++k) sum_h += h[k] * at(2, (d * gates * H + row) * H + k);
          xw[row] = sum_x;
          hr[row] = sum_h;
        }
        std::vector<double> next_h(H);
        if (lstm) {
          auto peephole = [&](int64_t gate, int64_t u) {
            return data.inputs[7] ? at(7, d * 3 * H + gate * H + u) : 0.0;
          };
          std::vector<double> next_c(H);
          for (int64_t u = 0; u < H; ++u) {
            double i = Activate(act[0], clip(xw[u] + hr[u] + peephole(0, u) * c[u]));
            double f =
                config.input_forget
                    ? 1.0 - i
                    : Activate(act[0], clip(xw[2 * H + u] + hr[2 * H + u] + peephole(2, u) * c[u]));
            double candidate = Activate(act[1], clip(xw[3 * H + u] + hr[3 * H + u]));
            next_c[u] = f * c[u] + i * candidate;
            double o = Activate(act[0], clip(xw[H + u] + hr[H + u] + peephole(1, u) * next_c[u]));
            next_h[u] = o * Activate(act[2], clip(next_c[u]));
          }
          c = next_c;
        } else {
          std::vector<double> z(H), r(H);
          for (int64_t u = 0; u < H; ++u) {
            z[u] = Activate(act[0], clip(xw[u] + hr[u]));
            r[u] = Activate(act[0], clip(xw[H + u] + hr[H + u]));
          }
          for (int64_t u = 0; u < H; ++u) {
            double pre;
            if (config.linear_before_reset) {
              pre = xw[2 * H + u] + r[u] * hr[2 * H + u];
            } else {
              double sum = at(3, d * 2 * gates * H + gates * H + 2 * H + u);  // Rbh
              for (int64_t k = 0; k < H; ++k)
                sum += r[k] * h[k] * at(2, (d * gates * H + 2 * H + u) * H + k);
              pre = xw[2 * H + u] + sum;
            }
            double candidate = Activate(act[1], clip(pre));
            next_h[u] = (1 - z[u]) * candidate + z[u] * h[u];
          }
        }
        h = next_h;
        for (int64_t u = 0; u < H; ++u) out[0][y_index(t, d, b) + u] = h[u];
      }
      if (length > 0) {
        for (int64_t u = 0; u < H; ++u) {
          out[1][state_index(d, b) + u] = h[u];
          if (lstm) out[2][state_index(d, b) + u] = c[u];
        }
      }
    }
  }
  return out;
}

void ExpectMatchesReference(const Config& config, uint32_t seed) {
  SCOPED_TRACE(Describe(config));
  Case data = MakeCase(config, seed);
  ASSERT_NE(data.node.kernel, nullptr);
  auto outputs = EvaluateNode(data.node, data.Pointers());
  ASSERT_TRUE(outputs.ok()) << outputs.status().ToString();
  auto expected = Reference(config, data);
  ASSERT_EQ(outputs->size(), expected.size());
  const char* names[] = {"Y", "Y_h", "Y_c"};
  for (size_t output = 0; output < expected.size(); ++output) {
    const Tensor& actual = *(*outputs)[output];
    ASSERT_EQ(actual.element_count(), static_cast<int64_t>(expected[output].size()))
        << names[output];
    for (int64_t index = 0; index < actual.element_count(); ++index) {
      double want = expected[output][index];
      ASSERT_NEAR(actual.floats()[index], want, 1e-4 * std::fabs(want) + 1e-5)
          << names[output] << " element " << index;
    }
  }
}

TEST(RecurrentTest, GateMathIsAccurate) {
  double worst_expm1 = 0, worst_sigmoid = 0, worst_tanh = 0;
  auto check = [&](float x) {
    const double value = x;
    if (value > -87 && value < 88 && value != 0) {
      worst_expm1 = std::max(worst_expm1, std::fabs(FastExpMinusOne(x) / std::expm1(value) - 1));
    }
    const double sigmoid = 1 / (1 + std::exp(-value));
    if (sigmoid > 1e-35)
      worst_sigmoid = std::max(worst_sigmoid, std::fabs(FastSigmoid(x) / sigmoid - 1));
    if (value != 0)
      worst_tanh = std::max(worst_tanh, std::fabs(FastTanh(x) / std::tanh(value) - 1));
  };
  for (double x = -100; x < 100; x += 0.000371) check(static_cast<float>(x));
  for (double x = -1e-3; x < 1e-3; x += 1.1e-7) check(static_cast<float>(x));
  for (float tiny : {1e-30f, -1e-30f, 1e-38f}) check(tiny);
  EXPECT_LT(worst_expm1, 3e-7);
  EXPECT_LT(worst_sigmoid, 3e-7);
  EXPECT_LT(worst_tanh, 3e-7);
  // Saturation without overflow or NaN.
  EXPECT_EQ(FastTanh(1e30f), 1.0f);
  EXPECT_EQ(FastTanh(-1e30f), -1.0f);
  EXPECT_EQ(FastSigmoid(1e30f), 1.0f);
  EXPECT_GE(FastSigmoid(-1e30f), 0.0f);
  EXPECT_LT(FastSigmoid(-1e30f), 1e-37f);
}

TEST(RecurrentTest, LstmMatchesReference) {
  uint32_t seed = 1;
  for (const char* direction : {"forward", "reverse", "bidirectional"}) {
    const int64_t directions = std::string(direction) == "bidirectional" ? 2 : 1;
    for (int64_t layout : {0, 1}) {
      for (bool lengths : {false, true}) {
        for (bool initial_state : {false, true}) {
          Config config{.direction = direction,
                        .layout = layout,
                        .lengths = lengths,
                        .initial_state = initial_state};
          ExpectMatchesReference(config, seed++);
          Config extras = config;  // peepholes and clip (the clip bound is reached)
          extras.peepholes = true;
          extras.clip = 0.8f;
          ExpectMatchesReference(extras, seed++);
          Config coupled = config;  // input_forget and other activations
          coupled.input_forget = true;
          for (int64_t d = 0; d < directions; ++d) {
            coupled.activations.insert(coupled.activations.end(), {"Sigmoid", "Relu", "Tanh"});
          }
          ExpectMatchesReference(coupled, seed++);
        }
      }
    }
  }
}

TEST(RecurrentTest, GruMatchesReference) {
  uint32_t seed = 100;
  for (const char* direction : {"forward", "reverse", "bidirectional"}) {
    const int64_t directions = std::string(direction) == "bidirectional" ? 2 : 1;
    for (int64_t layout : {0, 1}) {
      for (bool lengths : {false, true}) {
        for (bool initial_state : {false, true}) {
          for (bool linear_before_reset : {false, true}) {
            Config config{.op = "GRU",
                          .direction = direction,
                          .layout = layout,
                          .lengths = lengths,
                          .initial_state = initial_state,
                          .linear_before_reset = linear_before_reset};
            ExpectMatchesReference(config, seed++);
            Config extras = config;
            extras.clip = 0.8f;
            for (int64_t d = 0; d < directions; ++d) {
              extras.activations.insert(extras.activations.end(), {"Sigmoid", "Relu"});
            }
            ExpectMatchesReference(extras, seed++);
          }
        }
      }
    }
  }
}

TEST(RecurrentTest, LargeBatchSpansSeveralInputProjectionChunks) {
  // 1500 rows x 4 gates x 8 units: a chunk holds fewer than the 9 time steps.
  for (const char* op : {"LSTM", "GRU"}) {
    for (int64_t layout : {0, 1}) {
      Config config{.op = op,
                    .direction = "bidirectional",
                    .layout = layout,
                    .seq = 9,
                    .batch = 1500,
                    .input = 2,
                    .hidden = 8,
                    .lengths = true,
                    .initial_state = true};
      ExpectMatchesReference(config, 7);
    }
  }
}

TEST(RecurrentTest, EmptyBatchAndEmptySequence) {
  for (const char* op : {"LSTM", "GRU"}) {
    ExpectMatchesReference(Config{.op = op, .direction = "bidirectional", .batch = 0}, 3);
    ExpectMatchesReference(Config{.op = op, .layout = 1, .seq = 0, .initial_state = true}, 3);
  }
}

Status InferStatus(Case data) { return EvaluateNode(data.node, data.Pointers()).status(); }

TEST(RecurrentTest, ErrorsNameTheProblem) {
  Config config;
  Case unsupported = MakeCase(config, 1);
  unsupported.node.attributes["activations"].kind = Attribute::Kind::kStrings;
  unsupported.node.attributes["activations"].strings = {"Sigmoid", "Softsign", "Tanh"};
  EXPECT_EQ(InferStatus(unsupported).message(),
            "Invalid model: node 'rnn' (LSTM): activation 'Softsign' is not supported "
            "(supported: Sigmoid, Tanh, Relu)");
  Case count = MakeCase(config, 1);
  count.node.attributes["activations"].kind = Attribute::Kind::kStrings;
  count.node.attributes["activations"].strings = {"Sigmoid", "Tanh"};
  EXPECT_THAT(InferStatus(count).message(), HasSubstr("activations lists 2 functions, expected 3"));
  Case direction = MakeCase(config, 1);
  direction.node.attributes["direction"].string_value = "sideways";
  EXPECT_THAT(InferStatus(direction).message(),
              HasSubstr("direction must be forward, reverse or bidirectional, not 'sideways'"));
  Case two_directions = MakeCase(Config{.direction = "bidirectional"}, 1);
  two_directions.node.attributes["direction"].string_value = "forward";
  EXPECT_THAT(InferStatus(two_directions).message(),
              HasSubstr("W has shape [2, 16, 3], expected [1, 16, 3]"));
  Case hidden = MakeCase(config, 1);
  hidden.node.attributes["hidden_size"].int_value = 5;
  EXPECT_THAT(InferStatus(hidden).message(),
              HasSubstr("hidden_size 5 does not match R [1, 16, 4]"));
  Case clip = MakeCase(Config{.clip = 1}, 1);
  clip.node.attributes["clip"].float_value = -1;
  EXPECT_THAT(InferStatus(clip).message(), HasSubstr("clip must be positive"));
  Case float_lengths = MakeCase(config, 1);
  float_lengths.inputs[4] = Tensor(ElementType::kFloat32, {5});
  float_lengths.node.inputs[4] = 4;
  EXPECT_THAT(InferStatus(float_lengths).message(),
              HasSubstr("input 4 has type FLOAT32, expected INT64"));
  // A length beyond the sequence is a data error at run time.
  Case too_long = MakeCase(Config{.lengths = true}, 1);
  too_long.inputs[4]->int64s()[1] = 7;
  Status status = InferStatus(too_long);
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(status.message(),
            "Model input error in node 'rnn' (LSTM): sequence_lens[1] = 7 is outside [0, 6]");
}

}  // namespace
}  // namespace dq::ml
