// Splits SQL text into statements at top-level ';' without parsing, for the CLI's multi-line
// input. Quotes ('..', "..", '''..''', """..""", `..`), backslash escapes inside them and
// comments (--, #, /* */) follow the lexer's rules (lexer.h), so a ';' inside them does not
// split.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dq::sql {

// Returns the complete statements of `text`: each is the text before a top-level ';', without
// the ';' and trimmed of surrounding whitespace; empty ones (";;") are dropped.
// `*remainder` (when non-null) receives the text after the last top-level ';', trimmed: an
// incomplete statement, or the rest of the input from an unterminated string, quoted identifier
// or block comment. A remainder holding only whitespace and comments is returned as "".
// Never throws.
std::vector<std::string> SplitStatements(std::string_view text, std::string* remainder);

}  // namespace dq::sql
