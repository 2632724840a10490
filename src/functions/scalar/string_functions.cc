// String functions on STRING (counting characters, i.e. UTF-8 code points) and BYTES
// (counting bytes): LENGTH / CHAR_LENGTH / CHARACTER_LENGTH, BYTE_LENGTH, LOWER, UPPER,
// CONCAT and "$concat" (||), SUBSTR / SUBSTRING, LEFT, RIGHT, TRIM / LTRIM / RTRIM,
// STARTS_WITH, ENDS_WITH, STRPOS / INSTR.
//
// LOWER/UPPER map ASCII, Latin-1, Latin Extended-A, basic Greek and Cyrillic one to one
// (functions/utf8.h); other characters are unchanged, BYTES change ASCII letters only.
// One-argument TRIM removes ASCII whitespace. Substring-like results point into the input's
// storage (kept alive by the result) instead of copying.
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"
#include "functions/scalar/string_kernels.h"
#include "common/utf8.h"

namespace dq {

namespace {

// ---- length and case ----

template <bool kChars>
void LengthKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<StringView, int64_t>(
      args.column(0), args.size(), result, [](const StringView& text) {
        return kChars ? Utf8CharCount(text.view()) : static_cast<int64_t>(text.size());
      });
}

template <bool kUpper, bool kChars>
void CaseKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&result](const StringView& input) {
        std::string_view text = input.view();
        // Every mapping keeps the UTF-8 length, so the result is built in place.
        return BuildString(result, text.size(), [text](char* out) {
          size_t offset = 0;
          while (offset < text.size()) {
            unsigned char byte = static_cast<unsigned char>(text[offset]);
            if (byte < 0x80 || !kChars) {
              char c = static_cast<char>(byte);
              if (kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
              if (!kUpper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
              out[offset++] = c;
              continue;
            }
            size_t start = offset;
            uint32_t code_point = Utf8Decode(text, &offset);
            uint32_t mapped = kUpper ? ToUpperCodePoint(code_point) : ToLowerCodePoint(code_point);
            char encoded[4];
            size_t length = Utf8Encode(mapped, encoded);
            if (length != offset - start) {  // cannot happen with the tables; keep the input
              std::memcpy(out + start, text.data() + start, offset - start);
            } else {
              std::memcpy(out + start, encoded, length);
            }
          }
        });
      });
}

// ---- CONCAT ----

void ConcatKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t columns = args.column_count();
  const size_t count = args.size();
  std::vector<UnifiedVector> inputs(columns);
  for (size_t column = 0; column < columns; ++column) {
    args.column(column).ToUnified(count, inputs[column]);
  }
  StringView* out = result.Data<StringView>();
  for (size_t row = 0; row < count; ++row) {
    size_t length = 0;
    bool is_null = false;
    for (size_t column = 0; column < columns && !is_null; ++column) {
      sel_t index = inputs[column].index(row);
      if (!inputs[column].validity->RowIsValid(index)) {
        is_null = true;
      } else {
        length += inputs[column].Data<StringView>()[index].size();
      }
    }
    if (is_null) {
      result.SetNull(row);
      continue;
    }
    if (length > kMaxStringResultBytes) ThrowResultTooLarge("CONCAT");
    out[row] = BuildString(result, length, [&](char* buffer) {
      for (size_t column = 0; column < columns; ++column) {
        const StringView& part = inputs[column].Data<StringView>()[inputs[column].index(row)];
        std::memcpy(buffer, part.data(), part.size());
        buffer += part.size();
      }
    });
  }
}

// ---- substrings ----

template <bool kChars>
void SubstrKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  result.KeepAlive(args.column(0));
  if (args.column_count() == 2) {
    ExecuteBinary<StringView, int64_t, StringView>(
        args.column(0), args.column(1), args.size(), result,
        [](const StringView& text, int64_t position) {
          return ViewOf(Substring<kChars>(text.view(), position, INT64_MAX));
        });
    return;
  }
  ExecuteTernary<StringView, int64_t, int64_t, StringView>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [](const StringView& text, int64_t position, int64_t length, size_t) {
        if (length < 0) {
          throw Error(ErrorKind::kOutOfRange, "Third argument in SUBSTR() cannot be negative");
        }
        return ViewOf(Substring<kChars>(text.view(), position, length));
      });
}

template <bool kChars, bool kLeft>
void LeftRightKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  result.KeepAlive(args.column(0));
  ExecuteBinary<StringView, int64_t, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [](const StringView& input, int64_t length) {
        if (length < 0) {
          throw Error(ErrorKind::kOutOfRange, std::string("Second argument in ") +
                                                  (kLeft ? "LEFT" : "RIGHT") +
                                                  "() cannot be negative");
        }
        std::string_view text = input.view();
        int64_t total = kChars ? Utf8CharCount(text) : static_cast<int64_t>(text.size());
        if (length >= total) return ViewOf(text);
        int64_t start = kLeft ? 0 : total - length;
        return ViewOf(Substring<kChars>(text, start + 1, length));
      });
}

// ---- TRIM ----

