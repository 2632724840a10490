#include "plan/bind_scope.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"

namespace dq {

bool IdentifierEquals(const std::string& left, const std::string& right) {
  if (left.size() != right.size()) return false;
  for (size_t index = 0; index < left.size(); ++index) {
    if (std::tolower(static_cast<unsigned char>(left[index])) !=
        std::tolower(static_cast<unsigned char>(right[index]))) {
      return false;
    }
  }
  return true;
}

size_t EditDistance(const std::string& left, const std::string& right) {
  std::vector<size_t> previous(right.size() + 1);
  std::vector<size_t> current(right.size() + 1);
  for (size_t column = 0; column <= right.size(); ++column) previous[column] = column;
  for (size_t row = 1; row <= left.size(); ++row) {
    current[0] = row;
    for (size_t column = 1; column <= right.size(); ++column) {
      bool same = std::tolower(static_cast<unsigned char>(left[row - 1])) ==
                  std::tolower(static_cast<unsigned char>(right[column - 1]));
      current[column] = std::min({previous[column] + 1, current[column - 1] + 1,
                                  previous[column - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[right.size()];
}

void BindScope::Merge(const BindScope& other) {
  for (const BoundRelation& relation : other.relations_) relations_.push_back(relation);
}

const BoundRelation* BindScope::FindRelation(const std::string& alias) const {
  for (const BoundRelation& relation : relations_) {
    if (IdentifierEquals(relation.alias, alias)) return &relation;
  }
  return nullptr;
}

std::optional<ResolvedColumn> BindScope::FindColumn(const std::string& name,
                                                    int64_t position) const {
  std::optional<ResolvedColumn> found;
  for (const BoundRelation& relation : relations_) {
    for (size_t column = 0; column < relation.column_names.size(); ++column) {
      if (!IdentifierEquals(relation.column_names[column], name)) continue;
      if (relation.IsQualifiedOnly(column)) continue;
      if (found && !(found->relation->bindings[found->column] == relation.bindings[column])) {
        throw Error(ErrorKind::kBinding, "Column name " + name + " is ambiguous", position);
      }
      found = ResolvedColumn{&relation, column};
    }
  }
  return found;
}

std::string BindScope::SuggestColumn(const std::string& name) const {
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (const BoundRelation& relation : relations_) {
    for (const std::string& column : relation.column_names) {
      size_t distance = EditDistance(name, column);
      if (distance < best_distance) {
        best_distance = distance;
        best = column;
      }
    }
  }
  // Only close names are worth suggesting.
  if (best_distance > std::max<size_t>(2, name.size() / 3)) return "";
  return best;
}

}  // namespace dq
