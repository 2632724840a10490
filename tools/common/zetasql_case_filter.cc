#include "zetasql_case_filter.h"

#include <algorithm>
#include <cctype>

namespace deepquery::tools {
namespace {

std::string Upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool IsWordCharacter(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `word` (upper case) occurs in `upper_text` with no identifier character on either side.
bool ContainsWord(const std::string& upper_text, const std::string& word) {
  size_t position = upper_text.find(word);
  while (position != std::string::npos) {
    const bool left_ok = position == 0 || !IsWordCharacter(upper_text[position - 1]);
    const size_t end = position + word.size();
    const bool right_ok = end >= upper_text.size() || !IsWordCharacter(upper_text[end]);
    if (left_ok && right_ok) return true;
    position = upper_text.find(word, position + 1);
  }
  return false;
}

bool TouchesProtoOrEnum(const ZetasqlSection& section) {
  if (section.Has("load_proto_files") || section.Has("load_proto_names") ||
      section.Has("load_enum_names")) {
    return true;
  }
  const std::string text = Upper(section.sql + "\n" + section.Option("parameters"));
  return text.find("ZETASQL_TEST__") != std::string::npos || text.find("PROTO<") != std::string::npos ||
         text.find("ENUM<") != std::string::npos;
}

}  // namespace

std::string ZetasqlSkip::Describe() const {
  if (!reason.empty()) return reason;
  std::string out = "missing feature ";
  for (size_t index = 0; index < missing_features.size(); ++index) {
    if (index > 0) out += ", ";
    out += missing_features[index];
  }
  return out;
}

ZetasqlSkip ZetasqlSkipFor(const ZetasqlSection& section, const std::set<std::string>& declared) {
  ZetasqlSkip skip;
  if (TouchesProtoOrEnum(section)) {
    skip.reason = "proto/enum";
    return skip;
  }
  for (const std::string& feature : section.RequiredFeatures()) {
    if (declared.count(Upper(feature)) == 0) skip.missing_features.push_back(Upper(feature));
  }
  const std::string text = Upper(section.sql + "\n" + section.Option("parameters") + "\n" + section.expected);
  if (declared.count(kNonBigQueryIntegerTypes) == 0 &&
      (ContainsWord(text, "INT32") || ContainsWord(text, "UINT32") || ContainsWord(text, "UINT64"))) {
    skip.missing_features.push_back(kNonBigQueryIntegerTypes);
  }
  if (skip.skipped()) return skip;
  for (const std::string& feature : section.ForbiddenFeatures()) {
    if (declared.count(Upper(feature)) > 0) {
      skip.reason = "forbidden feature " + Upper(feature) + " is declared";
      return skip;
    }
  }
  return skip;
}

std::string ZetasqlPreparedTableName(std::string_view sql) {
  std::string upper = Upper(sql);
  size_t position = upper.find("TABLE");
  if (upper.find("CREATE") == std::string::npos || position == std::string::npos) return "";
  position += 5;
  auto skip_space = [&] {
    while (position < upper.size() && std::isspace(static_cast<unsigned char>(upper[position]))) ++position;
  };
  skip_space();
  if (upper.compare(position, 13, "IF NOT EXISTS") == 0) {
    position += 13;
    skip_space();
  }
  const size_t start = position;
  while (position < sql.size() && (IsWordCharacter(sql[position]) || sql[position] == '.' || sql[position] == '`')) {
    ++position;
  }
  std::string name(sql.substr(start, position - start));
  name.erase(std::remove(name.begin(), name.end(), '`'), name.end());
  return name;
}

bool ZetasqlMentionsTable(const ZetasqlSection& section, const std::string& table) {
  if (table.empty()) return false;
  return ContainsWord(Upper(section.sql + "\n" + section.Option("parameters")), Upper(table));
}

}  // namespace deepquery::tools
