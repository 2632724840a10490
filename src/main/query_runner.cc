// Running queries and EXPLAIN [ANALYZE].
#include <chrono>
#include <functional>

#include "exec/executor.h"
#include "exec/operator/physical_result_collector.h"
#include "exec/physical_planner.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "plan/optimizer.h"

namespace dq {

Binder MakeBinder(StatementScope& scope) {
  Binder binder(scope.client.database().warehouse().Snapshot(), scope.client.binder_settings());
  binder.set_subquery_runner([&scope](BoundQuery& query) { return RunBoundQuery(scope, query); });
  std::string directory = scope.client.database().warehouse().directory();
  while (directory.size() > 1 && directory.back() == '/') directory.pop_back();
  binder.set_catalog_name(directory.substr(directory.find_last_of('/') + 1));
  return binder;
}

std::shared_ptr<ColumnDataCollection> RunBoundQuery(StatementScope& scope, BoundQuery& bound,
                                                    std::unique_ptr<PhysicalOperator>* plan_out) {
  bound.plan = Optimize(std::move(bound.plan));
  PhysicalPlanner planner(scope.client.database().warehouse().directory());
  planner.set_model_cache(&scope.client.database().model_cache());
  std::unique_ptr<PhysicalOperator> physical = planner.Plan(*bound.plan);
  auto collector = std::make_unique<PhysicalResultCollector>(physical->types(), bound.ordered);
  collector->AddChild(std::move(physical));
  ExecutionContext context;
  context.query = &scope.query;
  context.scheduler = &scope.client.database().scheduler();
  context.client = &scope.client;
  Executor executor(context);
  executor.Run(*collector);
  auto& state = context.SinkStateOf<ResultCollectorState>(collector.get());
  auto rows = std::make_shared<ColumnDataCollection>(std::move(state.rows));
  if (plan_out) *plan_out = std::move(collector);
  return rows;
}

std::unique_ptr<QueryResult> RunQuery(StatementScope& scope, const sql::QueryStatement& statement) {
  Binder binder = MakeBinder(scope);
  BoundQuery bound = binder.BindStatementQuery(*statement.query);
  std::vector<std::string> names = bound.names;
  std::shared_ptr<ColumnDataCollection> rows = RunBoundQuery(scope, bound);
  auto result = std::make_unique<QueryResult>();
  result->SetRows(std::move(names), std::move(rows));
  return result;
}

namespace {

std::string FormatMillis(uint64_t nanos) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f ms", static_cast<double>(nanos) / 1e6);
  return buffer;
}

void PrintPlan(const PhysicalOperator& op, bool analyze, int depth, std::vector<std::string>& lines) {
  std::string indent(depth * 2, ' ');
  std::string line = indent + op.Name();
  if (analyze) {
    line += "  (rows: " + FormatCount(op.profile.rows_out.load()) +
            ", time: " + FormatMillis(op.profile.nanos.load()) + ")";
  } else if (op.estimated_rows > 0) {
    line += "  (estimated rows: " + FormatCount(op.estimated_rows) + ")";
  }
  lines.push_back(line);
  for (const std::string& detail : op.Details()) lines.push_back(indent + "    " + detail);
  for (const auto& child : op.children()) PrintPlan(*child, analyze, depth + 1, lines);
}

}  // namespace

std::unique_ptr<QueryResult> RunExplain(StatementScope& scope,
                                        const sql::ExplainStatement& statement) {
  if (statement.statement->kind != sql::StatementKind::kQuery) {
    throw Error(ErrorKind::kNotSupported, "EXPLAIN supports queries only", statement.position);
  }
  const auto& query = statement.statement->As<sql::QueryStatement>();
  Binder binder = MakeBinder(scope);
  BoundQuery bound = binder.BindStatementQuery(*query.query);
  std::vector<std::string> lines;
  if (statement.analyze) {
    auto started = std::chrono::steady_clock::now();
    std::unique_ptr<PhysicalOperator> plan;
    std::shared_ptr<ColumnDataCollection> rows = RunBoundQuery(scope, bound, &plan);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    PrintPlan(*plan->children()[0], true, 0, lines);
    char total[96];
    std::snprintf(total, sizeof(total), "Total: %s rows in %.3f s", FormatCount(rows->row_count()).c_str(), seconds);
    lines.push_back(total);
  } else {
    bound.plan = Optimize(std::move(bound.plan));
    PhysicalPlanner planner(scope.client.database().warehouse().directory());
    planner.set_model_cache(&scope.client.database().model_cache());
    std::unique_ptr<PhysicalOperator> physical = planner.Plan(*bound.plan);
    PrintPlan(*physical, false, 0, lines);
  }
  auto data = std::make_shared<ColumnDataCollection>(std::vector<LogicalType>{TypeId::kString});
  DataChunk chunk({TypeId::kString}, std::max<size_t>(lines.size(), 1));
  for (size_t row = 0; row < lines.size(); ++row) chunk.SetValue(0, row, Value::String(lines[row]));
  chunk.SetSize(lines.size());
  data->Append(chunk);
  auto result = std::make_unique<QueryResult>();
  result->SetRows({"plan"}, std::move(data));
  return result;
}

}  // namespace dq
