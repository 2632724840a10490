// Searching and splitting text:
//   INSTR(source, search, position[, occurrence])   1-based position of the occurrence-th match
//       searching forward from `position`, or backward when it is negative (-1 = last
//       character); matches may overlap; 0 when absent. (The two-argument form is STRPOS's,
//       in string_functions.cc.) Errors: "Position must be non-zero", "Occurrence must be
//       positive".
//   SPLIT(value[, delimiter])   ARRAY of the parts; default delimiter ','; an empty delimiter
//       splits STRING into characters and BYTES into bytes; an empty value gives [''].
//   CONTAINS_SUBSTR(value, search)   case-insensitive containment (simple case folding) in the
//       value's text form; ARRAY and STRUCT values match when any element or field does.
#include <string>

#include "common/error.h"
#include "common/utf8.h"
#include "functions/array_result.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"

namespace dq {

namespace {

// ---- INSTR ----

// Byte offset of unit `index` (character or byte); `text.size()` at the end.
template <bool kChars>
size_t UnitOffset(std::string_view text, int64_t index) {
  if (!kChars) return static_cast<size_t>(std::min<int64_t>(index, text.size()));
  return Utf8ByteOffset(text, index);
}

template <bool kChars>
int64_t UnitCount(std::string_view text) {
  return kChars ? Utf8CharCount(text) : static_cast<int64_t>(text.size());
}

template <bool kChars>
int64_t InstrForward(std::string_view text, std::string_view search, int64_t position,
                     int64_t occurrence) {
  int64_t total = UnitCount<kChars>(text);
  if (position - 1 > total) return 0;
  size_t offset = UnitOffset<kChars>(text, position - 1);
  size_t found = std::string_view::npos;
  for (int64_t index = 0; index < occurrence; ++index) {
    if (index > 0) {
      if (found >= text.size()) return 0;
      offset = found + (kChars ? Utf8CharLength(static_cast<unsigned char>(text[found])) : 1);
    }
    found = text.find(search, offset);
    if (found == std::string_view::npos) return 0;
  }
  return (kChars ? Utf8CharCount(text.substr(0, found)) : static_cast<int64_t>(found)) + 1;
}

template <bool kChars>
int64_t InstrBackward(std::string_view text, std::string_view search, int64_t position,
                      int64_t occurrence) {
  int64_t total = UnitCount<kChars>(text);
  // Last unit where a match may start; an empty search may also match at the very end.
  int64_t start = total + position + (search.empty() ? 1 : 0);
  if (start < 0) return 0;
  size_t found = std::string_view::npos;
  for (int64_t index = 0; index < occurrence; ++index) {
    if (index > 0) {
      start = (kChars ? Utf8CharCount(text.substr(0, found)) : static_cast<int64_t>(found)) - 1;
      if (start < 0) return 0;
    }
    found = text.rfind(search, UnitOffset<kChars>(text, start));
    if (found == std::string_view::npos) return 0;
  }
  return (kChars ? Utf8CharCount(text.substr(0, found)) : static_cast<int64_t>(found)) + 1;
}

template <bool kChars>
void InstrKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  const size_t columns = args.column_count();
  std::vector<UnifiedVector> inputs(columns);
  for (size_t column = 0; column < columns; ++column) {
    args.column(column).ToUnified(count, inputs[column]);
  }
  int64_t* out = result.Data<int64_t>();
  for (size_t row = 0; row < count; ++row) {
    bool is_null = false;
    for (size_t column = 0; column < columns && !is_null; ++column) {
      is_null = !inputs[column].IsValid(row);
    }
    if (is_null) {
      result.SetNull(row);
      continue;
    }
    std::string_view text = inputs[0].Data<StringView>()[inputs[0].index(row)].view();
    std::string_view search = inputs[1].Data<StringView>()[inputs[1].index(row)].view();
    int64_t position = inputs[2].Data<int64_t>()[inputs[2].index(row)];
    int64_t occurrence = columns > 3 ? inputs[3].Data<int64_t>()[inputs[3].index(row)] : 1;
    if (occurrence < 1) throw Error(ErrorKind::kOutOfRange, "Occurrence must be positive");
    if (position == 0) throw Error(ErrorKind::kOutOfRange, "Position must be non-zero");
    out[row] = position > 0 ? InstrForward<kChars>(text, search, position, occurrence)
                            : InstrBackward<kChars>(text, search, position, occurrence);
  }
}

// ---- SPLIT ----

template <bool kChars>
void SplitKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector values;
  UnifiedVector delimiters;
  args.column(0).ToUnified(count, values);
  bool has_delimiter = args.column_count() > 1;
  if (has_delimiter) args.column(1).ToUnified(count, delimiters);
  ArrayResultBuilder builder(result);
  for (size_t row = 0; row < count; ++row) {
    builder.BeginRow();
    if (!values.IsValid(row) || (has_delimiter && !delimiters.IsValid(row))) {
      builder.FinishNullRow(row);
      continue;
    }
    std::string_view text = values.Data<StringView>()[values.index(row)].view();
    std::string_view delimiter =
        has_delimiter ? delimiters.Data<StringView>()[delimiters.index(row)].view() : ",";
    if (delimiter.empty()) {
      if (text.empty()) builder.AppendString("");
      for (size_t offset = 0; offset < text.size();) {
        size_t length =
            kChars ? std::max<size_t>(1, Utf8CharLength(static_cast<unsigned char>(text[offset])))
                   : 1;
        length = std::min(length, text.size() - offset);
        builder.AppendString(text.substr(offset, length));
        offset += length;
      }
    } else {
      size_t offset = 0;
      while (true) {
        size_t found = text.find(delimiter, offset);
        if (found == std::string_view::npos) {
          builder.AppendString(text.substr(offset));
          break;
        }
        builder.AppendString(text.substr(offset, found - offset));
        offset = found + delimiter.size();
      }
    }
    builder.FinishRow(row);
  }
}

