#include "functions/function_list.h"

#include "functions/function_registry.h"

namespace dq {

void RegisterBuiltinFunctions(FunctionRegistry& registry) {
  RegisterArithmeticFunctions(registry);
  RegisterComparisonFunctions(registry);
  RegisterCastFunctions(registry);
  RegisterBasicAggregateFunctions(registry);
  RegisterMinMaxAggregateFunctions(registry);
  RegisterVarianceAggregateFunctions(registry);
  RegisterMathFunctions(registry);
  RegisterNumericMathFunctions(registry);
  RegisterParseNumericFunctions(registry);
  RegisterBitwiseFunctions(registry);
  RegisterConditionalFunctions(registry);
  RegisterErrorFunction(registry);
  RegisterStringFunctions(registry);
  RegisterStringFormatFunctions(registry);
  RegisterLikeFunctions(registry);
  RegisterDateFunctions(registry);
  RegisterTimestampFunctions(registry);
  RegisterIntervalFunctions(registry);
  RegisterRowIdFunctions(registry);
  RegisterInSetFunctions(registry);
  RegisterNestedAccessFunctions(registry);
  RegisterNestedComparisonFunctions(registry);
  RegisterIsDistinctFunctions(registry);
  RegisterArrayFunctions(registry);
  RegisterArrayIsDistinctFunction(registry);
  RegisterArrayGeneratorFunctions(registry);
  RegisterArrayAggregateFunctions(registry);
  RegisterRegexpFunctions(registry);
  RegisterJsonFunctions(registry);
  RegisterDatetimeFormatFunctions(registry);
  RegisterTimeFunctions(registry);
  RegisterFormatFunction(registry);
  RegisterStringEncodingFunctions(registry);
  RegisterStringSearchFunctions(registry);
  RegisterStringCaseFunctions(registry);
  RegisterCovarianceAggregateFunctions(registry);
  RegisterApproxCountDistinctFunctions(registry);
  RegisterApproxAggregateFunctions(registry);
}

}  // namespace dq
