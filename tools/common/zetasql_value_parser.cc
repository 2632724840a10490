#include "zetasql_value_parser.h"

#include <cctype>
#include <cstdint>

namespace deepquery::tools {
namespace {

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The offset just past the `>` that closes the first `<` at or after `start`; npos if none.
size_t AfterAngleBrackets(std::string_view text, size_t start) {
  int depth = 0;
  for (size_t index = text.find('<', start); index < text.size(); ++index) {
    if (text[index] == '<') ++depth;
    if (text[index] == '>' && --depth == 0) return index + 1;
  }
  return std::string_view::npos;
}

// A cursor over value text in one syntax.
class ValueReader {
 public:
  ValueReader(std::string_view text, ZetasqlSyntax syntax) : text_(text), syntax_(syntax) {}

  std::optional<ZetasqlValue> Read(const ZetasqlType& type) {
    SkipSpace();
    if (LooksAtWord("NULL")) {
      position_ += 4;
      return ZetasqlValue::Null(type.kind);
    }
    switch (type.kind) {
      case ZetasqlKind::kArray: return ReadArray(type);
      case ZetasqlKind::kStruct: return ReadStruct(type);
      case ZetasqlKind::kString:
      case ZetasqlKind::kBytes: {
        if (syntax_ == ZetasqlSyntax::kSqlLiteral) SkipKeyword();
        if (Peek() == 'b' || Peek() == 'B') ++position_;
        std::optional<std::string> text = ReadQuoted();
        if (!text) return Fail("expected a quoted string");
        return ScalarOrFail(type, *text);
      }
      case ZetasqlKind::kJson:
        if (syntax_ == ZetasqlSyntax::kSqlLiteral) return ReadKeywordLiteral(type);
        return ScalarOrFail(type, ReadJsonText());
      default:
        if (syntax_ == ZetasqlSyntax::kSqlLiteral) return ReadKeywordLiteral(type);
        return ScalarOrFail(type, ReadToken());
    }
  }

  bool AtEnd() {
    SkipSpace();
    return position_ >= text_.size();
  }
  const std::string& error() const { return error_; }

