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

#include <functional>
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
  // The session's time zone (SET @@time_zone): the zone of TIMESTAMP literals and of
  // conversions between TIMESTAMP and civil time that name none.
  TimeZone time_zone;
};

struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;  // output column names
  bool ordered = false;            // the result order is defined by ORDER BY
  // A value table (SELECT AS STRUCT / AS VALUE): one column whose rows are the values; as a
  // FROM source its STRUCT fields are columns and its alias names the value.
  bool value_table = false;
};

// A correlated subquery found while binding an expression, waiting to be joined into the
// plan of the query block that contains it (see subquery_binder.cc).
struct PendingSubquery {
  enum class Kind { kScalar, kExists, kIn };
  Kind kind = Kind::kScalar;
  // Join form: the subquery's FROM and uncorrelated WHERE, joined to the outer rows on the
  // correlated WHERE terms. Lateral form (FROM UNNEST(<outer array>), or no FROM): the rows
  // are the outer rows themselves, unnested by `lateral_unnest` (whose field projection is
  // `inner` and whose input, `lateral_unnest->children[0]`, becomes the outer rows) or not.
  LogicalOperatorPtr inner;
  bool lateral = false;
  LogicalUnnest* lateral_unnest = nullptr;
  ExpressionPtr lateral_condition;         // lateral: the WHERE clause, or null
  std::vector<ExpressionPtr> correlated;   // join: WHERE terms reading outer columns
  uint32_t aggregate_index = 0;            // kScalar: the aggregates of its SELECT expression
                                           // (an ARRAY_AGG of the rows for ARRAY(...) and for
                                           // a scalar subquery without aggregates)
  std::vector<BoundAggregate> aggregates;
  ExpressionPtr value;                     // kScalar: over the aggregates; kIn: over inner columns
  ExpressionPtr in_operand;                // kIn: the outer expression left of IN
  // GROUP BY inside a scalar or ARRAY subquery (grouped form): the subquery's rows are first
  // grouped by (tag, groups), `groups` bound as (group_index, i), with `aggregates` per group;
  // then `collect` (one ARRAY_AGG, collect_index) gathers a value per group that passes
  // `group_filter` (HAVING), and `value` reads that array.
  std::vector<ExpressionPtr> groups;
  uint32_t group_index = 0;
  ExpressionPtr group_filter;
  std::vector<BoundAggregate> collect;
  uint32_t collect_index = 0;
  ColumnBinding result;                    // where the subquery's value appears
  uint32_t first_table = 0;                // table indexes below this are outer columns
  LogicalType type;
  int64_t position = -1;
};

// Runs an uncorrelated subquery while binding (its result becomes a constant).
using SubqueryRunner = std::function<std::shared_ptr<ColumnDataCollection>(BoundQuery&)>;

class ExpressionBinder;

class Binder {
 public:
  Binder(std::shared_ptr<const CatalogSnapshot> catalog, const BinderSettings& settings);

  BoundQuery BindQuery(const sql::QueryExpression& query);
  // Binds the query of a statement (a SELECT, EXPLAIN or CREATE TABLE AS): like BindQuery,
  // but a result that is a STRUCT value table (SELECT AS STRUCT) has the struct's fields as
  // its columns, as BigQuery returns and stores it (select_as_binder.cc).
  BoundQuery BindStatementQuery(const sql::QueryExpression& query);
  // Binds an expression that may not reference columns (LIMIT, DEFAULT, OPTIONS values) and
  // evaluates it.
  Value BindConstant(const sql::Expression& expression, const char* clause);
  // Resolves `[dataset.]table` paths; throws kCatalog "Not found: Table ..." errors.
  std::shared_ptr<const TableEntry> ResolveTable(const std::vector<std::string>& path,
                                                 int64_t position) const;
  // Like ResolveTable, but a view is a valid answer too (exactly one of the two is set).
  struct ResolvedRelation {
    std::shared_ptr<const TableEntry> table;
    std::shared_ptr<const ViewEntry> view;
  };
  ResolvedRelation ResolveRelation(const std::vector<std::string>& path, int64_t position) const;

  const CatalogSnapshot& catalog() const { return *catalog_; }