// ---- CONTAINS_SUBSTR ----

std::string FoldCase(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t offset = 0; offset < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[offset]);
    if (byte < 0x80) {
      folded.push_back(static_cast<char>(std::tolower(byte)));
      ++offset;
      continue;
    }
    uint32_t code_point = Utf8Decode(text, &offset);
    char encoded[4];
    folded.append(encoded, Utf8Encode(ToLowerCodePoint(code_point), encoded));
  }
  return folded;
}

bool ValueContains(const Value& value, const std::string& folded_search) {
  if (value.is_null()) return false;
  if (value.type().IsNested()) {
    for (const Value& child : value.children()) {
      if (ValueContains(child, folded_search)) return true;
    }
    return false;
  }
  return FoldCase(value.ToString()).find(folded_search) != std::string::npos;
}

bool BindContainsSubstr(const ScalarBindInput& input, ScalarBindOutput* output) {
  const auto& types = input.argument_types;
  if (types.size() != 2) return false;
  if (types[1].id() != TypeId::kString && types[1].id() != TypeId::kNull) return false;
  output->argument_types = {types[0], TypeId::kString};
  if (types[0].id() == TypeId::kNull) output->argument_types[0] = TypeId::kString;
  output->return_type = TypeId::kBool;
  return true;
}

void ContainsSubstrKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector searches;
  args.column(1).ToUnified(count, searches);
  const bool is_string = args.column(0).type().id() == TypeId::kString;
  UnifiedVector strings;
  if (is_string) args.column(0).ToUnified(count, strings);
  bool* out = result.Data<bool>();
  std::string folded_search;
  std::string_view last_search;
  bool have_search = false;
  for (size_t row = 0; row < count; ++row) {
    if (!searches.IsValid(row)) {
      result.SetNull(row);
      continue;
    }
    std::string_view search = searches.Data<StringView>()[searches.index(row)].view();
    if (!have_search || search != last_search) {
      folded_search = FoldCase(search);
      last_search = search;
      have_search = true;
    }
    if (is_string) {
      if (!strings.IsValid(row)) {
        result.SetNull(row);
        continue;
      }
      std::string_view text = strings.Data<StringView>()[strings.index(row)].view();
      out[row] = FoldCase(text).find(folded_search) != std::string::npos;
      continue;
    }
    Value value = args.column(0).GetValue(row);
    if (value.is_null()) {
      result.SetNull(row);
      continue;
    }
    out[row] = ValueContains(value, folded_search);
  }
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& registry) {
  constexpr TypeId kString = TypeId::kString;
  constexpr TypeId kBytes = TypeId::kBytes;
  constexpr TypeId kInt64 = TypeId::kInt64;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  add("INSTR", {kString, kString, kInt64}, kInt64, InstrKernel<true>);
  add("INSTR", {kString, kString, kInt64, kInt64}, kInt64, InstrKernel<true>);
  add("INSTR", {kBytes, kBytes, kInt64}, kInt64, InstrKernel<false>);
  add("INSTR", {kBytes, kBytes, kInt64, kInt64}, kInt64, InstrKernel<false>);
  add("SPLIT", {kString}, LogicalType::Array(kString), SplitKernel<true>);
  add("SPLIT", {kString, kString}, LogicalType::Array(kString), SplitKernel<true>);
  add("SPLIT", {kBytes, kBytes}, LogicalType::Array(kBytes), SplitKernel<false>);
  registry.AddScalar(ScalarFunction{.name = "CONTAINS_SUBSTR",
                                    .kernel = ContainsSubstrKernel,
                                    .bind = BindContainsSubstr,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
}

}  // namespace dq
