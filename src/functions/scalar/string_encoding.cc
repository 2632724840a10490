// Conversions between STRING, BYTES and their encodings:
//   TO_HEX(bytes) / FROM_HEX(string)             lower-case hex; FROM_HEX accepts either case
//                                                and an odd digit count (a leading 0 is implied)
//   TO_BASE64(bytes) / FROM_BASE64(string)       RFC 4648 standard alphabet with padding
//   SAFE_CONVERT_BYTES_TO_STRING(bytes)          invalid UTF-8 becomes U+FFFD
//   TO_CODE_POINTS(string | bytes)               ARRAY<INT64> of code points / byte values
//   CODE_POINTS_TO_STRING(array) / CODE_POINTS_TO_BYTES(array)
//                                                NULL when any element is NULL
// Errors (kOutOfRange): "Failed to decode invalid hexadecimal string: ...", "Failed to decode
// invalid base64 string: ...", "Invalid code point: 55296", "Invalid byte value: 256".
#include <string>

#include "common/error.h"
#include "common/utf8.h"
#include "functions/array_result.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"
#include "functions/text_encoding.h"

namespace dq {

namespace {

void ToHexKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  ExecuteUnary<StringView, StringView>(args.column(0), args.size(), result,
                                       [&](const StringView& bytes) {
                                         buffer.clear();
                                         HexEncode(bytes.view(), &buffer);
                                         return result.AddString(buffer);
                                       });
}

void FromHexKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&](const StringView& text) {
        buffer.clear();
        if (!HexDecode(text.view(), &buffer)) {
          throw Error(ErrorKind::kOutOfRange,
                      "Failed to decode invalid hexadecimal string: \"" + text.str() + "\"");
        }
        return result.AddString(buffer);
      });
}

void ToBase64Kernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  ExecuteUnary<StringView, StringView>(args.column(0), args.size(), result,
                                       [&](const StringView& bytes) {
                                         buffer.clear();
                                         Base64Encode(bytes.view(), &buffer);
                                         return result.AddString(buffer);
                                       });
}

void FromBase64Kernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&](const StringView& text) {
        buffer.clear();
        if (!Base64Decode(text.view(), &buffer)) {
          throw Error(ErrorKind::kOutOfRange,
                      "Failed to decode invalid base64 string: \"" + text.str() + "\"");
        }
        return result.AddString(buffer);
      });
}

// Length of the valid UTF-8 sequence at text[offset], or 0 when it is malformed.
size_t ValidSequenceLength(std::string_view text, size_t offset) {
  unsigned char lead = static_cast<unsigned char>(text[offset]);
  size_t length = lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3
                                : lead < 0xF5                    ? 4
                                                                 : 0;
  if (length == 0 || offset + length > text.size()) return 0;
  for (size_t index = 1; index < length; ++index) {
    if ((static_cast<unsigned char>(text[offset + index]) & 0xC0) != 0x80) return 0;
  }
  unsigned char second = length > 1 ? static_cast<unsigned char>(text[offset + 1]) : 0;
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second > 0x9F) return 0;  // surrogate
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return length;
}

void SafeConvertKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&](const StringView& input) {
        std::string_view text = input.view();
        buffer.clear();
        for (size_t offset = 0; offset < text.size();) {
          size_t length = ValidSequenceLength(text, offset);
          if (length == 0) {
            buffer.append("\xEF\xBF\xBD");
            ++offset;
          } else {
            buffer.append(text.substr(offset, length));
            offset += length;
          }
        }
        return result.AddString(buffer);
      });
}

template <bool kChars>
void ToCodePointsKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector input;
  args.column(0).ToUnified(count, input);
  ArrayResultBuilder builder(result);
  for (size_t row = 0; row < count; ++row) {
    builder.BeginRow();
    if (!input.IsValid(row)) {
      builder.FinishNullRow(row);
      continue;
    }
    std::string_view text = input.Data<StringView>()[input.index(row)].view();
    for (size_t offset = 0; offset < text.size();) {
      int64_t value;
      if (kChars) {
        value = Utf8Decode(text, &offset);
      } else {
        value = static_cast<unsigned char>(text[offset++]);
      }
      size_t index = builder.AppendElement();
      builder.child().Data<int64_t>()[index] = value;
    }
    builder.FinishRow(row);
  }
}

template <bool kChars>
void CodePointsToTextKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  args.column(0).ToUnified(count, arrays);
  const Vector& elements = arrays.source->array_child();
  UnifiedVector values;
  elements.ToUnified(arrays.source->array_size(), values);
  StringView* out = result.Data<StringView>();
  std::string buffer;
  for (size_t row = 0; row < count; ++row) {
    if (!arrays.IsValid(row)) {
      result.SetNull(row);
      continue;
    }
    ArrayEntry entry = arrays.Data<ArrayEntry>()[arrays.index(row)];
    buffer.clear();
    bool is_null = false;
    for (uint64_t element = entry.offset; element < entry.offset + entry.length; ++element) {
      if (!values.IsValid(element)) {
        is_null = true;
        break;
      }
      int64_t value = values.Data<int64_t>()[values.index(element)];
      if (kChars) {
        if (value < 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
          throw Error(ErrorKind::kOutOfRange, "Invalid code point: " + std::to_string(value));
        }
        char encoded[4];
        buffer.append(encoded, Utf8Encode(static_cast<uint32_t>(value), encoded));
      } else {
        if (value < 0 || value > 255) {
          throw Error(ErrorKind::kOutOfRange, "Invalid byte value: " + std::to_string(value));
        }
        buffer.push_back(static_cast<char>(value));
      }
    }
    if (is_null) {
      result.SetNull(row);
    } else {
      out[row] = result.AddString(buffer);
    }
  }
}

}  // namespace

void RegisterStringEncodingFunctions(FunctionRegistry& registry) {
  constexpr TypeId kString = TypeId::kString;
  constexpr TypeId kBytes = TypeId::kBytes;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType return_type,
                 ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = return_type,
                                      .kernel = kernel});
  };
  LogicalType int_array = LogicalType::Array(TypeId::kInt64);
  add("TO_HEX", {kBytes}, kString, ToHexKernel);
  add("FROM_HEX", {kString}, kBytes, FromHexKernel);
  add("TO_BASE64", {kBytes}, kString, ToBase64Kernel);
  add("FROM_BASE64", {kString}, kBytes, FromBase64Kernel);
  add("SAFE_CONVERT_BYTES_TO_STRING", {kBytes}, kString, SafeConvertKernel);
  add("TO_CODE_POINTS", {kString}, int_array, ToCodePointsKernel<true>);
  add("TO_CODE_POINTS", {kBytes}, int_array, ToCodePointsKernel<false>);
  add("CODE_POINTS_TO_STRING", {int_array}, kString, CodePointsToTextKernel<true>);
  add("CODE_POINTS_TO_BYTES", {int_array}, kBytes, CodePointsToTextKernel<false>);
}

}  // namespace dq