 private:
  char Peek() const { return position_ < text_.size() ? text_[position_] : '\0'; }
  void SkipSpace() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) {
      ++position_;
    }
  }
  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++position_;
    return true;
  }
  bool ConsumeText(std::string_view word) {
    SkipSpace();
    if (text_.substr(position_, word.size()) != word) return false;
    position_ += word.size();
    return true;
  }
  // `word` at the cursor, not followed by an identifier character (case-sensitive).
  bool LooksAtWord(std::string_view word) const {
    if (text_.substr(position_, word.size()) != word) return false;
    const size_t next = position_ + word.size();
    return next >= text_.size() ||
           !(std::isalnum(static_cast<unsigned char>(text_[next])) || text_[next] == '_');
  }
  std::optional<ZetasqlValue> Fail(const std::string& message) {
    if (error_.empty()) error_ = message + " at offset " + std::to_string(position_);
    return std::nullopt;
  }
  std::optional<ZetasqlValue> ScalarOrFail(const ZetasqlType& type, const std::string& text) {
    std::optional<ZetasqlValue> value = ScalarFromText(type, text);
    if (!value) return Fail("bad " + type.name + " value '" + text + "'");
    return value;
  }

  // Skips an upper-case keyword such as DATE, NUMERIC or JSON followed by a space.
  void SkipKeyword() {
    size_t end = position_;
    while (end < text_.size() && (std::isupper(static_cast<unsigned char>(text_[end])) ||
                                  text_[end] == '_' || std::isdigit(static_cast<unsigned char>(text_[end])))) {
      ++end;
    }
    if (end > position_ && end < text_.size() && text_[end] == ' ') position_ = end + 1;
  }

  // A string in '...' or "..." with C escapes; the cursor is at the quote.
  std::optional<std::string> ReadQuoted() {
    SkipSpace();
    const char quote = Peek();
    if (quote != '"' && quote != '\'') return std::nullopt;
    ++position_;
    std::string out;
    while (position_ < text_.size()) {
      const char c = text_[position_++];
      if (c == quote) return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (position_ >= text_.size()) return std::nullopt;
      const char escaped = text_[position_++];
      switch (escaped) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'v': out.push_back('\v'); break;
        case 'x':
        case 'X': {
          int value = 0;
          for (int count = 0; count < 2 && HexDigit(Peek()) >= 0; ++count) {
            value = value * 16 + HexDigit(text_[position_++]);
          }
          out.push_back(static_cast<char>(value));
          break;
        }
        case 'u':
        case 'U': {
          uint32_t value = 0;
          const int digits = escaped == 'u' ? 4 : 8;
          for (int count = 0; count < digits && HexDigit(Peek()) >= 0; ++count) {
            value = value * 16 + static_cast<uint32_t>(HexDigit(text_[position_++]));
          }
          AppendUtf8(value, &out);
          break;
        }
        default:
          if (escaped >= '0' && escaped <= '7') {
            int value = escaped - '0';
            for (int count = 0; count < 2 && Peek() >= '0' && Peek() <= '7'; ++count) {
              value = value * 8 + (text_[position_++] - '0');
            }
            out.push_back(static_cast<char>(value));
          } else {
            out.push_back(escaped);  // \\ \" \' \` \?
          }
      }
    }
    return std::nullopt;
  }

  // Text up to the next top-level delimiter of the syntax (`,` and the closing brackets).
  std::string ReadToken() {
    const size_t start = position_;
    const char struct_close = syntax_ == ZetasqlSyntax::kExpectedOutput ? '}' : ')';
    if (Peek() == '[') {  // RANGE values `[a, b)`
      const size_t close = text_.find(')', position_);
      position_ = close == std::string_view::npos ? text_.size() : close + 1;
      return std::string(text_.substr(start, position_ - start));
    }
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c == ',' || c == ']' || c == struct_close) break;
      ++position_;
    }
    return std::string(text_.substr(start, position_ - start));
  }

  // A JSON value: balanced brackets outside strings, or a string, or a bare token.
  std::string ReadJsonText() {
    const size_t start = position_;
    if (Peek() == '"') {
      ++position_;
      while (position_ < text_.size() && text_[position_] != '"') {
        position_ += text_[position_] == '\\' ? 2 : 1;
      }
      ++position_;
    } else if (Peek() == '{' || Peek() == '[') {
      int depth = 0;
      bool in_string = false;
      while (position_ < text_.size()) {
        const char c = text_[position_++];
        if (in_string) {
          if (c == '\\') ++position_;
          if (c == '"') in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          break;
        }
      }
    } else {
      return ReadToken();
    }
    position_ = std::min(position_, text_.size());
    return std::string(text_.substr(start, position_ - start));
  }

  // kSqlLiteral scalars: `KEYWORD "text"`, `CAST("nan" AS FLOAT64)`, `INTERVAL "..." YEAR TO
  // SECOND`, or a bare token (numbers, booleans).
  std::optional<ZetasqlValue> ReadKeywordLiteral(const ZetasqlType& type) {
    if (ConsumeText("CAST(")) {
      std::optional<std::string> text = ReadQuoted();
      if (!text) return Fail("expected a quoted string in CAST");
      const size_t close = text_.find(')', position_);
      if (close == std::string_view::npos) return Fail("unterminated CAST");
      position_ = close + 1;
      return ScalarOrFail(type, *text);
    }
    SkipKeyword();
    if (Peek() == '"' || Peek() == '\'') {
      std::optional<std::string> text = ReadQuoted();
      if (!text) return Fail("unterminated string");
      ConsumeText("YEAR TO SECOND");
      return ScalarOrFail(type, *text);
    }
    return ScalarOrFail(type, ReadToken());
  }

  std::optional<ZetasqlValue> ReadArray(const ZetasqlType& type) {
    ZetasqlType element_type = type.children.empty() ? ZetasqlType{} : type.children[0];
    if (text_.substr(position_, 6) == "ARRAY<") {
      const size_t start = position_;
      position_ = AfterAngleBrackets(text_, position_);
      if (position_ == std::string_view::npos) return Fail("bad array type");
      std::optional<ZetasqlType> prefix = ParseZetasqlType(text_.substr(start, position_ - start));
      if (!prefix) return Fail("bad array type");
      if (!prefix->children.empty()) element_type = prefix->children[0];
    }
    if (ConsumeText("(NULL)")) return ZetasqlValue::Null(ZetasqlKind::kArray);  // ARRAY<T>(NULL)
    if (type.children.empty() && element_type.name.empty()) return Fail("array without element type");
    if (!Consume('[')) return Fail("expected '['");
    ZetasqlValue array;
    array.kind = ZetasqlKind::kArray;
    array.is_null = false;
    if (ConsumeText("known order:")) {
      array.ordered = true;
    } else if (ConsumeText("unknown order:")) {
      array.ordered = false;
    }
    if (Consume(']')) return array;
    while (true) {
      std::optional<ZetasqlValue> element = Read(element_type);
      if (!element) return std::nullopt;
      array.children.push_back(std::move(*element));
      if (Consume(']')) return array;
      if (!Consume(',')) return Fail("expected ',' or ']' in array");
    }
  }

  std::optional<ZetasqlValue> ReadStruct(const ZetasqlType& type) {
    const bool expected = syntax_ == ZetasqlSyntax::kExpectedOutput;
    if (!expected && Peek() == 'S') {  // STRUCT(...) or STRUCT<...>(...)
      ConsumeText("STRUCT");
      if (Peek() == '<') {
        position_ = AfterAngleBrackets(text_, position_);
        if (position_ == std::string_view::npos) return Fail("bad struct type");
      }
    }
    if (!Consume(expected ? '{' : '(')) return Fail("expected a struct");
    ZetasqlValue value;
    value.kind = ZetasqlKind::kStruct;
    value.is_null = false;
    const char close = expected ? '}' : ')';
    for (size_t field = 0; field < type.children.size(); ++field) {
      if (field > 0 && !Consume(',')) return Fail("expected ',' in struct");
      std::optional<ZetasqlValue> child = Read(type.children[field]);
      if (!child) return std::nullopt;
      value.children.push_back(std::move(*child));
    }
    if (!Consume(close)) return Fail("expected end of struct");
    return value;
  }

  std::string_view text_;
  ZetasqlSyntax syntax_;
  size_t position_ = 0;
  std::string error_;
};

}  // namespace

