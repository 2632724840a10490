// Word case, phonetic and Unicode-normalization functions on STRING:
//   INITCAP(value[, delimiters])  upper-cases the first character of each word and lower-cases
//       the rest; words are separated by whitespace and, by default, [](){}/|\<>!?@"#$&~_,.:;*%+-^
//   SOUNDEX(value)                American Soundex of the Latin letters ('' when there are none)
//   NORMALIZE(value[, mode])      NFC (default), NFKC, NFD or NFKD via ICU; the mode is a STRING
//       here ('NFKC') because the binder passes bare mode names only for date parts
//   NORMALIZE_AND_CASEFOLD(value[, mode])  the same after Unicode case folding
// Case mapping uses the tables of common/utf8.h. Errors: "Invalid normalization mode: X".
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>

#include "common/error.h"
#include "common/utf8.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/kernel_helpers_extra.h"

namespace dq {

namespace {

constexpr std::string_view kDefaultDelimiters = "[](){}/|\\<>!?@\"#$&~_,.:;*%+-^";

bool IsSpace(uint32_t code_point) {
  return code_point == ' ' || (code_point >= '\t' && code_point <= '\r') || code_point == 0x85 ||
         code_point == 0xA0 || code_point == 0x3000 || (code_point >= 0x2000 && code_point <= 0x200A);
}

void InitcapInto(std::string_view text, std::string_view delimiters, std::string* out) {
  out->clear();
  bool word_start = true;
  for (size_t offset = 0; offset < text.size();) {
    size_t begin = offset;
    uint32_t code_point = Utf8Decode(text, &offset);
    std::string_view character = text.substr(begin, offset - begin);
    bool delimiter = IsSpace(code_point) || delimiters.find(character) != std::string_view::npos;
    uint32_t mapped =
        delimiter ? code_point : (word_start ? ToUpperCodePoint(code_point) : ToLowerCodePoint(code_point));
    char encoded[4];
    out->append(encoded, Utf8Encode(mapped, encoded));
    word_start = delimiter;
  }
}

void InitcapKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::string buffer;
  if (args.column_count() == 1) {
    ExecuteUnary<StringView, StringView>(args.column(0), args.size(), result,
                                         [&](const StringView& text) {
                                           InitcapInto(text.view(), kDefaultDelimiters, &buffer);
                                           return result.AddString(buffer);
                                         });
    return;
  }
  ExecuteBinary<StringView, StringView, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&](const StringView& text, const StringView& delimiters) {
        InitcapInto(text.view(), delimiters.view(), &buffer);
        return result.AddString(buffer);
      });
}

char SoundexCode(char letter) {
  static constexpr char kCodes[] = "01230120022455012623010202";  // a..z
  return kCodes[letter - 'a'];
}

void SoundexKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<StringView, StringView>(
      args.column(0), args.size(), result, [&](const StringView& input) {
        char code[4] = {0, '0', '0', '0'};
        size_t length = 0;
        char previous = 0;
        for (char c : input.view()) {
          if (!std::isalpha(static_cast<unsigned char>(c))) continue;
          char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          char digit = SoundexCode(letter);
          if (length == 0) {
            code[length++] = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
            previous = digit;
            continue;
          }
          if (letter == 'h' || letter == 'w') continue;  // do not separate equal codes
          if (digit != '0' && digit != previous) {
            code[length++] = digit;
            if (length == 4) break;
          }
          previous = digit;
        }
        return StringView(code, length == 0 ? 0 : 4);
      });
}

const icu::Normalizer2& FindNormalizer(std::string_view mode) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = nullptr;
  if (mode == "NFC") normalizer = icu::Normalizer2::getNFCInstance(status);
  else if (mode == "NFKC") normalizer = icu::Normalizer2::getNFKCInstance(status);
  else if (mode == "NFD") normalizer = icu::Normalizer2::getNFDInstance(status);
  else if (mode == "NFKD") normalizer = icu::Normalizer2::getNFKDInstance(status);
  else throw Error(ErrorKind::kOutOfRange, "Invalid normalization mode: " + std::string(mode));
  if (U_FAILURE(status) || normalizer == nullptr) {
    throw Error(ErrorKind::kInternal, "ICU normalizer unavailable: " + std::string(mode));
  }
  return *normalizer;
}

template <bool kCaseFold>
std::string Normalize(std::string_view text, std::string_view mode) {
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (kCaseFold) unicode.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalized = FindNormalizer(mode).normalize(unicode, status);
  if (U_FAILURE(status)) throw Error(ErrorKind::kOutOfRange, "Failed to normalize string");
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

template <bool kCaseFold>
void NormalizeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  if (args.column_count() == 1) {
    ExecuteUnary<StringView, StringView>(args.column(0), args.size(), result,
                                         [&](const StringView& text) {
                                           return result.AddString(
                                               Normalize<kCaseFold>(text.view(), "NFC"));
                                         });
    return;
  }
  ExecuteBinary<StringView, StringView, StringView>(
      args.column(0), args.column(1), args.size(), result,
      [&](const StringView& text, const StringView& mode) {
        return result.AddString(Normalize<kCaseFold>(text.view(), mode.view()));
      });
}

}  // namespace

void RegisterStringCaseFunctions(FunctionRegistry& registry) {
  constexpr TypeId kString = TypeId::kString;
  auto add = [&](const char* name, std::vector<LogicalType> arguments, ScalarKernel kernel) {
    registry.AddScalar(ScalarFunction{.name = name,
                                      .arguments = std::move(arguments),
                                      .return_type = kString,
                                      .kernel = kernel});
  };
  add("INITCAP", {kString}, InitcapKernel);
  add("INITCAP", {kString, kString}, InitcapKernel);
  add("SOUNDEX", {kString}, SoundexKernel);
  add("NORMALIZE", {kString}, NormalizeKernel<false>);
  add("NORMALIZE", {kString, kString}, NormalizeKernel<false>);
  add("NORMALIZE_AND_CASEFOLD", {kString}, NormalizeKernel<true>);
  add("NORMALIZE_AND_CASEFOLD", {kString, kString}, NormalizeKernel<true>);
}

}  // namespace dq
