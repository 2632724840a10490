#include "zetasql_test_file.h"

#include <algorithm>
#include <cctype>

namespace deepquery::tools {
namespace {

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// An option line starts with `[` followed by a letter: `[name=x]`, `[prepare_database]`.
bool StartsOption(const std::string& line) {
  return line.size() >= 2 && line[0] == '[' && std::isalpha(static_cast<unsigned char>(line[1]));
}

// Bracket depth change of `text`, ignoring brackets inside quoted strings.
int BracketBalance(const std::string& text) {
  int depth = 0;
  char quote = 0;
  for (size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (quote != 0) {
      if (c == '\\') {
        ++index;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    }
  }
  return depth;
}

// Adds `[key=value]` (text without the outer brackets) to `options` or, for `default key=v`,
// to `defaults` (default_time_zone goes to both).
void AddOption(const std::string& body, std::map<std::string, std::string>* options,
               std::map<std::string, std::string>* defaults) {
  const size_t equals = body.find('=');
  std::string key = Lower(Trim(body.substr(0, equals)));
  const std::string value = equals == std::string::npos ? "" : Trim(body.substr(equals + 1));
  if (key.rfind("default ", 0) == 0) {
    (*defaults)[Trim(key.substr(8))] = value;
    return;
  }
  // The reference driver applies [default_time_zone=...] to every later section too.
  if (key == "default_time_zone") (*defaults)[key] = value;
  (*options)[key] = value;
}

std::string StripTrailingSemicolon(std::string sql) {
  sql = Trim(sql);
  while (!sql.empty() && sql.back() == ';') sql = Trim(sql.substr(0, sql.size() - 1));
  return sql;
}

std::string CleanExpected(const std::string& block) {
  std::string text = Trim(block);
  static const std::string kNote = "NOTE: Reference implementation reports non-determinism.";
  if (text.size() >= kNote.size() && text.compare(text.size() - kNote.size(), kNote.size(), kNote) == 0) {
    text = Trim(text.substr(0, text.size() - kNote.size()));
  }
  return text;
}

}  // namespace

const std::string& ZetasqlSection::name() const { return Option("name"); }

const std::string& ZetasqlSection::Option(const std::string& key) const {
  static const std::string kEmpty;
  const auto found = options.find(key);
  return found == options.end() ? kEmpty : found->second;
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string item = Trim(text.substr(start, end - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = end + 1;
  }
  return items;
}

std::vector<std::string> ZetasqlSection::RequiredFeatures() const {
  return SplitCommaList(Option("required_features"));
}

std::vector<std::string> ZetasqlSection::ForbiddenFeatures() const {
  return SplitCommaList(Option("forbidden_features"));
}

std::vector<ZetasqlSection> ParseZetasqlFile(std::string_view text) {
  const std::vector<std::string> lines = SplitLines(text);
  std::vector<ZetasqlSection> sections;
  std::map<std::string, std::string> defaults;
  size_t index = 0;
  while (index < lines.size()) {
    ZetasqlSection section;
    section.line = static_cast<int>(index) + 1;
    std::map<std::string, std::string> options;
    // Header: comments, blank lines and options.
    while (index < lines.size() && lines[index] != "==") {
      const std::string& line = lines[index];
      if (StartsOption(line)) {
        std::string option = line;
        int depth = BracketBalance(line);
        while (depth > 0 && index + 1 < lines.size() && lines[index + 1] != "==") {
          ++index;
          option += "\n" + lines[index];
          depth += BracketBalance(lines[index]);
        }
        const size_t close = option.rfind(']');
        AddOption(option.substr(1, close == std::string::npos ? std::string::npos : close - 1),
                  &options, &defaults);
        ++index;
      } else if (Trim(line).empty() || line[0] == '#') {
        ++index;
      } else {
        break;
      }
    }
    // Body: blocks separated by `--` lines, up to the next `==`.
    std::vector<std::string> blocks(1);
    while (index < lines.size() && lines[index] != "==") {
      if (lines[index] == "--") {
        blocks.emplace_back();
      } else if (lines[index].rfind("\\--", 0) == 0 || lines[index].rfind("\\==", 0) == 0) {
        blocks.back() += lines[index].substr(1) + "\n";  // escaped separator-like line
      } else {
        blocks.back() += lines[index] + "\n";
      }
      ++index;
    }
    ++index;  // the `==` line
    if (Trim(blocks[0]).empty() && blocks.size() >= 3) blocks.erase(blocks.begin());
    section.sql = StripTrailingSemicolon(blocks[0]);
    if (blocks.size() >= 2) section.expected = CleanExpected(blocks[1]);
    for (const auto& [key, value] : defaults) options.emplace(key, value);
    section.options = std::move(options);
    if (!section.sql.empty()) sections.push_back(std::move(section));
  }
  return sections;
}

}  // namespace deepquery::tools