enum class TrimSide { kBoth, kLeft, kRight };

template <bool kChars, TrimSide kSide>
void TrimKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  result.KeepAlive(args.column(0));
  if (args.column_count() == 1) {
    ExecuteUnary<StringView, StringView>(
        args.column(0), args.size(), result, [](const StringView& input) {
          std::string_view text = input.view();
          auto is_space = [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
          };
          size_t begin = 0;
          size_t end = text.size();
          if (kSide != TrimSide::kRight) {
            while (begin < end && is_space(text[begin])) ++begin;
          }
          if (kSide != TrimSide::kLeft) {
            while (end > begin && is_space(text[end - 1])) --end;
          }
          return ViewOf(text.substr(begin, end - begin));
        });
    return;
  }
  ExecuteBinary<StringView, StringView, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [](const StringView& input, const StringView& characters) {
        return ViewOf(TrimCharacters<kChars>(input.view(), characters.view(),
                                             kSide != TrimSide::kRight, kSide != TrimSide::kLeft));
      });
}

// ---- search ----

template <bool kStarts>
void AffixKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<StringView, StringView, bool>(args.column(0), args.column(1), args.size(), result,
                                              [](const StringView& text, const StringView& affix) {
                                                return kStarts
                                                           ? text.view().starts_with(affix.view())
                                                           : text.view().ends_with(affix.view());
                                              });
}

template <bool kChars>
void StrposKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<StringView, StringView, int64_t>(
      args.column(0), args.column(1), args.size(), result,
      [](const StringView& text, const StringView& search) -> int64_t {
        size_t found = text.view().find(search.view());
        if (found == std::string_view::npos) return 0;
        return (kChars ? Utf8CharCount(text.view().substr(0, found))
                       : static_cast<int64_t>(found)) +
               1;
      });
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
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
  for (const char* name : {"LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH"}) {
    add(name, {kString}, kInt64, LengthKernel<true>);
  }
  add("LENGTH", {kBytes}, kInt64, LengthKernel<false>);
  add("BYTE_LENGTH", {kString}, kInt64, LengthKernel<false>);
  add("BYTE_LENGTH", {kBytes}, kInt64, LengthKernel<false>);
  add("LOWER", {kString}, kString, CaseKernel<false, true>);
  add("LOWER", {kBytes}, kBytes, CaseKernel<false, false>);
  add("UPPER", {kString}, kString, CaseKernel<true, true>);
  add("UPPER", {kBytes}, kBytes, CaseKernel<true, false>);
  for (TypeId type : {kString, kBytes}) {
    registry.AddScalar(ScalarFunction{.name = "CONCAT",
                                      .arguments = {type},
                                      .variadic = type,
                                      .return_type = type,
                                      .kernel = ConcatKernel});
    add("$concat", {type, type}, type, ConcatKernel);
  }
  for (const char* name : {"SUBSTR", "SUBSTRING"}) {
    add(name, {kString, kInt64}, kString, SubstrKernel<true>);
    add(name, {kString, kInt64, kInt64}, kString, SubstrKernel<true>);
    add(name, {kBytes, kInt64}, kBytes, SubstrKernel<false>);
    add(name, {kBytes, kInt64, kInt64}, kBytes, SubstrKernel<false>);
  }
  add("LEFT", {kString, kInt64}, kString, LeftRightKernel<true, true>);
  add("LEFT", {kBytes, kInt64}, kBytes, LeftRightKernel<false, true>);
  add("RIGHT", {kString, kInt64}, kString, LeftRightKernel<true, false>);
  add("RIGHT", {kBytes, kInt64}, kBytes, LeftRightKernel<false, false>);
  add("TRIM", {kString}, kString, TrimKernel<true, TrimSide::kBoth>);
  add("TRIM", {kString, kString}, kString, TrimKernel<true, TrimSide::kBoth>);
  add("TRIM", {kBytes, kBytes}, kBytes, TrimKernel<false, TrimSide::kBoth>);
  add("LTRIM", {kString}, kString, TrimKernel<true, TrimSide::kLeft>);
  add("LTRIM", {kString, kString}, kString, TrimKernel<true, TrimSide::kLeft>);
  add("LTRIM", {kBytes, kBytes}, kBytes, TrimKernel<false, TrimSide::kLeft>);
  add("RTRIM", {kString}, kString, TrimKernel<true, TrimSide::kRight>);
  add("RTRIM", {kString, kString}, kString, TrimKernel<true, TrimSide::kRight>);
  add("RTRIM", {kBytes, kBytes}, kBytes, TrimKernel<false, TrimSide::kRight>);
  for (TypeId type : {kString, kBytes}) {
    add("STARTS_WITH", {type, type}, TypeId::kBool, AffixKernel<true>);
    add("ENDS_WITH", {type, type}, TypeId::kBool, AffixKernel<false>);
  }
  for (const char* name : {"STRPOS", "INSTR"}) {
    add(name, {kString, kString}, kInt64, StrposKernel<true>);
    add(name, {kBytes, kBytes}, kInt64, StrposKernel<false>);
  }
}

}  // namespace dq
