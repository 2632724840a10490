#include <gtest/gtest.h>

#include <cmath>

#include "function_test_util.h"

namespace dq {
namespace {

using testing::RunAggregate;

TEST(ApproxCountDistinctTest, ExactWhileSmall) {
  std::vector<Value> values;
  for (int64_t index = 0; index < 900; ++index) values.push_back(Value::Int64(index % 300));
  values.push_back(Value::Null(TypeId::kInt64));
  EXPECT_EQ(RunAggregate("APPROX_COUNT_DISTINCT", TypeId::kInt64, values, 450), Value::Int64(300));
  EXPECT_EQ(RunAggregate("APPROX_COUNT_DISTINCT", TypeId::kString, {}, 0), Value::Int64(0));
}

TEST(ApproxCountDistinctTest, WithinErrorBoundAndMergeable) {
  for (int64_t distinct : {5000, 100000}) {
    std::vector<Value> values;
    for (int64_t index = 0; index < distinct * 2; ++index) {
      values.push_back(Value::String("key-" + std::to_string(index % distinct)));
    }
    Value one_sided = RunAggregate("APPROX_COUNT_DISTINCT", TypeId::kString, values, values.size());
    Value split = RunAggregate("APPROX_COUNT_DISTINCT", TypeId::kString, values, values.size() / 3);
    Value reversed =
        RunAggregate("APPROX_COUNT_DISTINCT", TypeId::kString, values, values.size() / 3, true);
    EXPECT_EQ(one_sided, split);
    EXPECT_EQ(one_sided, reversed);
    double error = std::fabs(static_cast<double>(one_sided.int64_value() - distinct)) /
                   static_cast<double>(distinct);
    EXPECT_LT(error, 0.03) << distinct << " estimated as " << one_sided.int64_value();
  }
}

TEST(CovarianceTest, MatchesClosedForm) {
  const AggregateFunction* corr = nullptr;
  for (const AggregateFunction& function : *FunctionRegistry::Get().FindAggregate("CORR")) {
    corr = &function;
  }
  ASSERT_NE(corr, nullptr);
  testing::AggregateStates states(*corr, 2);
  DataChunk args;
  args.Initialize({TypeId::kFloat64, TypeId::kFloat64}, 4);
  double ys[] = {2, 4.5, 5.5, 9};
  double xs[] = {1, 2, 3, 4};
  for (size_t row = 0; row < 4; ++row) {
    args.SetValue(0, row, Value::Float64(ys[row]));
    args.SetValue(1, row, Value::Float64(xs[row]));
  }
  args.SetSize(4);
  std::vector<uint8_t*> pointers = {states.get(0), states.get(0), states.get(1), states.get(1)};
  AggregateCall call{nullptr, TypeId::kFloat64};
  corr->update(call, args, pointers.data());
  corr->combine(call, states.get(1), states.get(0));
  Vector result(TypeId::kFloat64, 1);
  uint8_t* finals[1] = {states.get(0)};
  corr->finalize(call, finals, 1, result, 0);
  // Pearson correlation by hand: sum dx*dy = 11, sum dx^2 = 5, sum dy^2 = 25.25.
  EXPECT_NEAR(result.GetValue(0).float64_value(), 11 / std::sqrt(5 * 25.25), 1e-12);
}

}  // namespace
}  // namespace dq
