// Binder: views (stored queries, expanded where referenced) and INFORMATION_SCHEMA (catalog
// metadata as constant relations: SCHEMATA, TABLES, COLUMNS, VIEWS, MODELS).
#include <algorithm>

#include "common/error.h"
#include "plan/binder.h"
#include "sql/parser.h"

namespace dq {

namespace {

constexpr int kMaxViewDepth = 16;

struct MetadataColumn {
  const char* name;
  TypeId type;
};

// Builds a constant relation from rows of Values.
std::unique_ptr<LogicalValues> MakeRelation(uint32_t table_index,
                                            const std::vector<MetadataColumn>& columns,
                                            const std::vector<std::vector<Value>>& rows) {
  auto values = std::make_unique<LogicalValues>();
  values->table_index = table_index;
  for (const MetadataColumn& column : columns) values->types.push_back(column.type);
  values->rows = std::make_shared<ColumnDataCollection>(values->types);
  for (size_t start = 0; start < rows.size(); start += kBatchSize) {
    size_t count = std::min(kBatchSize, rows.size() - start);
    DataChunk chunk(values->types, count);
    for (size_t row = 0; row < count; ++row) {
      for (size_t column = 0; column < columns.size(); ++column) {
        chunk.SetValue(column, row, rows[start + row][column]);
      }
    }
    chunk.SetSize(count);
    values->rows->Append(chunk);
  }
  values->estimated_rows = rows.size();
  return values;
}

Value Text(const std::string& text) { return Value::String(text); }

}  // namespace

LogicalOperatorPtr Binder::BindView(const ViewEntry& view, const sql::TableName& reference,
                                    BindScope& scope) {
  if (view_depth_ >= kMaxViewDepth) {
    throw Error(ErrorKind::kBinding,
                "View " + view.dataset + "." + view.name +
                    " nests views too deeply (does it reference itself?)",
                reference.position);
  }
  // A view sees neither the referencing query's WITH entries nor its columns.
  std::vector<std::map<std::string, const sql::QueryExpression*>> saved_ctes;
  std::vector<const BindScope*> saved_scopes;
  std::swap(saved_ctes, ctes_);
  std::swap(saved_scopes, outer_scopes_);
  ++view_depth_;
  BoundQuery bound;
  std::unique_ptr<sql::Statement> statement;
  try {
    statement = sql::ParseStatement(view.sql);
    bound = BindQuery(*statement->As<sql::QueryStatement>().query);
  } catch (Error& error) {
    --view_depth_;
    std::swap(saved_ctes, ctes_);
    std::swap(saved_scopes, outer_scopes_);
    // Positions inside the stored text mean nothing to the user: point at the reference.
    throw Error(error.kind(), "In view " + view.dataset + "." + view.name + ": " + error.message(),
                reference.position);
  }
  --view_depth_;
  std::swap(saved_ctes, ctes_);
  std::swap(saved_scopes, outer_scopes_);
  BoundRelation relation;
  relation.alias = reference.alias.empty() ? view.name : reference.alias;
  relation.column_names = view.column_names.size() == bound.names.size() ? view.column_names
                                                                         : bound.names;
  relation.types = bound.plan->Types();
  relation.bindings = bound.plan->Bindings();
  scope.AddRelation(std::move(relation));
  return std::move(bound.plan);
}

LogicalOperatorPtr Binder::BindInformationSchema(const sql::TableName& reference,
                                                 BindScope& scope) {
  const std::vector<std::string>& path = reference.path;
  size_t marker = 0;
  while (!IdentifierEquals(path[marker], "INFORMATION_SCHEMA")) ++marker;
  if (marker + 2 != path.size()) {
    throw Error(ErrorKind::kBinding, "Expected INFORMATION_SCHEMA.<view>", reference.position);
  }
  std::string view = path.back();
  std::transform(view.begin(), view.end(), view.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  // `dataset.INFORMATION_SCHEMA.X` restricts to one dataset.
  std::string only_dataset = marker >= 1 ? path[marker - 1] : "";
  if (!only_dataset.empty() && !catalog_->FindDataset(only_dataset)) {
    throw Error(ErrorKind::kCatalog, "Not found: Dataset " + only_dataset + " was not found",
                reference.position);
  }
  std::vector<const DatasetEntry*> datasets;
  for (const auto& [key, dataset] : catalog_->datasets()) {
    if (only_dataset.empty() || IdentifierEquals(dataset.name, only_dataset)) {
      datasets.push_back(&dataset);
    }
  }
  const std::string& project = catalog_name_;
  std::vector<MetadataColumn> columns;
  std::vector<std::vector<Value>> rows;
  if (view == "SCHEMATA") {
    columns = {{"catalog_name", TypeId::kString},
               {"schema_name", TypeId::kString},
               {"creation_time", TypeId::kTimestamp}};
    for (const DatasetEntry* dataset : datasets) {
      rows.push_back({Text(project), Text(dataset->name), Value::Timestamp(dataset->created_micros)});
    }
  } else if (view == "TABLES") {
    columns = {{"table_catalog", TypeId::kString}, {"table_schema", TypeId::kString},
               {"table_name", TypeId::kString},    {"table_type", TypeId::kString},
               {"is_insertable_into", TypeId::kString}, {"creation_time", TypeId::kTimestamp},
               {"row_count", TypeId::kInt64}};
    for (const DatasetEntry* dataset : datasets) {
      for (const auto& [key, table] : dataset->tables) {
        rows.push_back({Text(project), Text(dataset->name), Text(table->name), Text("BASE TABLE"),
                        Text("YES"), Value::Timestamp(table->created_micros),
                        Value::Int64(static_cast<int64_t>(table->row_count))});
      }
      for (const auto& [key, entry] : dataset->views) {
        rows.push_back({Text(project), Text(dataset->name), Text(entry->name), Text("VIEW"),
                        Text("NO"), Value::Timestamp(entry->created_micros),
                        Value::Null(TypeId::kInt64)});
      }
    }
  } else if (view == "COLUMNS") {
    columns = {{"table_catalog", TypeId::kString},    {"table_schema", TypeId::kString},
               {"table_name", TypeId::kString},       {"column_name", TypeId::kString},
               {"ordinal_position", TypeId::kInt64},  {"is_nullable", TypeId::kString},
               {"data_type", TypeId::kString},        {"column_default", TypeId::kString}};
    for (const DatasetEntry* dataset : datasets) {
      for (const auto& [key, table] : dataset->tables) {
        for (size_t column = 0; column < table->columns.size(); ++column) {
          const ColumnDefinition& definition = table->columns[column];
          rows.push_back({Text(project), Text(dataset->name), Text(table->name),
                          Text(definition.name), Value::Int64(static_cast<int64_t>(column + 1)),
                          Text(definition.not_null ? "NO" : "YES"),
                          Text(definition.type.ToString()),
                          Text(definition.default_sql.empty() ? "NULL" : definition.default_sql)});
        }
      }
      for (const auto& [key, entry] : dataset->views) {
        for (size_t column = 0; column < entry->column_names.size(); ++column) {
          std::string type = column < entry->column_types.size()
                                 ? entry->column_types[column].ToString()
                                 : "";
          rows.push_back({Text(project), Text(dataset->name), Text(entry->name),
                          Text(entry->column_names[column]),
                          Value::Int64(static_cast<int64_t>(column + 1)), Text("YES"), Text(type),
                          Text("NULL")});
        }
      }
    }
  } else if (view == "VIEWS") {
    columns = {{"table_catalog", TypeId::kString}, {"table_schema", TypeId::kString},
               {"table_name", TypeId::kString},    {"view_definition", TypeId::kString}};
    for (const DatasetEntry* dataset : datasets) {
      for (const auto& [key, entry] : dataset->views) {
        rows.push_back({Text(project), Text(dataset->name), Text(entry->name), Text(entry->sql)});
      }
    }
  } else if (view == "MODELS") {
    columns = {{"model_catalog", TypeId::kString}, {"model_schema", TypeId::kString},
               {"model_name", TypeId::kString},    {"model_type", TypeId::kString},
               {"creation_time", TypeId::kTimestamp}};
    for (const DatasetEntry* dataset : datasets) {
      for (const auto& [key, entry] : dataset->models) {
        rows.push_back({Text(project), Text(dataset->name), Text(entry->name),
                        Text(entry->model_type), Value::Timestamp(entry->created_micros)});
      }
    }
  } else {
    throw Error(ErrorKind::kCatalog,
                "Not found: Table INFORMATION_SCHEMA." + path.back() +
                    " was not found; available: SCHEMATA, TABLES, COLUMNS, VIEWS, MODELS",
                reference.position);
  }
  std::unique_ptr<LogicalValues> values = MakeRelation(NextTableIndex(), columns, rows);
  BoundRelation relation;
  relation.alias = reference.alias.empty() ? path.back() : reference.alias;
  for (const MetadataColumn& column : columns) {
    relation.column_names.push_back(column.name);
    relation.types.push_back(column.type);
  }
  relation.bindings = values->Bindings();
  scope.AddRelation(std::move(relation));
  return values;
}

}  // namespace dq
