// GoogleSQL implicit coercion: which types an argument may silently become, the common
// supertype of several expressions (CASE branches, UNION columns, IN lists), and the mapping
// from SQL type names (incl. the aliases the sqllogictest corpus uses) to LogicalTypes.
#pragma once

#include <optional>
#include <vector>

#include "plan/expression.h"
#include "sql/ast.h"

namespace dq {

// Cost of coercing an expression of type `from` to `to`: 0 for the same type, larger for
// wider conversions, nullopt when not allowed. `is_literal` enables literal-only coercions
// (a STRING literal to DATE/TIMESTAMP..., an INT64 literal to anything numeric).
std::optional<int> CoercionCost(const LogicalType& from, const LogicalType& to, bool is_literal);

// The common supertype, or nullopt. `literal` flags mark expressions that are literals.
std::optional<LogicalType> CommonSupertype(const std::vector<LogicalType>& types,
                                           const std::vector<bool>& literal);

// Wraps `expression` in a cast to `type` unless it already has it. Constant inputs are cast
// right away (so errors in literals surface at bind time, with their position).
ExpressionPtr CoerceTo(ExpressionPtr expression, const LogicalType& type);

// Coerces a literal value to `type` structurally, as an INSERT ... VALUES row or a DEFAULT
// does: NULLs (also inside arrays and structs) take any type, `[]` fits any array, fields and
// elements coerce one by one with literal rules. nullopt when some part does not coerce; throws
// kBinding when a literal's text is invalid for the target (e.g. '2024-13-01' to DATE).
std::optional<Value> CoerceLiteralValue(const Value& value, const LogicalType& type);

// Maps a parsed type name to a LogicalType; throws a kBinding error for unknown names.
LogicalType ResolveTypeName(const sql::TypeName& name);

}  // namespace dq
