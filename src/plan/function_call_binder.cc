// Binding of function calls: overload resolution with GoogleSQL coercions, the session time
// zone as a default argument, date-part arguments, EXTRACT and CURRENT_*.
#include <algorithm>
#include <set>

#include "common/ascii.h"
#include "common/error.h"
#include "functions/cast/cast.h"
#include "functions/function_registry.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"
#include "types/time_zone.h"

namespace dq {

namespace {

// The overload of the same function that takes `chosen`'s arguments plus a trailing time zone
// defaulting to the session's (ScalarFunction::session_time_zone), or null.
const ScalarFunction* SessionTimeZoneOverload(const std::vector<ScalarFunction>& overloads,
                                              const ScalarFunction& chosen) {
  for (const ScalarFunction& candidate : overloads) {
    if (candidate.session_time_zone && !candidate.bind &&
        candidate.arguments.size() == chosen.arguments.size() + 1 &&
        std::equal(chosen.arguments.begin(), chosen.arguments.end(),
                   candidate.arguments.begin())) {
      return &candidate;
    }
  }
  return nullptr;
}

std::string SignatureText(const std::string& name, const ScalarFunction& function) {
  std::string out = (name[0] == '$' ? name.substr(1) : name) + "(";
  for (size_t index = 0; index < function.arguments.size(); ++index) {
    if (index > 0) out += ", ";
    out += function.arguments[index].ToString();
  }
  if (function.variadic.IsValid()) out += ", ...";
  return out + ")";
}

// Date parts that may appear as bare identifiers in date function arguments.
bool IsDatePartName(const std::string& upper) {
  static const std::set<std::string> kParts = {
      "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "DAYOFWEEK", "DAYOFYEAR",
      "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR", "DATE", "TIME", "DATETIME"};
  return kParts.count(upper) > 0;
}

bool IsDateFunction(const std::string& upper) {
  return upper.rfind("DATE_", 0) == 0 || upper.rfind("DATETIME_", 0) == 0 ||
         upper.rfind("TIMESTAMP_", 0) == 0 || upper.rfind("TIME_", 0) == 0 || upper == "LAST_DAY";
}

// A STRING literal fits a DATE/DATETIME/TIME/TIMESTAMP parameter only if its text is such a
// value: TIME('2010-11-12 01:02:03+08') is TIME(TIMESTAMP), not TIME(DATETIME).
bool TextLiteralConverts(const Expression& argument, const LogicalType& parameter) {
  TypeId target = parameter.id();
  if (!argument.IsConstant() || argument.value.is_null() ||
      argument.type.id() != TypeId::kString ||
      (target != TypeId::kDate && target != TypeId::kDatetime && target != TypeId::kTime &&
       target != TypeId::kTimestamp)) {
    return true;
  }
  return !CastValue(argument.value, parameter, /*safe=*/true, BindingTimeZoneScope::Current())
              .is_null();
}

}  // namespace

ExpressionPtr ExpressionBinder::BindExtract(const sql::ExtractExpression& extract) {
  std::string part = extract.part;
  if (!extract.part_argument.empty()) part += "(" + extract.part_argument + ")";
  ExpressionPtr operand = Bind(*extract.operand);
  if (operand->type.id() == TypeId::kInterval) {
    std::vector<ExpressionPtr> arguments;
    arguments.push_back(MakeConstant(Value::String(AsciiUpper(part)), extract.position));
    arguments.push_back(std::move(operand));
    return BindFunctionCall("$extract_interval", std::move(arguments), extract.position);
  }
  if (!extract.time_zone && operand->type.id() == TypeId::kTimestamp &&
      !binder_.time_zone().is_utc()) {
    // Parts of a TIMESTAMP are those of its civil time in the session's zone.
    std::vector<ExpressionPtr> civil;
    civil.push_back(std::move(operand));
    civil.push_back(MakeConstant(Value::String(binder_.time_zone().name()), extract.position));
    operand = BindFunctionCall("DATETIME", std::move(civil), extract.position);
    if (AsciiUpper(part) == "DATETIME") return operand;
  } else if (extract.time_zone) {
    // EXTRACT(part FROM ts AT TIME ZONE tz) reads the part from the civil time of ts in tz,
    // i.e. from DATETIME(ts, tz).
    if (operand->type.id() != TypeId::kTimestamp) {
      throw Error(ErrorKind::kBinding,
                  "EXTRACT ... AT TIME ZONE requires a TIMESTAMP, but got " +
                      operand->type.ToString(),
                  extract.operand->position);
    }
    std::vector<ExpressionPtr> civil;
    civil.push_back(std::move(operand));
    civil.push_back(Bind(*extract.time_zone));
    operand = BindFunctionCall("DATETIME", std::move(civil), extract.position);
    if (AsciiUpper(part) == "DATETIME") return operand;
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(MakeConstant(Value::String(part), extract.position));
  arguments.push_back(std::move(operand));
  return BindFunctionCall("$extract", std::move(arguments), extract.position);
}

std::vector<ExpressionPtr> ExpressionBinder::BindFunctionArguments(const std::string& name,
                                                                   const sql::FunctionCall& call) {
  std::vector<ExpressionPtr> arguments;
  bool date_function = IsDateFunction(name);
  // GENERATE_DATE_ARRAY / GENERATE_TIMESTAMP_ARRAY take an INTERVAL step but no bare parts.
  bool interval_function =
      date_function || name == "GENERATE_DATE_ARRAY" || name == "GENERATE_TIMESTAMP_ARRAY";
  for (size_t index = 0; index < call.arguments.size(); ++index) {
    const auto& argument = call.arguments[index];
    // The date part is the last argument of DATE_TRUNC(d, MONTH), DATE_DIFF(a, b, DAY), ...:
    // there a bare part name is the part, even when a column has that name.
    bool part_position = index > 0 && index + 1 == call.arguments.size();
    if (interval_function && argument->kind == sql::ExpressionKind::kInterval) {
      const auto& interval = argument->As<sql::IntervalLiteral>();
      arguments.push_back(CoerceTo(Bind(*interval.value), TypeId::kInt64));
      arguments.push_back(MakeConstant(Value::String(interval.part), interval.position));
      continue;
    }
    if (date_function && argument->kind == sql::ExpressionKind::kPath) {
      const auto& path = argument->As<sql::PathExpression>();
      std::string upper = AsciiUpper(path.names[0]);
      if (path.names.size() == 1 && IsDatePartName(upper) &&
          (part_position || !scope_.FindColumn(path.names[0], path.position))) {
        arguments.push_back(MakeConstant(Value::String(upper), path.position));
        continue;
      }
    }
    if (date_function && argument->kind == sql::ExpressionKind::kFunctionCall) {
      // WEEK(MONDAY) as a date part.
      const auto& part_call = argument->As<sql::FunctionCall>();
      if (part_call.name.size() == 1 && AsciiUpper(part_call.name[0]) == "WEEK" &&
          part_call.arguments.size() == 1 &&
          part_call.arguments[0]->kind == sql::ExpressionKind::kPath) {
        std::string day = AsciiUpper(part_call.arguments[0]->As<sql::PathExpression>().names[0]);
        arguments.push_back(MakeConstant(Value::String("WEEK(" + day + ")"), part_call.position));
        continue;
      }
    }
    arguments.push_back(Bind(*argument));
  }
  return arguments;
}

ExpressionPtr ExpressionBinder::BindFunction(const sql::FunctionCall& call) {
  if (call.over) return BindAnalytic(call);
  bool safe = false;
  std::vector<std::string> path = call.name;
  if (path.size() == 2 && AsciiUpper(path[0]) == "SAFE") {
    safe = true;
    path.erase(path.begin());
  }
  if (path.size() != 1) {
    std::string full;
    for (size_t index = 0; index < call.name.size(); ++index) {
      full += (index > 0 ? "." : "") + call.name[index];
    }
    throw Error(ErrorKind::kBinding, "Function not found: " + full, call.position);
  }
  std::string name = AsciiUpper(path[0]);
  const FunctionRegistry& registry = FunctionRegistry::Get();
  if (name == "GROUPING") return BindGrouping(call);
  if (call.star_argument || registry.FindAggregate(name)) {
    if (safe) throw Error(ErrorKind::kNotSupported, "SAFE. is not supported on aggregate functions", call.position);
    return BindAggregate(call, name);
  }
  if (call.distinct) {
    throw Error(ErrorKind::kBinding, "DISTINCT is only allowed in aggregate functions",
                call.position);
  }
  // Conditional forms evaluated lazily.
  if (name == "IF" || name == "IFNULL" || name == "COALESCE") {
    std::vector<ExpressionPtr> arguments;
    for (const auto& argument : call.arguments) arguments.push_back(Bind(*argument));
    if (name == "IF") {
      if (arguments.size() != 3) {
        throw Error(ErrorKind::kBinding, "Number of arguments does not match for function IF. Supported signature: IF(BOOL, ANY, ANY)", call.position);
      }
      if (arguments[0]->type.id() != TypeId::kBool && arguments[0]->type.id() != TypeId::kNull) {
        throw Error(ErrorKind::kBinding, "IF condition should return type BOOL, but returns " + arguments[0]->type.ToString(), call.arguments[0]->position);
      }
      ExpressionPtr condition = CoerceTo(std::move(arguments[0]), TypeId::kBool);
      std::vector<ExpressionPtr> branches;
      branches.push_back(std::move(arguments[1]));
      branches.push_back(std::move(arguments[2]));
      ExpressionPtr typed = BindConditional(ExpressionKind::kCase, std::move(branches), call.position, "function IF");
      typed->children.insert(typed->children.begin(), std::move(condition));
      return FoldConstant(std::move(typed));
    }
    if (name == "IFNULL" && arguments.size() != 2) {
      throw Error(ErrorKind::kBinding, "Number of arguments does not match for function IFNULL. Supported signature: IFNULL(ANY, ANY)", call.position);
    }
    if (arguments.empty()) {
      throw Error(ErrorKind::kBinding, "COALESCE requires at least one argument", call.position);
    }
    ExpressionPtr coalesce = BindConditional(ExpressionKind::kCoalesce, std::move(arguments), call.position,
                                             name == "IFNULL" ? "function IFNULL" : "function COALESCE");
    return FoldConstant(std::move(coalesce));
  }
  std::vector<ExpressionPtr> arguments = BindFunctionArguments(name, call);
  if (name == "CURRENT_TIMESTAMP" || name == "CURRENT_DATE" || name == "CURRENT_DATETIME" ||
      name == "CURRENT_TIME") {
    return BindCurrentTime(name, std::move(arguments), call.position, safe);
  }
  return BindFunctionCall(name, std::move(arguments), call.position, safe);
}

// CURRENT_TIMESTAMP() is the statement's time, a constant; CURRENT_DATE/DATETIME/TIME([zone])
// are DATE/DATETIME/TIME(<that constant> [, zone]), so all of them agree within a statement.
ExpressionPtr ExpressionBinder::BindCurrentTime(const std::string& name,
                                                std::vector<ExpressionPtr> arguments,
                                                int64_t position, bool safe) {
  bool takes_zone = name != "CURRENT_TIMESTAMP";
  bool valid = arguments.empty() ||
               (takes_zone && arguments.size() == 1 &&
                (arguments[0]->type.id() == TypeId::kString ||
                 arguments[0]->type.id() == TypeId::kNull));
  if (!valid) {
    throw Error(ErrorKind::kBinding,
                "No matching signature for function " + name + " for argument types: " +
                    ArgumentTypeList(arguments) + ". Supported signature: " + name +
                    (takes_zone ? "([STRING])" : "()"),
                position);
  }
  ExpressionPtr now =
      MakeConstant(Value::Timestamp(binder_.statement_time_micros()), position);
  if (!takes_zone) return now;
  arguments.insert(arguments.begin(), std::move(now));
  const char* conversion = name == "CURRENT_DATE"       ? "DATE"
                           : name == "CURRENT_DATETIME" ? "DATETIME"
                                                        : "TIME";
  return BindFunctionCall(conversion, std::move(arguments), position, safe);
}

ExpressionPtr ExpressionBinder::BindFunctionCall(const std::string& name,
                                                 std::vector<ExpressionPtr> arguments,
                                                 int64_t position, bool safe) {
  const std::vector<ScalarFunction>* overloads = FunctionRegistry::Get().FindScalar(name);
  if (!overloads) {
    std::string message = "Function not found: " + name;
    std::string best;
    size_t best_distance = SIZE_MAX;
    for (const std::string& candidate : FunctionRegistry::Get().AllNames()) {
      size_t distance = EditDistance(name, candidate);
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
    if (!best.empty() && best_distance <= 2) message += "; Did you mean " + best + "?";
    throw Error(ErrorKind::kBinding, message, position);
  }
  const ScalarFunction* chosen = nullptr;
  int chosen_cost = 0;
  ScalarBindOutput bind_output;
  std::vector<LogicalType> chosen_types;
  // An overload that fits but for a STRING literal whose text is not a value of its type.
  const ScalarFunction* literal_fallback = nullptr;
  std::vector<LogicalType> literal_fallback_types;
  std::vector<LogicalType> argument_types;
  std::vector<const Value*> constants;
  for (const auto& argument : arguments) {
    argument_types.push_back(argument->type);
    constants.push_back(argument->IsConstant() ? &argument->value : nullptr);
  }
  for (const ScalarFunction& candidate : *overloads) {
    if (arguments.size() < candidate.min_arguments || arguments.size() > candidate.max_arguments) {
      continue;
    }
    if (candidate.bind) {
      ScalarBindOutput output;
      if (!candidate.bind(ScalarBindInput{argument_types, constants}, &output)) continue;
      int cost = 0;
      bool ok = true;
      for (size_t index = 0; index < arguments.size() && ok; ++index) {
        auto step = CoercionCost(argument_types[index], output.argument_types[index],
                                 arguments[index]->IsConstant());
        if (!step) ok = false;
        else cost += *step;
      }
      if (ok && (!chosen || cost < chosen_cost)) {
        chosen = &candidate;
        chosen_cost = cost;
        chosen_types = output.argument_types;
        bind_output = output;
      }
      continue;
    }
    int cost = 0;
    bool ok = true;
    bool bad_literal = false;
    std::vector<LogicalType> parameter_types;
    for (size_t index = 0; index < arguments.size() && ok; ++index) {
      const LogicalType& parameter =
          index < candidate.arguments.size() ? candidate.arguments[index] : candidate.variadic;
      auto step = CoercionCost(argument_types[index], parameter, arguments[index]->IsConstant());
      if (!step) ok = false;
      else cost += *step;
      if (ok && !TextLiteralConverts(*arguments[index], parameter)) bad_literal = true;
      parameter_types.push_back(parameter);
    }
    if (ok && bad_literal) {
      // Viable only when nothing else is: then binding reports the literal's error.
      if (!literal_fallback) {
        literal_fallback = &candidate;
        literal_fallback_types = parameter_types;
      }
      continue;
    }
    if (ok && (!chosen || cost < chosen_cost)) {
      chosen = &candidate;
      chosen_cost = cost;
      chosen_types = parameter_types;
      bind_output = ScalarBindOutput{parameter_types, candidate.return_type, nullptr};
    }
  }
  // A function (not an operator: 'a' + 1 has no matching signature) that only a literal's
  // text rules out reports that literal's error.
  if (!chosen && literal_fallback && name[0] != '$') {
    chosen = literal_fallback;
    chosen_types = literal_fallback_types;
    bind_output = ScalarBindOutput{chosen_types, chosen->return_type, nullptr};
  }
  if (!chosen) {
    std::string message = "No matching signature for " + DisplayName(name) +
                          " for argument types: " + ArgumentTypeList(arguments);
    std::string signatures;
    for (const ScalarFunction& candidate : *overloads) {
      if (candidate.bind) continue;
      signatures += (signatures.empty() ? "" : "; ") + SignatureText(name, candidate);
    }
    if (!signatures.empty() && overloads->size() <= 12) {
      message += ". Supported signatures: " + signatures;
    }
    throw Error(ErrorKind::kBinding, message, position);
  }
  if (!chosen->bind && !binder_.time_zone().is_utc() &&
      SessionTimeZoneOverload(*overloads, *chosen) != nullptr) {
    arguments.push_back(MakeConstant(Value::String(binder_.time_zone().name()), position));
    return BindFunctionCall(name, std::move(arguments), position, safe);
  }
  for (size_t index = 0; index < arguments.size(); ++index) {
    arguments[index] = CoerceTo(std::move(arguments[index]), chosen_types[index]);
  }
  ExpressionPtr result = MakeFunction(chosen, std::move(arguments), bind_output.return_type,
                                      bind_output.bind_data, position);
  result->safe = safe;
  // NULL in a NULL-propagating function folds to a NULL of the result type.
  if (chosen->propagates_nulls) {
    for (const auto& argument : result->children) {
      if (argument->IsConstant() && argument->value.is_null()) {
        return MakeConstant(Value::Null(result->type), position);
      }
    }
  }
  return FoldConstant(std::move(result));
}

}  // namespace dq
