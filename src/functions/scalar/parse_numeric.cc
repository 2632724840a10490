// PARSE_NUMERIC(STRING) -> NUMERIC: the lenient text form BigQuery accepts, wider than
// CAST(... AS NUMERIC):
//   * whitespace around the whole text and between the sign and the digits (" - 12.34 ");
//   * the sign before or after the number ("12.34-", "1.5 +"), at most one sign;
//   * commas in the integer part as digit-group separators ("1,234.5"), never first and
//     never after the decimal point or in the exponent;
//   * an exponent ("12.34e-1").
// No whitespace may appear inside the number itself ("1 2.34" is invalid). More than nine
// fractional digits round half away from zero. Malformed or out-of-range text is an error
// (kInvalidInput, "Invalid NUMERIC value: <text>"), so SAFE.PARSE_NUMERIC gives NULL.
#include <string>
#include <string_view>

#include "common/error.h"
#include "functions/cast/cast_parse.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "types/numeric.h"

namespace dq {

namespace {

bool IsSign(char c) { return c == '+' || c == '-'; }

// The text CAST accepts for `text`, or false when `text` breaks PARSE_NUMERIC's rules.
bool NormalizeNumericText(std::string_view text, std::string* normalized) {
  text = TrimAsciiWhitespace(text);
  char sign = 0;
  if (!text.empty() && IsSign(text.front())) {
    sign = text.front();
    text = TrimAsciiWhitespace(text.substr(1));
  } else if (!text.empty() && IsSign(text.back())) {
    sign = text.back();
    text = TrimAsciiWhitespace(text.substr(0, text.size() - 1));
  }
  if (text.empty()) return false;
  normalized->clear();
  if (sign == '-') normalized->push_back('-');
  bool in_integer_part = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',') {
      if (!in_integer_part || i == 0) return false;
      continue;
    }
    if (c == '.' || c == 'e' || c == 'E') in_integer_part = false;
    // Anything else CAST rejects (spaces, a second sign outside the exponent, letters).
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;
    if (IsSign(c) && !(i > 0 && (text[i - 1] == 'e' || text[i - 1] == 'E'))) return false;
    normalized->push_back(c);
  }
  return true;
}

void ParseNumericKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string normalized;
  ExecuteUnary<StringView, int128_t>(
      args.column(0), args.size(), result, [&normalized](const StringView& text) {
        int128_t scaled;
        if (!NormalizeNumericText(text.view(), &normalized) ||
            !ParseNumeric(normalized, &scaled)) {
          throw Error(ErrorKind::kInvalidInput, "Invalid NUMERIC value: " + text.str());
        }
        return scaled;
      });
}

}  // namespace

void RegisterParseNumericFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "PARSE_NUMERIC",
                                    .arguments = {TypeId::kString},
                                    .return_type = TypeId::kNumeric,
                                    .kernel = ParseNumericKernel});
}

}  // namespace dq
