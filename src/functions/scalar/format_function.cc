// FORMAT(format_string, value...): printf-style formatting with GoogleSQL's specifiers.
//
//   %d %i      INT64                    %o %x %X   INT64 in octal / hex (`#` adds 0 / 0x)
//   %f %F      FLOAT64, NUMERIC, INT64  %e %E %g %G  scientific / shortest forms
//   %s         STRING (other types print as with %t)
//   %t         any value as printable text (CAST AS STRING; arrays [a, b], structs (a, b))
//   %T         any value as a GoogleSQL literal ("abc", DATE "2024-01-01", [1, 2])
//   %%         a percent sign
// Flags `-` `+` ` ` `#` `0` and `'` (thousands separators), a width and a `.precision`, each
// of which may be `*` (taken from the next INT64 argument), as in GoogleSQL.
//
// NULL: a NULL format gives NULL; a NULL value gives "NULL" under %t / %T and makes the whole
// result NULL otherwise. Errors (kOutOfRange): a specifier without a value ("Too few
// arguments to FORMAT"), a value of the wrong type, an unknown specifier, unused values.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/scalar/string_kernels.h"

namespace dq {

namespace {

[[noreturn]] void ThrowFormatError(const std::string& message) {
  throw Error(ErrorKind::kOutOfRange, message);
}

struct Spec {
  bool left = false;
  bool plus = false;
  bool space = false;
  bool alternate = false;
  bool zero = false;
  bool grouping = false;
  int64_t width = -1;
  int64_t precision = -1;
  char conversion = 0;
};

std::string PrintableText(const Value& value) {
  if (value.is_null()) return "NULL";
  if (value.type().id() == TypeId::kArray || value.type().id() == TypeId::kStruct) {
    bool array = value.type().id() == TypeId::kArray;
    std::string out = array ? "[" : "(";
    for (size_t index = 0; index < value.children().size(); ++index) {
      if (index > 0) out += ", ";
      out += PrintableText(value.children()[index]);
    }
    return out + (array ? "]" : ")");
  }
  return value.ToString();
}

std::string LiteralText(const Value& value) {
  if (value.is_null() || (value.type().id() != TypeId::kArray &&
                          value.type().id() != TypeId::kStruct)) {
    return value.ToSqlLiteral();
  }
  bool array = value.type().id() == TypeId::kArray;
  std::string out = array ? "[" : "(";
  for (size_t index = 0; index < value.children().size(); ++index) {
    if (index > 0) out += ", ";
    out += LiteralText(value.children()[index]);
  }
  return out + (array ? "]" : ")");
}

// Inserts ',' every three digits in the integer part of `digits` (which may carry a sign).
std::string GroupThousands(const std::string& digits) {
  size_t begin = (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) ? 1 : 0;
  size_t end = digits.find_first_not_of("0123456789", begin);
  if (end == std::string::npos) end = digits.size();
  std::string out = digits.substr(0, begin);
  for (size_t index = begin; index < end; ++index) {
    out.push_back(digits[index]);
    size_t remaining = end - index - 1;
    if (remaining > 0 && remaining % 3 == 0) out.push_back(',');
  }
  return out + digits.substr(end);
}

// Pads `body` (whose sign/prefix is `prefix`) to the spec's width.
void AppendPadded(const Spec& spec, const std::string& prefix, const std::string& body,
                  bool numeric, std::string* out) {
  int64_t length = static_cast<int64_t>(prefix.size() + body.size());
  int64_t fill = spec.width > length ? spec.width - length : 0;
  if (spec.left) {
    out->append(prefix).append(body).append(static_cast<size_t>(fill), ' ');
  } else if (spec.zero && numeric) {
    out->append(prefix).append(static_cast<size_t>(fill), '0').append(body);
  } else {
    out->append(static_cast<size_t>(fill), ' ').append(prefix).append(body);
  }
}

std::string SignPrefix(const Spec& spec, bool negative) {
  if (negative) return "-";
  if (spec.plus) return "+";
  if (spec.space) return " ";
  return "";
}

void FormatInteger(const Spec& spec, int64_t value, std::string* out) {
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char buffer[32];
  const char* pattern = spec.conversion == 'o'   ? "%llo"
                        : spec.conversion == 'x' ? "%llx"
                        : spec.conversion == 'X' ? "%llX"
                                                 : "%llu";
  std::snprintf(buffer, sizeof(buffer), pattern, static_cast<unsigned long long>(magnitude));
  std::string body = buffer;
  if (spec.precision >= 0 && static_cast<int64_t>(body.size()) < spec.precision) {
    body.insert(0, static_cast<size_t>(spec.precision - static_cast<int64_t>(body.size())), '0');
  }
  if (spec.grouping && (spec.conversion == 'd' || spec.conversion == 'i')) {
    body = GroupThousands(body);
  }
  std::string prefix = SignPrefix(spec, negative);
  if (spec.alternate && magnitude != 0) {
    if (spec.conversion == 'o' && body[0] != '0') prefix += "0";
    if (spec.conversion == 'x') prefix += "0x";
    if (spec.conversion == 'X') prefix += "0X";
  }
  AppendPadded(spec, prefix, body, true, out);
}

void FormatFloating(const Spec& spec, double value, std::string* out) {
  bool upper = spec.conversion == 'F' || spec.conversion == 'E' || spec.conversion == 'G';
  if (std::isnan(value) || std::isinf(value)) {
    std::string body = std::isnan(value) ? "nan" : "inf";
    if (upper) body = std::isnan(value) ? "NAN" : "INF";
    AppendPadded(spec, SignPrefix(spec, !std::isnan(value) && value < 0), body, false, out);
    return;
  }
  bool negative = std::signbit(value);
  std::string pattern = "%";
  if (spec.alternate) pattern += '#';
  pattern += '.';
  pattern += std::to_string(spec.precision >= 0 ? spec.precision : 6);
  pattern += spec.conversion;
  char buffer[512];
  int length = std::snprintf(buffer, sizeof(buffer), pattern.c_str(), std::fabs(value));
  std::string body;
  if (length >= static_cast<int>(sizeof(buffer))) {
    body.resize(static_cast<size_t>(length) + 1);
    std::snprintf(body.data(), body.size(), pattern.c_str(), std::fabs(value));
    body.resize(static_cast<size_t>(length));
  } else {
    body.assign(buffer, static_cast<size_t>(length));
  }
  if (spec.grouping) body = GroupThousands(body);
  AppendPadded(spec, SignPrefix(spec, negative), body, true, out);
}

double ToDouble(const Value& value) {
  switch (value.type().id()) {
    case TypeId::kFloat64:
      return value.float64_value();
    case TypeId::kInt64:
      return static_cast<double>(value.int64_value());
    case TypeId::kNumeric:
      return std::strtod(value.ToString().c_str(), nullptr);
    default:
      ThrowFormatError("Invalid type for argument to FORMAT; Expected FLOAT64; Got " +
                       value.type().ToString());
  }
}

// Formats one row; returns false when the result is NULL.
bool FormatRow(std::string_view format, const std::vector<Value>& values, std::string* out) {
  size_t next = 0;
  auto take = [&]() -> const Value& {
    if (next >= values.size()) ThrowFormatError("Too few arguments to FORMAT");
    return values[next++];
  };
  auto take_count = [&]() -> int64_t {
    const Value& value = take();
    if (value.is_null()) return -1;
    if (value.type().id() != TypeId::kInt64) {
      ThrowFormatError("Invalid type for * in FORMAT; Expected INT64; Got " +
                       value.type().ToString());
    }
    return value.int64_value();
  };
  bool result_null = false;
  for (size_t offset = 0; offset < format.size(); ++offset) {
    char c = format[offset];
    if (c != '%') {
      out->push_back(c);
      continue;
    }
    size_t start = offset++;
    Spec spec;
    for (; offset < format.size(); ++offset) {
      char flag = format[offset];
      if (flag == '-') spec.left = true;
      else if (flag == '+') spec.plus = true;
      else if (flag == ' ') spec.space = true;
      else if (flag == '#') spec.alternate = true;
      else if (flag == '0') spec.zero = true;
      else if (flag == '\'') spec.grouping = true;
      else break;
    }
    auto read_number = [&]() -> int64_t {
      if (offset < format.size() && format[offset] == '*') {
        ++offset;
        return take_count();
      }
      int64_t number = 0;
      while (offset < format.size() && format[offset] >= '0' && format[offset] <= '9') {
        number = std::min<int64_t>(number * 10 + (format[offset++] - '0'), 1 << 20);
      }
      return number;
    };
    if (offset < format.size() && (format[offset] == '*' || std::isdigit(static_cast<unsigned char>(format[offset])))) {
      spec.width = read_number();
    }
    if (offset < format.size() && format[offset] == '.') {
      ++offset;
      spec.precision = read_number();
    }
    if (offset >= format.size()) {
      ThrowFormatError("Invalid format specifier at end of format string: " +
                       std::string(format.substr(start)));
    }
    spec.conversion = format[offset];
    if (spec.conversion == '%') {
      out->push_back('%');
      continue;
    }
    switch (spec.conversion) {
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X': {
        const Value& value = take();
        if (value.is_null()) {
          result_null = true;
          break;
        }
        if (value.type().id() != TypeId::kInt64) {
          ThrowFormatError(std::string("Invalid type for argument to FORMAT with %") +
                           spec.conversion + "; Expected INT64; Got " + value.type().ToString());
        }
        FormatInteger(spec, value.int64_value(), out);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const Value& value = take();
        if (value.is_null()) {
          result_null = true;
          break;
        }
        FormatFloating(spec, ToDouble(value), out);
        break;
      }
      case 's':
      case 't':
      case 'T': {
        const Value& value = take();
        if (value.is_null() && spec.conversion == 's') {
          result_null = true;
          break;
        }
        std::string text = spec.conversion == 'T' ? LiteralText(value) : PrintableText(value);
        if (spec.precision >= 0) text = std::string(Substring<true>(text, 1, spec.precision));
        AppendPadded(spec, "", text, false, out);
        break;
      }
      default:
        ThrowFormatError("Invalid format specifier: " +
                         std::string(format.substr(start, offset - start + 1)));
    }
    if (out->size() > kMaxStringResultBytes) ThrowResultTooLarge("FORMAT");
  }
  if (next < values.size()) ThrowFormatError("Too many arguments to FORMAT");
  return !result_null;
}

bool BindFormat(const ScalarBindInput& input, ScalarBindOutput* output) {
  const auto& types = input.argument_types;
  if (types.empty()) return false;
  if (types[0].id() != TypeId::kString && types[0].id() != TypeId::kNull) return false;
  output->argument_types = types;
  output->argument_types[0] = TypeId::kString;
  output->return_type = TypeId::kString;
  return true;
}

void FormatKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector formats;
  args.column(0).ToUnified(count, formats);
  StringView* out = result.Data<StringView>();
  std::vector<Value> values(args.column_count() - 1);
  std::string text;
  for (size_t row = 0; row < count; ++row) {
    if (!formats.IsValid(row)) {
      result.SetNull(row);
      continue;
    }
    for (size_t column = 1; column < args.column_count(); ++column) {
      values[column - 1] = args.column(column).GetValue(row);
    }
    text.clear();
    if (!FormatRow(formats.Data<StringView>()[formats.index(row)].view(), values, &text)) {
      result.SetNull(row);
      continue;
    }
    out[row] = result.AddString(text);
  }
}

}  // namespace

void RegisterFormatFunction(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "FORMAT",
                                    .kernel = FormatKernel,
                                    .bind = BindFormat,
                                    .min_arguments = 1,
                                    .max_arguments = SIZE_MAX,
                                    .propagates_nulls = false});
}

}  // namespace dq
