// "$like": `text LIKE pattern` on STRING (where `_` matches one character) and BYTES (one
// byte). `%` matches any sequence, `\` makes the next pattern character literal; a pattern
// ending in a lone backslash is an error ("LIKE pattern ends with a backslash", kInvalidInput).
//
// A pattern is compiled once: at bind time when it is a constant (bind_data), otherwise once
// per distinct pattern value in a batch. Compiled patterns use fast paths for the common
// shapes 'abc', 'abc%', '%abc', '%abc%' and a backtracking matcher (linear in practice,
// O(text * pattern) at worst) for the rest.
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "common/utf8.h"

namespace dq {

namespace {

class LikePattern : public FunctionData {
 public:
  LikePattern(std::string_view pattern, bool characters) : characters_(characters) {
    for (size_t index = 0; index < pattern.size(); ++index) {
      char c = pattern[index];
      if (c == '\\') {
        if (++index >= pattern.size()) {
          throw Error(ErrorKind::kInvalidInput, "LIKE pattern ends with a backslash");
        }
        tokens_.push_back(Token{TokenKind::kLiteral, pattern[index]});
      } else if (c == '%') {
        if (tokens_.empty() || tokens_.back().kind != TokenKind::kAnyMany) {
          tokens_.push_back(Token{TokenKind::kAnyMany, 0});
        }
      } else if (c == '_') {
        tokens_.push_back(Token{TokenKind::kAnyOne, 0});
      } else {
        tokens_.push_back(Token{TokenKind::kLiteral, c});
      }
    }
    Classify();
  }

  bool Matches(std::string_view text) const {
    switch (shape_) {
      case Shape::kExact:
        return text == literal_;
      case Shape::kPrefix:
        return text.starts_with(literal_);
      case Shape::kSuffix:
        return text.ends_with(literal_);
      case Shape::kContains:
        return text.find(literal_) != std::string_view::npos;
      case Shape::kGeneral:
        return MatchGeneral(text);
    }
    return false;
  }

 private:
  enum class TokenKind : uint8_t { kLiteral, kAnyOne, kAnyMany };
  struct Token {
    TokenKind kind;
    char literal;
  };
  enum class Shape : uint8_t { kExact, kPrefix, kSuffix, kContains, kGeneral };

  // Detects [%]literal[%] patterns without `_`.
  void Classify() {
    shape_ = Shape::kGeneral;
    size_t begin = 0;
    size_t end = tokens_.size();
    bool leading = end > 0 && tokens_[0].kind == TokenKind::kAnyMany;
    if (leading) ++begin;
    bool trailing = end > begin && tokens_[end - 1].kind == TokenKind::kAnyMany;
    if (trailing) --end;
    for (size_t index = begin; index < end; ++index) {
      if (tokens_[index].kind != TokenKind::kLiteral) return;
      literal_.push_back(tokens_[index].literal);
    }
    if (leading && trailing) {
      shape_ = Shape::kContains;
    } else if (leading) {
      shape_ = Shape::kSuffix;
    } else if (trailing) {
      shape_ = Shape::kPrefix;
    } else {
      shape_ = Shape::kExact;
    }
  }

  size_t UnitLength(std::string_view text, size_t offset) const {
    return characters_ ? Utf8CharLength(static_cast<unsigned char>(text[offset])) : 1;
  }

  // Greedy matching that backtracks only to the most recent `%`.
  bool MatchGeneral(std::string_view text) const {
    const size_t token_count = tokens_.size();
    size_t text_pos = 0;
    size_t token_pos = 0;
    size_t star_token = SIZE_MAX;
    size_t star_text = 0;
    while (text_pos < text.size()) {
      if (token_pos < token_count && tokens_[token_pos].kind == TokenKind::kAnyOne) {
        text_pos += UnitLength(text, text_pos);
        ++token_pos;
      } else if (token_pos < token_count && tokens_[token_pos].kind == TokenKind::kLiteral &&
                 tokens_[token_pos].literal == text[text_pos]) {
        ++text_pos;
        ++token_pos;
      } else if (token_pos < token_count && tokens_[token_pos].kind == TokenKind::kAnyMany) {
        star_token = token_pos++;
        star_text = text_pos;
      } else if (star_token != SIZE_MAX) {
        token_pos = star_token + 1;
        star_text += UnitLength(text, star_text);
        text_pos = star_text;
      } else {
        return false;
      }
    }
    while (token_pos < token_count && tokens_[token_pos].kind == TokenKind::kAnyMany) ++token_pos;
    return token_pos == token_count && text_pos <= text.size();
  }

  bool characters_;
  std::vector<Token> tokens_;
  Shape shape_ = Shape::kGeneral;
  std::string literal_;
};

bool BindLike(const ScalarBindInput& input, ScalarBindOutput* output) {
  if (input.argument_types.size() != 2) return false;
  TypeId type = TypeId::kNull;
  for (const LogicalType& argument : input.argument_types) {
    if (argument.id() == TypeId::kNull) continue;
    if (argument.id() != TypeId::kString && argument.id() != TypeId::kBytes) return false;
    if (type != TypeId::kNull && argument.id() != type) return false;
    type = argument.id();
  }
  if (type == TypeId::kNull) type = TypeId::kString;
  output->argument_types = {type, type};
  output->return_type = TypeId::kBool;
  const Value* pattern =
      input.constant_arguments.size() > 1 ? input.constant_arguments[1] : nullptr;
  if (pattern != nullptr && !pattern->is_null()) {
    output->bind_data =
        std::make_shared<LikePattern>(pattern->string_value(), type == TypeId::kString);
  }
  return true;
}

void LikeKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  if (call.bind_data != nullptr) {
    const auto* pattern = static_cast<const LikePattern*>(call.bind_data);
    ExecuteUnary<StringView, bool>(
        args.column(0), args.size(), result,
        [pattern](const StringView& text) { return pattern->Matches(text.view()); });
    return;
  }
  bool characters = args.column(0).type().id() != TypeId::kBytes;
  std::unique_ptr<LikePattern> compiled;
  std::string compiled_text;
  ExecuteBinary<StringView, StringView, bool>(
      args.column(0), args.column(1), args.size(), result,
      [&](const StringView& text, const StringView& pattern) {
        if (!compiled || pattern.view() != compiled_text) {
          compiled = std::make_unique<LikePattern>(pattern.view(), characters);
          compiled_text.assign(pattern.view());
        }
        return compiled->Matches(text.view());
      });
}

}  // namespace

void RegisterLikeFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "$like",
                                    .kernel = LikeKernel,
                                    .bind = BindLike,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
}

}  // namespace dq