std::optional<ZetasqlValue> ParseZetasqlValue(const ZetasqlType& type, std::string_view text,
                                              ZetasqlSyntax syntax, std::string* error) {
  ValueReader reader(text, syntax);
  std::optional<ZetasqlValue> value = reader.Read(type);
  if (value && !reader.AtEnd()) {
    *error = "trailing text after the value";
    return std::nullopt;
  }
  if (!value) *error = reader.error();
  return value;
}

std::optional<ZetasqlExpected> ParseZetasqlExpected(std::string_view text, std::string* error) {
  ZetasqlExpected expected;
  static constexpr std::string_view kErrorPrefix = "ERROR: generic::";
  if (text.substr(0, 6) == "ERROR:") {
    expected.is_error = true;
    if (text.substr(0, kErrorPrefix.size()) == kErrorPrefix) {
      const std::string_view rest = text.substr(kErrorPrefix.size());
      expected.error_code = std::string(rest.substr(0, rest.find(':')));
    }
    return expected;
  }
  if (text.substr(0, 13) != "ARRAY<STRUCT<") {
    *error = "unsupported expected output (not a table or an error)";
    return std::nullopt;
  }
  const size_t position = AfterAngleBrackets(text, 0);
  if (position == std::string_view::npos) {
    *error = "unterminated header type";
    return std::nullopt;
  }
  std::optional<ZetasqlType> type = ParseZetasqlType(text.substr(0, position));
  if (!type) {
    *error = "bad header type " + std::string(text.substr(0, position));
    return std::nullopt;
  }
  std::optional<ZetasqlValue> table =
      ParseZetasqlValue(*type, text.substr(position), ZetasqlSyntax::kExpectedOutput, error);
  if (!table) return std::nullopt;
  expected.type = std::move(*type);
  expected.table = std::move(*table);
  return expected;
}

}  // namespace deepquery::tools