  // The catalog (project) name shown by INFORMATION_SCHEMA.
  void set_catalog_name(std::string name) { catalog_name_ = std::move(name); }
  // The statement's time (microseconds since the epoch, taken when the binder is made): every
  // CURRENT_TIMESTAMP / CURRENT_DATE / CURRENT_DATETIME / CURRENT_TIME in the statement reads
  // it, so they agree with each other, as in BigQuery.
  int64_t statement_time_micros() const { return statement_time_micros_; }
  const TimeZone& time_zone() const { return settings_.time_zone; }
  // Set by the statement runner so that uncorrelated subqueries can be evaluated.
  void set_subquery_runner(SubqueryRunner runner) { subquery_runner_ = std::move(runner); }

  // Binds `(SELECT ...)`, `EXISTS(...)`, `ARRAY(...)` or `x IN (SELECT ...)` appearing in an
  // expression of a query block with scope `scope`. Uncorrelated subqueries are evaluated now
  // and become constants; correlated ones are added to `pending` (error if null) and
  // referenced by a column the caller's plan gets from ApplySubqueries.
  ExpressionPtr BindSubquery(const sql::Expression& expression, const BindScope& scope,
                             std::vector<PendingSubquery>* pending, ExpressionBinder& caller);
  // Joins the pending correlated subqueries into `plan` (decorrelation; see the .cc file).
  LogicalOperatorPtr ApplySubqueries(LogicalOperatorPtr plan,
                                     std::vector<PendingSubquery>& pending);
  // DML helpers: a scan of every column of `table` visible under `alias` in `scope`, and a
  // boolean expression over it (subqueries allowed; they are joined into `plan`).
  LogicalOperatorPtr BindTableScan(const std::vector<std::string>& path, const std::string& alias,
                                   int64_t position, BindScope& scope);
  ExpressionPtr BindPredicate(const sql::Expression& expression, const BindScope& scope,
                              LogicalOperatorPtr& plan, const char* clause);
  ExpressionPtr BindScalar(const sql::Expression& expression, const BindScope& scope,
                           LogicalOperatorPtr& plan, const char* clause);
  // MERGE helpers: a FROM item (table, view or parenthesized query) added to `scope`, and a
  // fresh table index for operators the caller builds (tags, markers).
  LogicalOperatorPtr BindFromItem(const sql::TableReference& reference, BindScope& scope) {
    return BindTableReference(reference, scope);
  }
  uint32_t NewTableIndex() { return NextTableIndex(); }

  // Outer query blocks' scopes, innermost last, for correlated column references.
  const std::vector<const BindScope*>& outer_scopes() const { return outer_scopes_; }

 private:
  friend class ExpressionBinder;
  friend class SelectBinder;

  uint32_t NextTableIndex() { return next_table_index_++; }

  BoundQuery BindQueryBody(const sql::QueryBody& body, const sql::QueryExpression* outer);
  BoundQuery BindSelectCore(const sql::SelectCore& select, const sql::QueryExpression* outer);
  BoundQuery BindSetOperation(const sql::SetOperation& operation);
  // SELECT AS STRUCT / AS VALUE over the bound select list (select_as_binder.cc);
  // `anonymous[i]` is set for columns without an explicit or inferred name.
  BoundQuery ApplySelectAs(const sql::SelectCore& select, BoundQuery bound,
                           const std::vector<bool>& anonymous);
  // The relation a value table `plan` (one column) exposes under `alias`; may add a
  // projection of its STRUCT fields to `plan`.
  BoundRelation ValueTableRelation(LogicalOperatorPtr& plan, const std::string& alias,
                                   int64_t position);
  // INTERSECT ALL / EXCEPT ALL of two sides already coerced to `types`
  // (bag_set_operation_binder.cc).
  BoundQuery PlanBagSetOperation(BoundQuery left, BoundQuery right,
                                 const std::vector<LogicalType>& types, bool intersect);
  void BindOrderAndLimit(const sql::QueryExpression& query, BoundQuery& bound);
  uint64_t BindLimitValue(const sql::Expression& expression, const char* clause);

