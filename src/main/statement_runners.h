// One function per statement kind, called by ClientContext::Execute. Each runs the statement
// to completion (or throws dq::Error) and returns its result. Writes go through one
// WriteTransaction per statement: a statement either commits entirely or changes nothing.
#pragma once

#include <memory>

#include "exec/query_context.h"
#include "main/query_result.h"
#include "plan/binder.h"
#include "sql/ast.h"

namespace dq {

class ClientContext;
class PhysicalOperator;

struct StatementScope {
  ClientContext& client;
  QueryContext& query;
};

// A binder over the current snapshot that can evaluate uncorrelated subqueries.
Binder MakeBinder(StatementScope& scope);

// Binds, optimizes, plans and runs a query; returns its rows (in order when `bound.ordered`).
std::shared_ptr<ColumnDataCollection> RunBoundQuery(StatementScope& scope, BoundQuery& bound,
                                                    std::unique_ptr<PhysicalOperator>* plan_out = nullptr);

std::unique_ptr<QueryResult> RunQuery(StatementScope& scope, const sql::QueryStatement& statement);
std::unique_ptr<QueryResult> RunExplain(StatementScope& scope, const sql::ExplainStatement& statement);
std::unique_ptr<QueryResult> RunCreateSchema(StatementScope& scope,
                                             const sql::CreateSchemaStatement& statement);
std::unique_ptr<QueryResult> RunDrop(StatementScope& scope, const sql::DropStatement& statement);
std::unique_ptr<QueryResult> RunCreateTable(StatementScope& scope,
                                            const sql::CreateTableStatement& statement);
std::unique_ptr<QueryResult> RunCreateView(StatementScope& scope,
                                           const sql::CreateViewStatement& statement);
std::unique_ptr<QueryResult> RunCreateModel(StatementScope& scope,
                                            const sql::CreateModelStatement& statement);
std::unique_ptr<QueryResult> RunInsert(StatementScope& scope, const sql::InsertStatement& statement);
std::unique_ptr<QueryResult> RunDelete(StatementScope& scope, const sql::DeleteStatement& statement);
std::unique_ptr<QueryResult> RunUpdate(StatementScope& scope, const sql::UpdateStatement& statement);
std::unique_ptr<QueryResult> RunTruncate(StatementScope& scope,
                                         const sql::TruncateStatement& statement);
std::unique_ptr<QueryResult> RunMerge(StatementScope& scope, const sql::MergeStatement& statement);
std::unique_ptr<QueryResult> RunAlterTable(StatementScope& scope,
                                           const sql::AlterTableStatement& statement);
std::unique_ptr<QueryResult> RunLoadData(StatementScope& scope,
                                         const sql::LoadDataStatement& statement);

}  // namespace dq
