// Binder: query blocks (SELECT, set operations, ORDER BY, LIMIT, WITH).
#include "plan/binder.h"

#include <algorithm>
#include <functional>
#include <set>

#include "catalog/catalog_entries.h"
#include "common/error.h"
#include "exec/expression_executor.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"
#include "plan/window_binder.h"

namespace dq {

namespace {

// Throws if `expression` still reads a column of the FROM clause after grouping.
// `subquery_tables`: the result columns of correlated subqueries applied above the aggregate.
void CheckGrouped(const Expression& expression, uint32_t group_index, uint32_t aggregate_index,
                  uint32_t grouping_index, uint32_t window_index, const char* clause,
                  const std::vector<uint32_t>& subquery_tables = {}) {
  VisitColumnRefs(expression, [&](const Expression& reference) {
    uint32_t table = reference.binding.table;
    if (table != group_index && table != aggregate_index && table != grouping_index &&
        table != window_index &&
        std::find(subquery_tables.begin(), subquery_tables.end(), table) == subquery_tables.end()) {
      throw Error(ErrorKind::kBinding,
                  std::string(clause) + " expression references column " + reference.name +
                      " which is neither grouped nor aggregated",
                  reference.position);
    }
  });
}

bool IsIntegerLiteral(const sql::Expression& expression) {
  return expression.kind == sql::ExpressionKind::kLiteral &&
         expression.As<sql::Literal>().literal_kind == sql::LiteralKind::kInteger;
}

std::string SinglePathName(const sql::Expression& expression) {
  if (expression.kind != sql::ExpressionKind::kPath) return "";
  const auto& path = expression.As<sql::PathExpression>();
  return path.names.size() == 1 ? path.names[0] : "";
}

// One item of the SELECT list after star expansion.
struct SelectEntry {
  const sql::Expression* ast = nullptr;  // null for star-expanded columns
  ExpressionPtr star_column;             // the column reference for star-expanded columns
  std::string name;
  bool anonymous = false;  // a generated name (f0_ ...): an unnamed field under SELECT AS STRUCT
  int64_t position = -1;
};

}  // namespace

ExpressionPtr ReplaceGroupKeys(ExpressionPtr expression, const std::vector<std::string>& keys,
                               const std::vector<LogicalType>& key_types, uint32_t group_index) {
  if (expression->kind != ExpressionKind::kConstant) {
    std::string fingerprint = expression->Fingerprint();
    for (size_t key = 0; key < keys.size(); ++key) {
      if (keys[key] == fingerprint) {
        ExpressionPtr reference = MakeColumnRef({group_index, static_cast<uint32_t>(key)},
                                                key_types[key], expression->ToString());
        reference->position = expression->position;
        reference->alias = expression->alias;
        return reference;
      }
    }
  }
  for (auto& child : expression->children) {
    child = ReplaceGroupKeys(std::move(child), keys, key_types, group_index);
  }
  return expression;
}

Binder::Binder(std::shared_ptr<const CatalogSnapshot> catalog, const BinderSettings& settings)
    : catalog_(std::move(catalog)),
      statement_time_micros_(NowMicros()),
      settings_(settings) {}

Value Binder::BindConstant(const sql::Expression& expression, const char* clause) {
  BindScope empty;
  ExpressionBinder binder(*this, empty, clause);
  ExpressionPtr bound = binder.Bind(expression);
  try {
    return ExpressionExecutor::EvaluateConstant(*bound);
  } catch (Error& error) {
    error.SetPositionIfAbsent(expression.position);
    throw;
  }
}

uint64_t Binder::BindLimitValue(const sql::Expression& expression, const char* clause) {
  Value value = BindConstant(expression, clause);
  if (value.type().id() != TypeId::kInt64 || value.is_null()) {
    throw Error(ErrorKind::kBinding, std::string(clause) + " expects an integer literal or parameter",
                expression.position);
  }
  if (value.int64_value() < 0) {
    throw Error(ErrorKind::kBinding, std::string(clause) + " expects a non-negative integer",
                expression.position);
  }
  return static_cast<uint64_t>(value.int64_value());
}

BoundQuery Binder::BindQuery(const sql::QueryExpression& query) {
  if (query.recursive) {
    throw Error(ErrorKind::kNotSupported, "WITH RECURSIVE is not supported", query.position);
  }
  std::map<std::string, const sql::QueryExpression*> ctes;
  ctes_.push_back({});
  for (const sql::WithEntry& entry : query.with) {
    for (const auto& [name, existing] : ctes_.back()) {
      if (IdentifierEquals(name, entry.name)) {
        throw Error(ErrorKind::kBinding, "Duplicate alias " + entry.name + " for WITH subquery",
                    entry.position);
      }
    }
    ctes_.back()[entry.name] = entry.query.get();
  }
  BoundQuery bound;
  try {
    bound = BindQueryBody(*query.body, &query);
    if (query.body->kind != sql::QueryBodyKind::kSelect) BindOrderAndLimit(query, bound);
    if (query.limit) {
      auto limit = std::make_unique<LogicalLimit>();
      limit->limit = BindLimitValue(*query.limit, "LIMIT");
      if (query.offset) limit->offset = BindLimitValue(*query.offset, "OFFSET");
      limit->children.push_back(std::move(bound.plan));
      bound.plan = std::move(limit);
    }
  } catch (...) {
    ctes_.pop_back();
    throw;
  }
  ctes_.pop_back();
  return bound;
}

BoundQuery Binder::BindQueryBody(const sql::QueryBody& body, const sql::QueryExpression* outer) {
  switch (body.kind) {
    case sql::QueryBodyKind::kSelect: return BindSelectCore(body.As<sql::SelectCore>(), outer);
    case sql::QueryBodyKind::kSetOperation:
      return BindSetOperation(body.As<sql::SetOperation>());
    case sql::QueryBodyKind::kNested: return BindQuery(*body.As<sql::NestedQuery>().query);
  }
  throw Error(ErrorKind::kInternal, "unknown query body", body.position);
}

BoundQuery Binder::BindSelectCore(const sql::SelectCore& select,
                                  const sql::QueryExpression* outer) {
  CheckNamedWindows(select.windows);
  // FROM
  BindScope scope;
  LogicalOperatorPtr plan;
  if (select.from) {
    plan = BindTableReference(*select.from, scope);
  } else {
    auto values = std::make_unique<LogicalValues>();
    values->table_index = NextTableIndex();
    values->rows = std::make_shared<ColumnDataCollection>(std::vector<LogicalType>{});
    DataChunk one_row;
    one_row.Initialize({}, 1);
    one_row.SetSize(1);
    values->rows->Append(one_row);
    values->estimated_rows = 1;
    plan = std::move(values);
  }
  // WHERE
  if (select.where) {
    std::vector<PendingSubquery> where_subqueries;
    ExpressionBinder binder(*this, scope, "WHERE clause");
    binder.set_pending_subqueries(&where_subqueries);
    ExpressionPtr predicate = binder.Bind(*select.where);
    if (!where_subqueries.empty()) {
      // Terms without a correlated subquery filter the FROM rows first (joins, pushdown);
      // the decorrelation joins then only see the rows that pass them.
      std::set<uint32_t> subquery_tables;
      for (const PendingSubquery& subquery : where_subqueries) {
        subquery_tables.insert(subquery.result.table);
      }
      std::vector<ExpressionPtr> terms;
      SplitConjunction(std::move(predicate), terms);
      std::vector<ExpressionPtr> early;
      std::vector<ExpressionPtr> late;
      for (auto& term : terms) {
        bool reads_subquery = false;
        VisitColumnRefs(*term, [&](const Expression& reference) {
          if (subquery_tables.count(reference.binding.table)) reads_subquery = true;
        });
        (reads_subquery ? late : early).push_back(std::move(term));
      }
      if (!early.empty()) {
        auto filter = std::make_unique<LogicalFilter>();
        for (auto& term : early) filter->predicates.push_back(CoerceTo(std::move(term), TypeId::kBool));
        filter->children.push_back(std::move(plan));
        plan = std::move(filter);
      }
      // A WHERE term that is just [NOT] EXISTS(correlated subquery) becomes a semi (anti) join.
      std::vector<ExpressionPtr> remaining;
      for (auto& term : late) {
        bool anti = term->kind == ExpressionKind::kNot;
        const Expression& inner = anti ? *term->children[0] : *term;
        auto exists = std::find_if(where_subqueries.begin(), where_subqueries.end(),
                                   [&](const PendingSubquery& subquery) {
                                     return inner.kind == ExpressionKind::kColumnRef &&
                                            subquery.kind == PendingSubquery::Kind::kExists &&
                                            !subquery.lateral &&
                                            inner.binding == subquery.result;
                                   });
        if (exists == where_subqueries.end()) {
          remaining.push_back(std::move(term));
          continue;
        }
        plan = ApplyExistsAsJoin(std::move(plan), *exists, anti);
        where_subqueries.erase(exists);
      }
      late = std::move(remaining);
      plan = ApplySubqueries(std::move(plan), where_subqueries);
      predicate = late.empty() ? MakeConstant(Value::Bool(true))
                               : MakeConjunction(ExpressionKind::kAnd, std::move(late));
    }
    if (predicate->type.id() != TypeId::kBool && predicate->type.id() != TypeId::kNull) {
      throw Error(ErrorKind::kBinding,
                  "WHERE clause should return type BOOL, but returns " + predicate->type.ToString(),
                  select.where->position);
    }
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicates.push_back(CoerceTo(std::move(predicate), TypeId::kBool));
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }

  // SELECT list with stars expanded.
  std::vector<SelectEntry> entries;
  size_t anonymous = 0;
  for (const sql::SelectItem& item : select.items) {
    if (item.expression->kind == sql::ExpressionKind::kStar) {
      const auto& star = item.expression->As<sql::StarExpression>();
      std::vector<const BoundRelation*> relations;
      if (star.qualifier.empty()) {
        for (const BoundRelation& relation : scope.relations()) relations.push_back(&relation);
        if (!select.from) {
          throw Error(ErrorKind::kBinding, "SELECT * must have a FROM clause", star.position);
        }
      } else {
        const BoundRelation* relation = scope.FindRelation(star.qualifier.back());
        if (!relation) {
          throw Error(ErrorKind::kBinding, "Unrecognized name: " + star.qualifier.back(),
                      star.position);
        }
        relations.push_back(relation);
      }
      for (const std::string& excluded : star.except_columns) {
        bool found = false;
        for (const BoundRelation* relation : relations) {
          for (const std::string& name : relation->column_names) found |= IdentifierEquals(name, excluded);
        }
        if (!found) {
          throw Error(ErrorKind::kBinding,
                      "Column " + excluded + " in SELECT * EXCEPT list does not exist",
                      star.position);
        }
      }
      for (const BoundRelation* relation : relations) {
        for (size_t column = 0; column < relation->column_names.size(); ++column) {
          const std::string& name = relation->column_names[column];
          if (name.empty()) continue;  // hidden
          // A side's copy of a USING column appears once, as the merged column (t.* keeps it).
          if (star.qualifier.empty() && relation->IsQualifiedOnly(column)) continue;
          if (column == relation->value_column) continue;  // its fields are columns too
          bool excluded = std::any_of(star.except_columns.begin(), star.except_columns.end(),
                                      [&](const std::string& other) { return IdentifierEquals(other, name); });
          if (excluded) continue;
          SelectEntry entry;
          entry.anonymous = name == kAnonymousColumnName;
          entry.name = entry.anonymous ? "f" + std::to_string(anonymous++) + "_" : name;
          entry.position = star.position;
          const sql::Expression* replacement = nullptr;
          for (const auto& replace : star.replacements) {
            if (IdentifierEquals(replace.name, name)) replacement = replace.expression.get();
          }
          if (replacement) {
            entry.ast = replacement;
          } else {
            entry.star_column = MakeColumnRef(relation->bindings[column], relation->types[column], name);
            entry.star_column->position = star.position;
          }
          entries.push_back(std::move(entry));
        }
      }
      continue;
    }
    SelectEntry entry;
    entry.ast = item.expression.get();
    entry.position = item.position;
    if (!item.alias.empty()) {
      entry.name = item.alias;
    } else if (item.expression->kind == sql::ExpressionKind::kPath) {
      entry.name = item.expression->As<sql::PathExpression>().names.back();
    } else {
      entry.anonymous = true;
      entry.name = "f" + std::to_string(anonymous++) + "_";
    }
    entries.push_back(std::move(entry));
  }

  AggregateCollector collector;
  collector.aggregate_index = NextTableIndex();
  uint32_t group_index = NextTableIndex();
  WindowCollector windows;
  windows.window_index = NextTableIndex();
  windows.named_windows = &select.windows;

  // GROUP BY keys (ordinals and SELECT aliases allowed) and grouping sets.
  std::vector<ExpressionPtr> groups;
  std::vector<std::string> group_fingerprints;
  auto bind_key = [&](const sql::Expression& key) -> size_t {
    const sql::Expression* ast = &key;
    ExpressionPtr bound;
    if (IsIntegerLiteral(key)) {
      int64_t ordinal = key.As<sql::Literal>().int_value;
      if (ordinal < 1 || ordinal > static_cast<int64_t>(entries.size())) {
        throw Error(ErrorKind::kBinding,
                    "GROUP BY column number item is out of range. Column numbers must be between 1 and " +
                        std::to_string(entries.size()),
                    key.position);
      }
      SelectEntry& entry = entries[ordinal - 1];
      if (!entry.ast) bound = entry.star_column->Copy();
      else ast = entry.ast;
    } else {
      std::string name = SinglePathName(key);
      if (!name.empty() && !scope.FindColumn(name, key.position)) {
        for (const SelectEntry& entry : entries) {
          if (entry.ast && IdentifierEquals(entry.name, name)) ast = entry.ast;
        }
      }
    }
    if (!bound) {
      ExpressionBinder binder(*this, scope, "GROUP BY");
      bound = binder.Bind(*ast);
    }
    if (!bound->type.SupportsEquality()) {
      throw Error(ErrorKind::kBinding,
                  "Grouping by expressions of type " + bound->type.ToString() + " is not allowed",
                  key.position);
    }
    std::string fingerprint = bound->Fingerprint();
    for (size_t index = 0; index < group_fingerprints.size(); ++index) {
      if (group_fingerprints[index] == fingerprint) return index;
    }
    groups.push_back(std::move(bound));
    group_fingerprints.push_back(fingerprint);
    return groups.size() - 1;
  };
  using KeySet = std::vector<size_t>;
  std::function<std::vector<KeySet>(const sql::GroupingElement&)> element_sets =
      [&](const sql::GroupingElement& element) -> std::vector<KeySet> {
    std::vector<size_t> keys;
    for (const auto& key : element.expressions) keys.push_back(bind_key(*key));
    switch (element.kind) {
      case sql::GroupingElement::Kind::kExpression:
      case sql::GroupingElement::Kind::kSet: return {keys};
      case sql::GroupingElement::Kind::kRollup: {
        std::vector<KeySet> sets;
        for (size_t length = keys.size() + 1; length-- > 0;) {
          sets.push_back(KeySet(keys.begin(), keys.begin() + length));
        }
        return sets;
      }
      case sql::GroupingElement::Kind::kCube: {
        if (keys.size() > 12) {
          throw Error(ErrorKind::kBinding, "CUBE supports at most 12 keys", element.position);
        }
        std::vector<KeySet> sets;
        for (size_t mask = (size_t{1} << keys.size()); mask-- > 0;) {
          KeySet set;
          for (size_t key = 0; key < keys.size(); ++key) {
            if (mask & (size_t{1} << key)) set.push_back(keys[key]);
          }
          sets.push_back(std::move(set));
        }
        return sets;
      }
      case sql::GroupingElement::Kind::kGroupingSets: {
        std::vector<KeySet> sets;
        for (const auto& child : element.children) {
          for (KeySet& set : element_sets(child)) sets.push_back(std::move(set));
        }
        return sets;
      }
    }
    return {keys};
  };
  bool uses_grouping_sets = false;
  std::vector<KeySet> grouping_sets = {KeySet{}};  // the cartesian product of the elements
  for (const sql::GroupingElement& element : select.group_by) {
    if (element.kind != sql::GroupingElement::Kind::kExpression) uses_grouping_sets = true;
    std::vector<KeySet> combined;
    for (const KeySet& left : grouping_sets) {
      for (const KeySet& right : element_sets(element)) {
        KeySet set = left;
        for (size_t key : right) {
          if (std::find(set.begin(), set.end(), key) == set.end()) set.push_back(key);
        }
        combined.push_back(std::move(set));
      }
    }
    grouping_sets = std::move(combined);
  }
  if (grouping_sets.size() > 4096) {
    throw Error(ErrorKind::kBinding, "Too many grouping sets (" +
                                         std::to_string(grouping_sets.size()) + ")",
                select.position);
  }
  if (!uses_grouping_sets) grouping_sets.clear();
  if (groups.size() > 62 && uses_grouping_sets) {
    throw Error(ErrorKind::kBinding, "Grouping sets support at most 62 distinct keys",
                select.position);
  }
  uint32_t grouping_index = NextTableIndex();
  collector.group_keys = &groups;
  collector.has_grouping_sets = uses_grouping_sets;
  collector.grouping_id = {grouping_index, 0};
  if (select.group_by_all) {
    throw Error(ErrorKind::kNotSupported, "GROUP BY ALL is not supported yet", select.position);
  }

  // Bind the SELECT list, HAVING and ORDER BY (aggregates collected on the way).
  std::vector<ExpressionPtr> expressions;
  std::vector<PendingSubquery> select_subqueries;  // correlated, from SELECT and ORDER BY
  for (SelectEntry& entry : entries) {
    if (!entry.ast) {
      expressions.push_back(std::move(entry.star_column));
      continue;
    }
    ExpressionBinder binder(*this, scope, "SELECT list", &collector);
    binder.set_pending_subqueries(&select_subqueries);
    binder.set_window_collector(&windows);
    expressions.push_back(binder.Bind(*entry.ast));
  }
  ExpressionPtr having;
  std::vector<PendingSubquery> having_subqueries;  // correlated, applied above the aggregate
  if (select.having) {
    ExpressionBinder binder(*this, scope, "HAVING clause", &collector);
    binder.set_pending_subqueries(&having_subqueries);
    having = binder.Bind(*select.having);
    if (having->type.id() != TypeId::kBool && having->type.id() != TypeId::kNull) {
      throw Error(ErrorKind::kBinding,
                  "HAVING clause should return type BOOL, but returns " + having->type.ToString(),
                  select.having->position);
    }
    having = CoerceTo(std::move(having), TypeId::kBool);
  }
  ExpressionPtr qualify;
  if (select.qualify) {
    ExpressionBinder::AliasList aliases;
    for (size_t column = 0; column < entries.size(); ++column) {
      aliases.emplace_back(entries[column].name, expressions[column].get());
    }
    ExpressionBinder binder(*this, scope, "QUALIFY clause", &collector);
    binder.set_window_collector(&windows);
    binder.set_select_aliases(&aliases);
    qualify = binder.Bind(*select.qualify);
    if (qualify->type.id() != TypeId::kBool && qualify->type.id() != TypeId::kNull) {
      throw Error(ErrorKind::kBinding,
                  "QUALIFY clause should return type BOOL, but returns " + qualify->type.ToString(),
                  select.qualify->position);
    }
    qualify = CoerceTo(std::move(qualify), TypeId::kBool);
  }
  // ORDER BY: -1 = an output column by ordinal/alias; otherwise a hidden expression.
  struct PendingOrder {
    int64_t output_column = -1;
    ExpressionPtr expression;
    bool descending = false;
    bool nulls_first = true;
  };
  std::vector<PendingOrder> orders;
  if (outer) {
    for (const sql::OrderByItem& item : outer->order_by) {
      PendingOrder pending;
      pending.descending = item.direction == sql::OrderByItem::Direction::kDescending;
      pending.nulls_first = item.nulls == sql::OrderByItem::Nulls::kDefault
                                ? !pending.descending
                                : item.nulls == sql::OrderByItem::Nulls::kFirst;
      if (IsIntegerLiteral(*item.expression)) {
        int64_t ordinal = item.expression->As<sql::Literal>().int_value;
        if (ordinal < 1 || ordinal > static_cast<int64_t>(entries.size())) {
          throw Error(ErrorKind::kBinding,
                      "ORDER BY column number item is out of range. Column numbers must be between 1 and " +
                          std::to_string(entries.size()),
                      item.expression->position);
        }
        pending.output_column = ordinal - 1;
      } else {
        std::string name = SinglePathName(*item.expression);
        if (!name.empty()) {
          for (size_t column = 0; column < entries.size(); ++column) {
            if (IdentifierEquals(entries[column].name, name)) {
              pending.output_column = static_cast<int64_t>(column);
              break;
            }
          }
        }
        if (pending.output_column < 0) {
          ExpressionBinder binder(*this, scope, "ORDER BY clause", &collector);
          binder.set_pending_subqueries(&select_subqueries);
          binder.set_window_collector(&windows);
          pending.expression = binder.Bind(*item.expression);
          if (!pending.expression->type.SupportsOrdering()) {
            throw Error(ErrorKind::kBinding,
                        "ORDER BY does not support expressions of type " +
                            pending.expression->type.ToString(),
                        item.expression->position);
          }
          // The same expression as a SELECT item is that output column.
          std::string fingerprint = pending.expression->Fingerprint();
          for (size_t column = 0; column < expressions.size(); ++column) {
            if (expressions[column]->Fingerprint() == fingerprint) {
              pending.output_column = static_cast<int64_t>(column);
              pending.expression.reset();
              break;
            }
          }
        }
      }
      orders.push_back(std::move(pending));
    }
  }

  // Aggregation.
  bool aggregating = !groups.empty() || !collector.aggregates.empty() || uses_grouping_sets;
  if (!select_subqueries.empty() && !aggregating) {
    plan = ApplySubqueries(std::move(plan), select_subqueries);
  }
  if (aggregating) {
    std::vector<std::string> keys;
    std::vector<LogicalType> key_types;
    for (const auto& group : groups) {
      keys.push_back(group->Fingerprint());
      key_types.push_back(group->type);
    }
    auto aggregate = std::make_unique<LogicalAggregate>();
    aggregate->group_index = group_index;
    aggregate->aggregate_index = collector.aggregate_index;
    aggregate->grouping_sets = std::move(grouping_sets);
    aggregate->grouping_index = grouping_index;
    aggregate->groups = std::move(groups);
    aggregate->aggregates = std::move(collector.aggregates);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
    // Correlated subqueries of the SELECT list and HAVING read the groups: they are applied
    // above the aggregate, their outer references rebased onto its outputs.
    std::vector<uint32_t> subquery_tables;
    for (auto* subqueries : {&select_subqueries, &having_subqueries}) {
      for (const PendingSubquery& subquery : *subqueries) {
        subquery_tables.push_back(subquery.result.table);
      }
    }
    for (auto* subqueries : {&select_subqueries, &having_subqueries}) {
      const char* clause = subqueries == &select_subqueries ? "SELECT list" : "HAVING clause";
      for (PendingSubquery& subquery : *subqueries) {
        RebaseSubquery(
            subquery,
            [&](ExpressionPtr expression) {
              return ReplaceGroupKeys(std::move(expression), keys, key_types, group_index);
            },
            [&](const Expression& reference) {
              CheckGrouped(reference, group_index, collector.aggregate_index, grouping_index,
                           windows.window_index, clause);
            });
      }
      plan = ApplySubqueries(std::move(plan), *subqueries);
    }
    for (auto& expression : expressions) {
      expression = ReplaceGroupKeys(std::move(expression), keys, key_types, group_index);
      CheckGrouped(*expression, group_index, collector.aggregate_index, grouping_index, windows.window_index,
                   "SELECT list", subquery_tables);
    }
    if (having) {
      having = ReplaceGroupKeys(std::move(having), keys, key_types, group_index);
      CheckGrouped(*having, group_index, collector.aggregate_index, grouping_index, windows.window_index,
                   "HAVING clause", subquery_tables);
    }
    for (PendingOrder& pending : orders) {
      if (!pending.expression) continue;
      pending.expression = ReplaceGroupKeys(std::move(pending.expression), keys, key_types, group_index);
      CheckGrouped(*pending.expression, group_index, collector.aggregate_index, grouping_index,
                   windows.window_index, "ORDER BY clause", subquery_tables);
    }
    if (qualify) {
      qualify = ReplaceGroupKeys(std::move(qualify), keys, key_types, group_index);
      CheckGrouped(*qualify, group_index, collector.aggregate_index, grouping_index, windows.window_index,
                   "QUALIFY clause");
    }
    for (BoundWindowFunction& function : windows.functions) {
      function.ForEachExpression([&](ExpressionPtr& expression) {
        expression = ReplaceGroupKeys(std::move(expression), keys, key_types, group_index);
        CheckGrouped(*expression, group_index, collector.aggregate_index, grouping_index, windows.window_index,
                     "Analytic function argument");
      });
    }
  } else if (having) {
    throw Error(ErrorKind::kBinding, "HAVING clause requires GROUP BY or aggregation",
                select.having->position);
  }
  if (having) {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicates.push_back(std::move(having));
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }
  // Analytic functions, then QUALIFY over their results.
  if (qualify && windows.functions.empty()) {
    throw Error(ErrorKind::kBinding,
                "The QUALIFY clause requires an analytic function in the SELECT list or in the "
                "QUALIFY clause",
                select.qualify->position);
  }
  plan = ApplyWindows(std::move(plan), windows);
  if (qualify) {
    auto filter = std::make_unique<LogicalFilter>();
    filter->predicates.push_back(std::move(qualify));
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }

  // Projection: the SELECT list, then hidden ORDER BY expressions.
  size_t visible = expressions.size();
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = NextTableIndex();
  for (size_t column = 0; column < expressions.size(); ++column) {
    expressions[column]->alias = entries[column].name;
    projection->expressions.push_back(std::move(expressions[column]));
  }
  for (PendingOrder& pending : orders) {
    if (pending.expression) {
      if (select.distinct) {
        throw Error(ErrorKind::kBinding,
                    "ORDER BY clause expression references a column which is not visible after SELECT DISTINCT",
                    pending.expression->position);
      }
      pending.output_column = static_cast<int64_t>(projection->expressions.size());
      projection->expressions.push_back(std::move(pending.expression));
    }
  }
  projection->children.push_back(std::move(plan));
  plan = std::move(projection);

  BoundQuery bound;
  for (const SelectEntry& entry : entries) bound.names.push_back(entry.name);

  if (select.distinct) {
    auto distinct = std::make_unique<LogicalAggregate>();
    distinct->group_index = NextTableIndex();
    distinct->aggregate_index = NextTableIndex();
    std::vector<ColumnBinding> bindings = plan->Bindings();
    std::vector<LogicalType> types = plan->Types();
    for (size_t column = 0; column < visible; ++column) {
      if (!types[column].SupportsEquality()) {
        throw Error(ErrorKind::kBinding,
                    "Column " + bound.names[column] + " of type " + types[column].ToString() +
                        " cannot be used in SELECT DISTINCT",
                    select.position);
      }
      distinct->groups.push_back(MakeColumnRef(bindings[column], types[column], bound.names[column]));
    }
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }

  if (!orders.empty()) {
    std::vector<ColumnBinding> bindings = plan->Bindings();
    std::vector<LogicalType> types = plan->Types();
    auto order = std::make_unique<LogicalOrder>();
    for (PendingOrder& pending : orders) {
      OrderItem item;
      size_t column = static_cast<size_t>(pending.output_column);
      if (!types[column].SupportsOrdering()) {
        throw Error(ErrorKind::kBinding,
                    "ORDER BY does not support expressions of type " + types[column].ToString(),
                    select.position);
      }
      item.expression = MakeColumnRef(bindings[column], types[column],
                                      column < visible ? bound.names[column] : "");
      item.descending = pending.descending;
      item.nulls_first = pending.nulls_first;
      order->items.push_back(std::move(item));
    }
    order->children.push_back(std::move(plan));
    plan = std::move(order);
    bound.ordered = true;
  }
  // Drop hidden ORDER BY columns.
  std::vector<ColumnBinding> bindings = plan->Bindings();
  if (bindings.size() > visible) {
    std::vector<LogicalType> types = plan->Types();
    auto trim = std::make_unique<LogicalProjection>();
    trim->table_index = NextTableIndex();
    for (size_t column = 0; column < visible; ++column) {
      trim->expressions.push_back(MakeColumnRef(bindings[column], types[column], bound.names[column]));
    }
    trim->children.push_back(std::move(plan));
    plan = std::move(trim);
  }
  bound.plan = std::move(plan);
  if (select.select_as != sql::SelectCore::SelectAs::kNone) {
    std::vector<bool> anonymous_columns;
    for (const SelectEntry& entry : entries) anonymous_columns.push_back(entry.anonymous);
    return ApplySelectAs(select, std::move(bound), anonymous_columns);
  }
  return bound;
}

}  // namespace dq
