// Binding of INTERVAL literals and constructors (value rules in types/interval.h):
//   INTERVAL <expr> <part>                 -> $interval_from_part(INT64 expr, part)
//   INTERVAL '<text>' <part> [TO <part>]   -> a constant parsed from the text
// (Date functions such as DATE_ADD(d, INTERVAL n DAY) take their INTERVAL argument apart
// themselves; see BindFunctionArguments.)
#include "common/ascii.h"
#include "common/error.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"
#include "types/interval.h"

namespace dq {

namespace {

bool IsTextField(const std::string& part) {
  return part == "YEAR" || part == "MONTH" || part == "DAY" || part == "HOUR" ||
         part == "MINUTE" || part == "SECOND";
}

}  // namespace

ExpressionPtr ExpressionBinder::BindInterval(const sql::IntervalLiteral& interval) {
  std::string part = AsciiUpper(interval.part);
  std::string to_part = AsciiUpper(interval.to_part);
  ExpressionPtr value = Bind(*interval.value);
  bool text = value->IsConstant() && value->type.id() == TypeId::kString;
  if (!text && !to_part.empty()) {
    throw Error(ErrorKind::kBinding,
                "INTERVAL ... " + part + " TO " + to_part + " requires a string literal",
                interval.position);
  }
  if (text && (!to_part.empty() || IsTextField(part))) {
    if (value->value.is_null()) return MakeConstant(Value::Null(TypeId::kInterval), interval.position);
    try {
      return MakeConstant(
          Value::IntervalValue(ParseIntervalWithParts(value->value.string_value(), part, to_part)),
          interval.position);
    } catch (Error& error) {
      throw Error(ErrorKind::kBinding, error.message(), interval.position);
    }
  }
  if (value->type.id() != TypeId::kInt64 && value->type.id() != TypeId::kNull && !text) {
    throw Error(ErrorKind::kBinding,
                "INTERVAL value must be an INT64, but got " + value->type.ToString(),
                interval.value->position);
  }
  try {
    IntervalFromPart(0, part);  // validates the part name
  } catch (Error& error) {
    throw Error(ErrorKind::kBinding, error.message(), interval.position);
  }
  std::vector<ExpressionPtr> arguments;
  arguments.push_back(CoerceTo(std::move(value), TypeId::kInt64));
  arguments.push_back(MakeConstant(Value::String(part), interval.position));
  return BindFunctionCall("$interval_from_part", std::move(arguments), interval.position);
}

}  // namespace dq
