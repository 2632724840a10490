// String functions that build new text: REPLACE, REPEAT, REVERSE, LPAD, RPAD (STRING and
// BYTES), ASCII, CHR. Lengths are in characters for STRING and bytes for BYTES.
//
// Errors (kOutOfRange): "Second argument in REPEAT() cannot be negative",
// "Second argument in LPAD() cannot be negative", "Third argument in LPAD() cannot be
// empty", "Invalid code point: 55296", and results over kMaxStringResultBytes.
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

void ReplaceKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteTernary<StringView, StringView, StringView, StringView>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [&result](const StringView& input, const StringView& from, const StringView& to, size_t) {
        std::string_view text = input.view();
        std::string_view pattern = from.view();
        if (pattern.empty() || text.find(pattern) == std::string_view::npos) {
          return result.AddString(text);
        }
        thread_local std::string buffer;  // reused: no allocation per row once warm
        buffer.clear();
        size_t offset = 0;
        for (size_t found; (found = text.find(pattern, offset)) != std::string_view::npos;
             offset = found + pattern.size()) {
          buffer.append(text.substr(offset, found - offset));
          buffer.append(to.view());
          if (buffer.size() > kMaxStringResultBytes) ThrowResultTooLarge("REPLACE");
        }
        buffer.append(text.substr(offset));
        return result.AddString(buffer);
      });
}

void RepeatKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteBinary<StringView, int64_t, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&result](const StringView& input, int64_t times) {
        if (times < 0) {
          throw Error(ErrorKind::kOutOfRange, "Second argument in REPEAT() cannot be negative");
        }
        size_t size = input.size();
        if (size > 0 && static_cast<uint64_t>(times) > kMaxStringResultBytes / size) {
          ThrowResultTooLarge("REPEAT");
        }
        return BuildString(result, size * static_cast<size_t>(times), [&](char* out) {
          for (int64_t copy = 0; copy < times; ++copy)
            std::memcpy(out + copy * size, input.data(), size);
        });
      });
}

template <bool kChars>
void ReverseKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&result](const StringView& input) {
        std::string_view text = input.view();
        return BuildString(result, text.size(), [text](char* out) {
          size_t offset = 0;
          while (offset < text.size()) {
            size_t length = kChars ? Utf8CharLength(static_cast<unsigned char>(text[offset])) : 1;
            if (offset + length > text.size()) length = text.size() - offset;
            std::memcpy(out + text.size() - offset - length, text.data() + offset, length);
            offset += length;
          }
        });
      });
}

// LPAD/RPAD(text, length, pattern).
template <bool kChars, bool kLeft>
StringView Pad(Vector& result, std::string_view text, int64_t length, std::string_view pattern) {
  const char* name = kLeft ? "LPAD" : "RPAD";
  if (length < 0) {
    throw Error(ErrorKind::kOutOfRange,
                std::string("Second argument in ") + name + "() cannot be negative");
  }
  if (pattern.empty()) {
    throw Error(ErrorKind::kOutOfRange,
                std::string("Third argument in ") + name + "() cannot be empty");
  }
  int64_t text_units = kChars ? Utf8CharCount(text) : static_cast<int64_t>(text.size());
  if (length <= text_units) return result.AddString(Substring<kChars>(text, 1, length));
  if (static_cast<uint64_t>(length) > kMaxStringResultBytes / 4) ThrowResultTooLarge(name);
  int64_t pattern_units = kChars ? Utf8CharCount(pattern) : static_cast<int64_t>(pattern.size());
  int64_t missing = length - text_units;
  thread_local std::string buffer;
  buffer.clear();
  if (!kLeft) buffer.append(text);
  for (int64_t full = 0; full < missing / pattern_units; ++full) buffer.append(pattern);
  buffer.append(Substring<kChars>(pattern, 1, missing % pattern_units));
  if (kLeft) buffer.append(text);
  return result.AddString(buffer);
}

template <bool kChars, bool kLeft>
void PadKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 2) {
    ExecuteBinary<StringView, int64_t, StringView>(
        args.column(0), args.column(1), args.size(), result,
        [&result](const StringView& text, int64_t length) {
          return Pad<kChars, kLeft>(result, text.view(), length, " ");
        });
    return;
  }
  ExecuteTernary<StringView, int64_t, StringView, StringView>(
      args.column(0), args.column(1), args.column(2), args.size(), result,
      [&result](const StringView& text, int64_t length, const StringView& pattern, size_t) {
        return Pad<kChars, kLeft>(result, text.view(), length, pattern.view());
      });
}

template <bool kChars>
void AsciiKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<StringView, int64_t>(args.column(0), args.size(), result,
                                    [](const StringView& input) -> int64_t {
                                      if (input.empty()) return 0;
                                      if (!kChars)
                                        return static_cast<unsigned char>(input.data()[0]);
                                      size_t offset = 0;
                                      return Utf8Decode(input.view(), &offset);
                                    });
}

void ChrKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<int64_t, StringView>(args.column(0), args.size(), result, [](int64_t code_point) {
    if (code_point < 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      throw Error(ErrorKind::kOutOfRange, "Invalid code point: " + std::to_string(code_point));
    }
    char encoded[4];
    size_t length = Utf8Encode(static_cast<uint32_t>(code_point), encoded);
    return StringView(encoded, static_cast<uint32_t>(length));  // <= 4 bytes: inline
  });
}

}  // namespace

void RegisterStringFormatFunctions(FunctionRegistry& registry) {
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
  for (TypeId type : {kString, kBytes}) {
    add("REPLACE", {type, type, type}, type, ReplaceKernel);
    add("REPEAT", {type, kInt64}, type, RepeatKernel);
  }
  add("REVERSE", {kString}, kString, ReverseKernel<true>);
  add("REVERSE", {kBytes}, kBytes, ReverseKernel<false>);
  add("LPAD", {kString, kInt64}, kString, PadKernel<true, true>);
  add("LPAD", {kString, kInt64, kString}, kString, PadKernel<true, true>);
  add("LPAD", {kBytes, kInt64, kBytes}, kBytes, PadKernel<false, true>);
  add("RPAD", {kString, kInt64}, kString, PadKernel<true, false>);
  add("RPAD", {kString, kInt64, kString}, kString, PadKernel<true, false>);
  add("RPAD", {kBytes, kInt64, kBytes}, kBytes, PadKernel<false, false>);
  add("ASCII", {kString}, kInt64, AsciiKernel<true>);
  add("ASCII", {kBytes}, kInt64, AsciiKernel<false>);
  add("CHR", {kInt64}, kString, ChrKernel);
}

}  // namespace dq
