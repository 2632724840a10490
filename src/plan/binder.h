// Binder: resolves a parsed query (AST) against the catalog into a typed logical plan.
//
// It resolves names (tables, columns, aliases, functions), applies GoogleSQL's implicit
// coercions, folds constant expressions, extracts aggregates and checks that every selected
// column is grouped or aggregated. Errors are thrown as dq::Error with kind kBinding (or
// kCatalog for missing tables) and the position of the offending SQL text, e.g.
// `Unrecognized name: regoin; Did you mean region?`.
//
// One Binder per statement; not thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_snapshot.h"
#include "plan/bind_scope.h"
#include "plan/logical_operator.h"
#include "sql/ast.h"

namespace dq {

struct BinderSettings {
  // sqllogictest compatibility: INT64 / INT64 is truncating integer division (x / 0 is NULL).
  bool integer_division = false;
  // Values of @name query parameters, keyed by lower-cased name.
  std::map<std::string, Value> parameters;
};

struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;  // output column names
  bool ordered = false;            // the result order is defined by ORDER BY
};

class Binder {
 public:
  Binder(std::shared_ptr<const CatalogSnapshot> catalog, const BinderSettings& settings);

  BoundQuery BindQuery(const sql::QueryExpression& query);
  // Binds an expression that may not reference columns (LIMIT, DEFAULT, OPTIONS values) and
  // evaluates it.
  Value BindConstant(const sql::Expression& expression, const char* clause);
  // Resolves `[dataset.]table` paths; throws kCatalog "Not found: Table ..." errors.
  std::shared_ptr<const TableEntry> ResolveTable(const std::vector<std::string>& path,
                                                 int64_t position) const;

  const CatalogSnapshot& catalog() const { return *catalog_; }

 private:
  friend class ExpressionBinder;
  friend class SelectBinder;

  uint32_t NextTableIndex() { return next_table_index_++; }

  BoundQuery BindQueryBody(const sql::QueryBody& body, const sql::QueryExpression* outer);
  BoundQuery BindSelectCore(const sql::SelectCore& select, const sql::QueryExpression* outer);
  BoundQuery BindSetOperation(const sql::SetOperation& operation);
  void BindOrderAndLimit(const sql::QueryExpression& query, BoundQuery& bound);
  uint64_t BindLimitValue(const sql::Expression& expression, const char* clause);

  // FROM clause: returns the plan and adds the visible relations to `scope`.
  LogicalOperatorPtr BindTableReference(const sql::TableReference& reference, BindScope& scope);
  LogicalOperatorPtr BindJoin(const sql::JoinTableReference& join, BindScope& scope);
  LogicalOperatorPtr BindNamedTable(const sql::TableName& table, BindScope& scope);
  LogicalOperatorPtr BindSubqueryRelation(const sql::QueryExpression& query,
                                          const std::string& alias, int64_t position,
                                          BindScope& scope);

  std::shared_ptr<const CatalogSnapshot> catalog_;
  const BinderSettings& settings_;
  uint32_t next_table_index_ = 1;
  // WITH entries in scope, innermost last.
  std::vector<std::map<std::string, const sql::QueryExpression*>> ctes_;
};

}  // namespace dq
