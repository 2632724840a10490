#include "sql/lexer.h"

#include "common/error.h"

namespace dq::sql {

namespace {

bool IsIdentifierStart(char character) {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
         character == '_';
}
bool IsDigit(char character) { return character >= '0' && character <= '9'; }
bool IsIdentifierChar(char character) { return IsIdentifierStart(character) || IsDigit(character); }
bool IsHexDigit(char character) {
  return IsDigit(character) || (character >= 'a' && character <= 'f') ||
         (character >= 'A' && character <= 'F');
}
int HexValue(char character) {
  if (IsDigit(character)) return character - '0';
  if (character >= 'a' && character <= 'f') return character - 'a' + 10;
  return character - 'A' + 10;
}

[[noreturn]] void ThrowSyntax(const std::string& message, int64_t position) {
  throw Error(ErrorKind::kSyntax, "Syntax error: " + message, position);
}

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

class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipWhitespaceAndComments();
      if (offset_ >= Size()) break;
      tokens.push_back(NextToken());
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.position = Size();
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  int64_t Size() const { return static_cast<int64_t>(sql_.size()); }
  char At(int64_t offset) const { return offset < Size() ? sql_[offset] : '\0'; }

  void SkipWhitespaceAndComments() {
    while (offset_ < Size()) {
      char character = sql_[offset_];
      if (character == ' ' || character == '\t' || character == '\n' || character == '\r' ||
          character == '\f' || character == '\v') {
        ++offset_;
      } else if (character == '#' || (character == '-' && At(offset_ + 1) == '-')) {
        while (offset_ < Size() && sql_[offset_] != '\n') ++offset_;
      } else if (character == '/' && At(offset_ + 1) == '*') {
        int64_t start = offset_;
        offset_ += 2;
        while (offset_ < Size() && !(sql_[offset_] == '*' && At(offset_ + 1) == '/')) ++offset_;
        if (offset_ >= Size()) ThrowSyntax("Unclosed comment", start);
        offset_ += 2;
      } else {
        return;
      }
    }
  }

  Token NextToken() {
    char character = sql_[offset_];
    if (IsIdentifierStart(character)) return LexWordOrPrefixedString();
    if (IsDigit(character) || (character == '.' && IsDigit(At(offset_ + 1)))) return LexNumber();
    if (character == '\'' || character == '"') return LexString(offset_, false, false);
    if (character == '`') return LexQuotedIdentifier();
    if (character == '@') return LexParameter();
    return LexSymbol();
  }

  Token LexWordOrPrefixedString() {
    int64_t start = offset_;
    while (offset_ < Size() && IsIdentifierChar(sql_[offset_])) ++offset_;
    std::string_view word = sql_.substr(start, offset_ - start);
    char next = At(offset_);
    if ((next == '\'' || next == '"') && word.size() <= 2) {
      std::string upper = ToUpperAscii(word);
      if (upper == "R" || upper == "B" || upper == "RB" || upper == "BR") {
        bool raw = upper.find('R') != std::string::npos;
        bool bytes = upper.find('B') != std::string::npos;
        return LexString(start, raw, bytes);
      }
    }
    Token token;
    token.position = start;
    if (IsReservedKeyword(word)) {
      token.kind = TokenKind::kKeyword;
      token.text = ToUpperAscii(word);
      token.value = std::string(word);
    } else {
      token.kind = TokenKind::kIdentifier;
      token.text = std::string(word);
    }
    return token;
  }

  Token LexNumber() {
    int64_t start = offset_;
    Token token;
    token.position = start;
    token.kind = TokenKind::kInteger;
    if (sql_[offset_] == '0' && (At(offset_ + 1) == 'x' || At(offset_ + 1) == 'X') &&
        IsHexDigit(At(offset_ + 2))) {
      offset_ += 2;
      while (offset_ < Size() && IsHexDigit(sql_[offset_])) ++offset_;
    } else {
      while (offset_ < Size() && IsDigit(sql_[offset_])) ++offset_;
      if (At(offset_) == '.') {
        token.kind = TokenKind::kFloat;
        ++offset_;
        while (offset_ < Size() && IsDigit(sql_[offset_])) ++offset_;
      }
      if (At(offset_) == 'e' || At(offset_) == 'E') {
        int64_t exponent = offset_ + 1;
        if (At(exponent) == '+' || At(exponent) == '-') ++exponent;
        if (IsDigit(At(exponent))) {
          token.kind = TokenKind::kFloat;
          offset_ = exponent;
          while (offset_ < Size() && IsDigit(sql_[offset_])) ++offset_;
        }
      }
    }
    if (IsIdentifierChar(At(offset_))) {
      ThrowSyntax("Missing whitespace between literal and alias", offset_);
    }
    token.text = std::string(sql_.substr(start, offset_ - start));
    return token;
  }

