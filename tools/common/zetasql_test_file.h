// Parses GoogleSQL (ZetaSQL) file-based compliance tests (see
// ../shared/testdata/zetasql/README.md) into sections.
//
// Format: sections are separated by lines that are exactly `==`. A section is `#` comment
// lines and bracketed option lines (`[name=x]`, `[prepare_database]`, an option may span
// several lines until its brackets balance), then the SQL, a line `--`, and the expected
// output. A body line starting with `\--` or `\==` stands for the line without the
// backslash. Further `--` blocks (the [extract_labels] block) are ignored. `[default key=value]`
// options apply to every later section of the file unless the section sets the key itself.
//
// Upstream quirk: a section whose SQL is empty because a stray `--` follows its options takes
// the SQL from the next block and the expected output from the one after it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace deepquery::tools {

struct ZetasqlSection {
  // 1-based line of the section's first line in the file.
  int line = 0;
  // Option keys in lower case ("name", "required_features", "prepare_database", ...); a bare
  // `[key]` has an empty value. Defaults from earlier `[default ...]` lines are merged in.
  std::map<std::string, std::string> options;
  // The SQL without a trailing `;` and surrounding whitespace.
  std::string sql;
  // The first output block without trailing whitespace and without a trailing
  // `NOTE: Reference implementation reports non-determinism.` line.
  std::string expected;

  const std::string& name() const;
  bool Has(const std::string& key) const { return options.count(key) > 0; }
  // The option's value, or "" when absent.
  const std::string& Option(const std::string& key) const;
  bool is_prepare_database() const { return Has("prepare_database"); }
  // The comma-separated required_features, trimmed, empty entries dropped.
  std::vector<std::string> RequiredFeatures() const;
  std::vector<std::string> ForbiddenFeatures() const;
};

// Never fails; sections without SQL (e.g. only comments) are dropped.
std::vector<ZetasqlSection> ParseZetasqlFile(std::string_view text);

// Splits a comma-separated list, trimming spaces and dropping empty entries.
std::vector<std::string> SplitCommaList(std::string_view text);

}  // namespace deepquery::tools
