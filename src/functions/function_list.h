// The one list of built-in function families. Each family lives in its own file and exposes
// one Register*Functions call; function_list.cc calls them all.
#pragma once

namespace dq {

class FunctionRegistry;

void RegisterBuiltinFunctions(FunctionRegistry& registry);

// Families (one file each under src/functions/<category>/).
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterCastFunctions(FunctionRegistry& registry);
void RegisterBasicAggregateFunctions(FunctionRegistry& registry);
void RegisterMinMaxAggregateFunctions(FunctionRegistry& registry);
void RegisterVarianceAggregateFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterNumericMathFunctions(FunctionRegistry& registry);
void RegisterParseNumericFunctions(FunctionRegistry& registry);
void RegisterBitwiseFunctions(FunctionRegistry& registry);
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterErrorFunction(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterStringFormatFunctions(FunctionRegistry& registry);
void RegisterLikeFunctions(FunctionRegistry& registry);
void RegisterDateFunctions(FunctionRegistry& registry);
void RegisterTimestampFunctions(FunctionRegistry& registry);
void RegisterIntervalFunctions(FunctionRegistry& registry);
void RegisterRowIdFunctions(FunctionRegistry& registry);
void RegisterInSetFunctions(FunctionRegistry& registry);
void RegisterNestedAccessFunctions(FunctionRegistry& registry);
void RegisterNestedComparisonFunctions(FunctionRegistry& registry);
void RegisterIsDistinctFunctions(FunctionRegistry& registry);
void RegisterArrayFunctions(FunctionRegistry& registry);
void RegisterArrayIsDistinctFunction(FunctionRegistry& registry);
void RegisterArrayGeneratorFunctions(FunctionRegistry& registry);
void RegisterArrayAggregateFunctions(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterJsonFunctions(FunctionRegistry& registry);
void RegisterDatetimeFormatFunctions(FunctionRegistry& registry);
void RegisterTimeFunctions(FunctionRegistry& registry);
void RegisterFormatFunction(FunctionRegistry& registry);
void RegisterStringEncodingFunctions(FunctionRegistry& registry);
void RegisterStringSearchFunctions(FunctionRegistry& registry);
void RegisterStringCaseFunctions(FunctionRegistry& registry);
void RegisterCovarianceAggregateFunctions(FunctionRegistry& registry);
void RegisterApproxCountDistinctFunctions(FunctionRegistry& registry);
void RegisterApproxAggregateFunctions(FunctionRegistry& registry);

}  // namespace dq