  // Lexes a string whose prefix (r, b, rb, br; possibly empty) starts at `start`; offset_ is at
  // the opening quote.
  Token LexString(int64_t start, bool raw, bool bytes) {
    char quote = sql_[offset_];
    bool triple = At(offset_ + 1) == quote && At(offset_ + 2) == quote;
    offset_ += triple ? 3 : 1;
    std::string value;
    while (true) {
      if (offset_ >= Size()) ThrowSyntax("Unclosed string literal", start);
      char character = sql_[offset_];
      if (character == quote) {
        if (!triple) {
          ++offset_;
          break;
        }
        if (At(offset_ + 1) == quote && At(offset_ + 2) == quote) {
          offset_ += 3;
          break;
        }
      }
      if (character == '\n' && !triple) ThrowSyntax("Unclosed string literal", start);
      if (character == '\\') {
        if (offset_ + 1 >= Size()) ThrowSyntax("Unclosed string literal", start);
        if (raw) {
          value.push_back('\\');
          value.push_back(sql_[offset_ + 1]);
          offset_ += 2;
        } else {
          DecodeEscape(&value);
        }
        continue;
      }
      value.push_back(character);
      ++offset_;
    }
    Token token;
    token.kind = bytes ? TokenKind::kBytes : TokenKind::kString;
    token.position = start;
    token.text = std::string(sql_.substr(start, offset_ - start));
    token.value = std::move(value);
    return token;
  }

  // Decodes the escape sequence at offset_ (a backslash) into `out` and advances past it.
  void DecodeEscape(std::string* out) {
    int64_t start = offset_;
    char kind = At(offset_ + 1);
    offset_ += 2;
    switch (kind) {
      case 'a':
        out->push_back('\a');
        return;
      case 'b':
        out->push_back('\b');
        return;
      case 'f':
        out->push_back('\f');
        return;
      case 'n':
        out->push_back('\n');
        return;
      case 'r':
        out->push_back('\r');
        return;
      case 't':
        out->push_back('\t');
        return;
      case 'v':
        out->push_back('\v');
        return;
      case '\\':
      case '?':
      case '\'':
      case '"':
      case '`':
        out->push_back(kind);
        return;
      case 'x':
      case 'X':
        if (IsHexDigit(At(offset_)) && IsHexDigit(At(offset_ + 1))) {
          out->push_back(static_cast<char>(HexValue(At(offset_)) * 16 + HexValue(At(offset_ + 1))));
          offset_ += 2;
          return;
        }
        break;
      case 'u':
      case 'U': {
        int digits = kind == 'u' ? 4 : 8;
        uint32_t code_point = 0;
        for (int index = 0; index < digits; ++index) {
          if (!IsHexDigit(At(offset_ + index))) ThrowIllegalEscape(start);
          code_point = code_point * 16 + HexValue(At(offset_ + index));
        }
        if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
          ThrowIllegalEscape(start);
        }
        offset_ += digits;
        AppendUtf8(code_point, out);
        return;
      }
      default:
        if (kind >= '0' && kind <= '3' && At(offset_) >= '0' && At(offset_) <= '7' &&
            At(offset_ + 1) >= '0' && At(offset_ + 1) <= '7') {
          int value = (kind - '0') * 64 + (At(offset_) - '0') * 8 + (At(offset_ + 1) - '0');
          out->push_back(static_cast<char>(value));
          offset_ += 2;
          return;
        }
        break;
    }
    ThrowIllegalEscape(start);
  }

  [[noreturn]] void ThrowIllegalEscape(int64_t start) {
    int64_t length = std::min<int64_t>(2, Size() - start);
    ThrowSyntax("Illegal escape sequence: " + std::string(sql_.substr(start, length)), start);
  }

  Token LexQuotedIdentifier() {
    int64_t start = offset_;
    ++offset_;
    std::string value;
    while (true) {
      if (offset_ >= Size() || sql_[offset_] == '\n') {
        ThrowSyntax("Unclosed identifier literal", start);
      }
      char character = sql_[offset_];
      if (character == '`') {
        ++offset_;
        break;
      }
      if (character == '\\') {
        DecodeEscape(&value);
        continue;
      }
      value.push_back(character);
      ++offset_;
    }
    if (value.empty()) ThrowSyntax("Invalid empty identifier", start);
    Token token;
    token.kind = TokenKind::kIdentifier;
    token.position = start;
    token.text = std::move(value);
    token.quoted = true;
    return token;
  }

  Token LexParameter() {
    int64_t start = offset_;
    bool system = At(offset_ + 1) == '@';
    offset_ += system ? 2 : 1;
    int64_t name_start = offset_;
    if (!IsIdentifierStart(At(offset_))) ThrowSyntax("Illegal input character \"@\"", start);
    while (offset_ < Size() && IsIdentifierChar(sql_[offset_])) ++offset_;
    Token token;
    token.kind = system ? TokenKind::kSystemVariable : TokenKind::kParameter;
    token.position = start;
    token.text = std::string(sql_.substr(name_start, offset_ - name_start));
    return token;
  }

  Token LexSymbol() {
    static constexpr std::string_view kTwoCharacterSymbols[] = {
        "<<", ">>", "<=", ">=", "<>", "!=", "||", "=>"};
    static constexpr std::string_view kOneCharacterSymbols = "+-*/=<>&|^~.,()[];:?";
    Token token;
    token.kind = TokenKind::kSymbol;
    token.position = offset_;
    std::string_view rest = sql_.substr(offset_);
    for (std::string_view symbol : kTwoCharacterSymbols) {
      if (rest.substr(0, 2) == symbol) {
        token.text = std::string(symbol);
        offset_ += 2;
        return token;
      }
    }
    char character = sql_[offset_];
    if (kOneCharacterSymbols.find(character) == std::string_view::npos) {
      ThrowSyntax("Illegal input character \"" + std::string(1, character) + "\"", offset_);
    }
    token.text = std::string(1, character);
    ++offset_;
    return token;
  }

  std::string_view sql_;
  int64_t offset_ = 0;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace dq::sql
