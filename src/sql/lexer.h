// The GoogleSQL lexer: turns SQL text into tokens (token.h).
//
// Recognized input:
//  * whitespace and comments: `-- ...`, `# ...` (to end of line), `/* ... */` (not nested);
//  * identifiers: [A-Za-z_][A-Za-z0-9_]*, reserved keywords (token.h) become kKeyword, everything
//    else (TABLE, DATE, OFFSET, ...) stays kIdentifier; backtick-quoted identifiers take the
//    same escapes as strings and may contain any character, dots included;
//  * integers: decimal and 0x hex (the parser converts them, so that -9223372036854775808 works);
//  * floats: 1.5, .5, 1., 1e10, 1.5E-3;
//  * strings: '..', "..", '''..''', """..""" with r/R (raw) and b/B (bytes) prefixes in any
//    combination (rb, br). Escapes: \a \b \f \n \r \t \v \\ \? \' \" \` \ooo \xHH \uXXXX
//    \UXXXXXXXX. Raw strings keep backslashes, but a backslash still stops a quote from ending
//    the literal. Single-quoted forms may not span lines;
//  * @name parameters and @@name system variables;
//  * symbols: + - * / || = != <> < <= > >= << >> & | ^ ~ . , ( ) [ ] ; : ? =>
//
// Errors are thrown as dq::Error of kind kSyntax with the byte offset of the problem:
// "Syntax error: Unclosed string literal", "Syntax error: Unclosed comment",
// "Syntax error: Illegal escape sequence: \q", "Syntax error: Illegal input character "$"",
// "Syntax error: Missing whitespace between literal and alias".
#pragma once

#include <string_view>
#include <vector>

#include "sql/token.h"

namespace dq::sql {

// Returns the tokens of `sql`; the last one is always kEnd at offset sql.size().
std::vector<Token> Tokenize(std::string_view sql);

}  // namespace dq::sql