  // FROM clause: returns the plan and adds the visible relations to `scope`.
  LogicalOperatorPtr BindTableReference(const sql::TableReference& reference, BindScope& scope);
  LogicalOperatorPtr BindJoin(const sql::JoinTableReference& join, BindScope& scope);
  LogicalOperatorPtr BindNamedTable(const sql::TableName& table, BindScope& scope);
  // Views and INFORMATION_SCHEMA (binder_catalog_views.cc).
  LogicalOperatorPtr BindView(const ViewEntry& view, const sql::TableName& reference,
                              BindScope& scope);
  LogicalOperatorPtr BindInformationSchema(const sql::TableName& reference, BindScope& scope);
  // Table-valued functions in FROM: ML.PREDICT, ML.FEATURE_INFO (ml_binder.cc).
  LogicalOperatorPtr BindTableFunction(const sql::TableFunctionCall& call, BindScope& scope);
  LogicalOperatorPtr BindPredict(const sql::TableFunctionCall& call, BindScope& scope);
  LogicalOperatorPtr BindFeatureInfo(const sql::TableFunctionCall& call, BindScope& scope);
  std::shared_ptr<const ModelEntry> ResolveModel(const sql::TableFunctionArgument& argument,
                                                 const std::string& function) const;
  LogicalOperatorPtr BindSubqueryRelation(const sql::QueryExpression& query,
                                          const std::string& alias, int64_t position,
                                          BindScope& scope);

  // UNNEST in FROM (unnest_binder.cc).
  struct UnnestSpec {
    const sql::Expression* array = nullptr;
    std::string alias;
    bool with_offset = false;
    std::string offset_alias;
    int64_t position = -1;
  };
  // Whether `right`, joined to relations in `left_scope`, is an UNNEST (explicit or `t.arr`).
  bool JoinsUnnest(const sql::TableReference& right, const BindScope& left_scope) const;
  LogicalOperatorPtr BindStandaloneUnnest(const sql::UnnestTable& unnest, BindScope& scope);
  LogicalOperatorPtr BindUnnestJoin(const sql::JoinTableReference& join, LogicalOperatorPtr left,
                                    const BindScope& left_scope, BindScope& scope);
  // `lateral_slot`: where an UNNEST of an enclosing query's array is recorded (the lateral
  // form of a correlated subquery); null makes that an error.
  LogicalOperatorPtr BindUnnest(LogicalOperatorPtr input, const BindScope& input_scope,
                                const UnnestSpec& spec, bool preserve_empty, BindScope& scope,
                                LogicalUnnest** lateral_slot = nullptr);

  ExpressionPtr BindCorrelatedSubquery(const sql::QueryExpression& query,
                                       PendingSubquery::Kind kind, bool is_array,
                                       ExpressionPtr in_operand, const BindScope& scope,
                                       std::vector<PendingSubquery>* pending, int64_t position);
  // The kScalar value of a correlated subquery (see subquery_binder.cc).
  void BindCorrelatedValue(const sql::QueryExpression& query, bool is_array, uint32_t first,
                           bool lateral, const BindScope& inner_scope, PendingSubquery& subquery);
  LogicalOperatorPtr ApplySubquery(LogicalOperatorPtr plan, PendingSubquery& subquery);
  // ApplySubquery's second half for a subquery with GROUP BY (two levels of grouping).
  LogicalOperatorPtr ApplyGroupedSubquery(LogicalOperatorPtr below, ExpressionPtr marker,
                                          ColumnBinding tag,
                                          const std::vector<ColumnBinding>& outer_bindings,
                                          const std::vector<LogicalType>& outer_types,
                                          PendingSubquery& subquery);
  // For a subquery in the SELECT list or HAVING clause of an aggregating query, which is
  // applied above the aggregate: maps every expression that may read outer columns through
  // `rewrite` (group keys to the aggregate's outputs), then calls `check` on each outer
  // column reference left.
  void RebaseSubquery(PendingSubquery& subquery,
                      const std::function<ExpressionPtr(ExpressionPtr)>& rewrite,
                      const std::function<void(const Expression&)>& check);
  // `WHERE [NOT] EXISTS (correlated subquery)` as a semi (anti) join on the correlated terms.
  LogicalOperatorPtr ApplyExistsAsJoin(LogicalOperatorPtr plan, PendingSubquery& subquery,
                                       bool anti);

  std::shared_ptr<const CatalogSnapshot> catalog_;
  SubqueryRunner subquery_runner_;
  std::vector<const BindScope*> outer_scopes_;
  // Set just before binding the FROM clause of a subquery that is a single UNNEST; the next
  // standalone UNNEST takes it: if it unnests an enclosing query's array, it is bound over a
  // placeholder input and recorded there (the lateral form of PendingSubquery).
  LogicalUnnest** lateral_unnest_slot_ = nullptr;
  int view_depth_ = 0;
  std::string catalog_name_ = "warehouse";
  int64_t statement_time_micros_;
  const BinderSettings& settings_;
  uint32_t next_table_index_ = 1;
  // WITH entries in scope, innermost last.
  std::vector<std::map<std::string, const sql::QueryExpression*>> ctes_;
};

}  // namespace dq
