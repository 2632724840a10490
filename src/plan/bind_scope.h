// BindScope: the relations visible to expressions of one query block (its FROM clause), used
// to resolve column names `col`, `alias.col` and stars `*`, `alias.*`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plan/expression.h"

namespace dq {

// Name of a relation column that has no name of its own (the element column of an unaliased
// UNNEST): `*` expands it under a generated name like f0_, and no identifier can name it.
inline constexpr char kAnonymousColumnName[] = "$anonymous";

struct BoundRelation {
  std::string alias;  // as written; matched case-insensitively
  std::vector<std::string> column_names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> bindings;
  // For a value table whose rows are STRUCTs with their fields also listed as columns (an
  // aliased UNNEST of structs): the column holding the whole value, which `*` leaves out.
  size_t value_column = SIZE_MAX;
  // Columns reachable only as alias.column (a side's copy of a JOIN ... USING column, whose
  // unqualified name means the merged column): unqualified lookup and `*` skip them.
  std::vector<bool> qualified_only;

  bool IsQualifiedOnly(size_t column) const {
    return column < qualified_only.size() && qualified_only[column];
  }
};

struct ResolvedColumn {
  const BoundRelation* relation = nullptr;
  size_t column = 0;
};

class BindScope {
 public:
  void AddRelation(BoundRelation relation) { relations_.push_back(std::move(relation)); }
  const std::vector<BoundRelation>& relations() const { return relations_; }
  // Adds every relation of `other` (used when joins combine scopes).
  void Merge(const BindScope& other);

  const BoundRelation* FindRelation(const std::string& alias) const;
  // Finds `name` among all relations' columns. Throws kBinding if ambiguous
  // ("Column name x is ambiguous"). nullopt when absent.
  std::optional<ResolvedColumn> FindColumn(const std::string& name, int64_t position) const;
  // Closest known column name to `name` for "Did you mean" hints, or empty.
  std::string SuggestColumn(const std::string& name) const;

 private:
  std::vector<BoundRelation> relations_;
};

// Case-insensitive equality of identifiers.
bool IdentifierEquals(const std::string& left, const std::string& right);
// Levenshtein distance on lower-cased text (for suggestions).
size_t EditDistance(const std::string& left, const std::string& right);

}  // namespace dq
