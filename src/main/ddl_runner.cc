// CREATE SCHEMA, DROP SCHEMA/TABLE/VIEW/MODEL, CREATE TABLE (with columns or AS SELECT),
// CREATE VIEW, CREATE MODEL (imported ONNX models).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "common/error.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "main/table_writer.h"
#include "ml/model.h"
#include "plan/coercion.h"
#include "sql/parser.h"
#include "storage/file_util.h"
#include "storage/segment_format.h"

namespace dq {

namespace {

// A model is parsed in memory in one piece: protobuf refuses messages of 2 GiB or more (ONNX
// stores bigger models with external data files, which are not supported), and the file,
// its parse and the executor's copy of the weights must fit in memory several times over.
void CheckModelFileSize(const std::string& path, int64_t position) {
  std::error_code error;
  uint64_t size = std::filesystem::file_size(path, error);
  if (error) return;  // ReadWholeFile reports a missing or unreadable file
  constexpr uint64_t kProtobufLimit = (uint64_t{1} << 31) - 1;
  uint64_t memory = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                    static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
  uint64_t limit = std::min(kProtobufLimit, memory / 4);
  if (size > limit) {
    char text[160];
    std::snprintf(text, sizeof(text),
                  "Model file %s is %.1f MiB; models up to %.1f MiB can be imported "
                  "(protobuf's 2 GiB limit, a quarter of this machine's memory)",
                  path.c_str(), size / 1048576.0, limit / 1048576.0);
    throw Error(ErrorKind::kInvalidInput, text, position);
  }
}

// Splits [project.]dataset.table into (dataset, table); "default" when unqualified.
std::pair<std::string, std::string> TablePath(const std::vector<std::string>& path,
                                              int64_t position) {
  if (path.size() == 1) return {"default", path[0]};
  if (path.size() == 2) return {path[0], path[1]};
  if (path.size() == 3) return {path[1], path[2]};
  throw Error(ErrorKind::kBinding, "Invalid table name", position);
}

std::unique_ptr<WriteTransaction> BeginWrite(StatementScope& scope) {
  return scope.client.database().warehouse().BeginWrite().ValueOrThrow();
}

// Creates the `default` dataset on first use of an unqualified table name.
void EnsureDataset(WriteTransaction& transaction, const std::string& dataset, int64_t position) {
  if (transaction.catalog().FindDataset(dataset)) return;
  if (dataset != "default") {
    throw Error(ErrorKind::kCatalog, "Not found: Dataset " + dataset + " was not found", position);
  }
  transaction.catalog().CreateDataset(dataset, NowMicros(), true).ThrowIfError();
}

void ThrowWithPosition(const Status& status, int64_t position) {
  if (status.ok()) return;
  throw Error(status.kind(), status.message(), position);
}

}  // namespace

std::unique_ptr<QueryResult> RunCreateSchema(StatementScope& scope,
                                             const sql::CreateSchemaStatement& statement) {
  std::string name = statement.name.back();
  auto transaction = BeginWrite(scope);
  bool existed = transaction->catalog().FindDataset(name) != nullptr;
  ThrowWithPosition(
      transaction->catalog().CreateDataset(name, NowMicros(), statement.if_not_exists),
      statement.position);
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage(existed ? "Dataset " + name + " already exists"
                                          : "Created dataset " + name);
}

std::unique_ptr<QueryResult> RunDrop(StatementScope& scope, const sql::DropStatement& statement) {
  auto transaction = BeginWrite(scope);
  std::string message;
  if (statement.kind == sql::StatementKind::kDropSchema) {
    std::string name = statement.name.back();
    bool cascade = statement.mode == sql::DropStatement::Mode::kCascade;
    ThrowWithPosition(transaction->catalog().DropDataset(name, cascade, statement.if_exists),
                      statement.position);
    message = "Dropped dataset " + name;
  } else if (statement.kind == sql::StatementKind::kDropModel) {
    auto [dataset, model] = TablePath(statement.name, statement.position);
    if (!transaction->catalog().FindDataset(dataset) && statement.if_exists) {
      return QueryResult::FromMessage("Model " + model + " does not exist");
    }
    ThrowWithPosition(transaction->catalog().DropModel(dataset, model, statement.if_exists),
                      statement.position);
    message = "Dropped model " + dataset + "." + model;
  } else if (statement.kind == sql::StatementKind::kDropView) {
    auto [dataset, view] = TablePath(statement.name, statement.position);
    if (!transaction->catalog().FindDataset(dataset) && statement.if_exists) {
      return QueryResult::FromMessage("View " + view + " does not exist");
    }
    if (transaction->catalog().FindTable(dataset, view)) {
      throw Error(ErrorKind::kBinding, dataset + "." + view + " is a table; use DROP TABLE",
                  statement.position);
    }
    ThrowWithPosition(transaction->catalog().DropView(dataset, view, statement.if_exists),
                      statement.position);
    message = "Dropped view " + dataset + "." + view;
  } else {
    auto [dataset, table] = TablePath(statement.name, statement.position);
    if (transaction->catalog().FindView(dataset, table)) {
      throw Error(ErrorKind::kBinding, dataset + "." + table + " is a view; use DROP VIEW",
                  statement.position);
    }
    if (statement.name.size() == 1 && !transaction->catalog().FindTable(dataset, table)) {
      // An unqualified name may live in another dataset when unique there.
      Binder binder(transaction->base(), scope.client.binder_settings());
      try {
        auto entry = binder.ResolveTable(statement.name, statement.position);
        dataset = entry->dataset;
      } catch (const Error&) {
        if (!statement.if_exists) throw;
      }
    }
    if (!transaction->catalog().FindDataset(dataset) && statement.if_exists) {
      return QueryResult::FromMessage("Table " + table + " does not exist");
    }
    ThrowWithPosition(transaction->catalog().DropTable(dataset, table, statement.if_exists),
                      statement.position);
    message = "Dropped table " + dataset + "." + table;
  }
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage(message);
}

std::unique_ptr<QueryResult> RunCreateView(StatementScope& scope,
                                           const sql::CreateViewStatement& statement) {
  auto [dataset, view_name] = TablePath(statement.name, statement.position);
  // Bind now: a view over unknown tables or with type errors is rejected at creation.
  Binder binder = MakeBinder(scope);
  BoundQuery bound = binder.BindQuery(*statement.query);
  ViewEntry view;
  view.dataset = dataset;
  view.name = view_name;
  view.sql = statement.query->ToString();
  view.column_names = bound.names;
  view.column_types = bound.plan->Types();
  if (!statement.column_names.empty()) {
    if (statement.column_names.size() != bound.names.size()) {
      throw Error(ErrorKind::kBinding,
                  "View has " + std::to_string(statement.column_names.size()) +
                      " column names but its query returns " + std::to_string(bound.names.size()) +
                      " columns",
                  statement.position);
    }
    view.column_names = statement.column_names;
  }
  for (size_t column = 0; column < view.column_names.size(); ++column) {
    for (size_t other = 0; other < column; ++other) {
      if (EqualsIgnoreCase(view.column_names[column], view.column_names[other])) {
        throw Error(ErrorKind::kBinding, "Duplicate column name " + view.column_names[column] +
                                             " in view " + view_name, statement.position);
      }
    }
  }
  view.created_micros = NowMicros();
  view.modified_micros = view.created_micros;
  auto transaction = BeginWrite(scope);
  EnsureDataset(*transaction, dataset, statement.position);
  if (transaction->catalog().FindView(dataset, view_name) && statement.if_not_exists) {
    return QueryResult::FromMessage("View " + dataset + "." + view_name + " already exists");
  }
  ThrowWithPosition(transaction->catalog().PutView(std::move(view), !statement.or_replace),
                    statement.position);
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Created view " + dataset + "." + view_name);
}

std::unique_ptr<QueryResult> RunCreateTable(StatementScope& scope,
                                            const sql::CreateTableStatement& statement) {
  auto [dataset, table_name] = TablePath(statement.name, statement.position);
  if (statement.temporary) {
    throw Error(ErrorKind::kNotSupported, "TEMP tables are not supported yet", statement.position);
  }
  Binder binder = MakeBinder(scope);
  TableEntry entry;
  entry.dataset = dataset;
  entry.name = table_name;
  entry.created_micros = NowMicros();
  entry.modified_micros = entry.created_micros;
  for (const sql::ColumnDefinition& column : statement.columns) {
    ColumnDefinition definition;
    definition.name = column.name;
    definition.type = ResolveTypeName(*column.type);
    definition.not_null = column.not_null;
    if (column.default_value) {
      // Checked now: the default must be a constant of the column's type.
      Value value = binder.BindConstant(*column.default_value, "DEFAULT");
      if (!value.is_null() && !CoercionCost(value.type(), definition.type, true)) {
        throw Error(ErrorKind::kBinding,
                    "Default value of column " + column.name + " has type " +
                        value.type().ToString() + ", expected " + definition.type.ToString(),
                    column.default_value->position);
      }
      definition.default_sql = column.default_value->ToString();
    }
    if (entry.FindColumn(column.name)) {
      throw Error(ErrorKind::kBinding, "Duplicate column name " + column.name, column.position);
    }
    entry.columns.push_back(std::move(definition));
  }
  std::shared_ptr<ColumnDataCollection> rows;
  if (statement.query) {
    BoundQuery bound = binder.BindStatementQuery(*statement.query);
    std::vector<std::string> names = bound.names;
    rows = RunBoundQuery(scope, bound);
    if (entry.columns.empty()) {
      for (size_t column = 0; column < names.size(); ++column) {
        ColumnDefinition definition;
        definition.name = names[column];
        definition.type = rows->types()[column].id() == TypeId::kNull ? LogicalType(TypeId::kInt64)
                                                                      : rows->types()[column];
        if (entry.FindColumn(definition.name)) {
          throw Error(ErrorKind::kBinding, "Duplicate column name " + definition.name +
                                               " in CREATE TABLE AS SELECT", statement.position);
        }
        entry.columns.push_back(std::move(definition));
      }
    }
    std::vector<std::string> column_names;
    for (const auto& column : entry.columns) column_names.push_back(column.name);
    rows = CoerceRows(rows, entry.ColumnTypes(), column_names, statement.position);
  }
  if (entry.columns.empty()) {
    throw Error(ErrorKind::kBinding, "CREATE TABLE needs columns or AS SELECT", statement.position);
  }
  auto transaction = BeginWrite(scope);
  EnsureDataset(*transaction, dataset, statement.position);
  if (transaction->catalog().FindTable(dataset, table_name)) {
    if (statement.if_not_exists) {
      return QueryResult::FromMessage("Table " + dataset + "." + table_name + " already exists");
    }
    if (!statement.or_replace) {
      throw Error(ErrorKind::kCatalog, "Already exists: table " + dataset + "." + table_name,
                  statement.position);
    }
  }
  ThrowWithPosition(transaction->catalog().PutTable(entry), statement.position);
  int64_t inserted = 0;
  if (rows && rows->row_count() > 0) {
    auto created = transaction->catalog().FindTable(dataset, table_name);
    AppendRows(*transaction, scope.client.database().warehouse().directory(), *created, *rows);
    inserted = static_cast<int64_t>(rows->row_count());
  }
  transaction->Commit().ThrowIfError();
  std::string message = "Created table " + dataset + "." + table_name;
  if (rows) message += " with " + FormatCount(inserted) + (inserted == 1 ? " row" : " rows");
  return QueryResult::FromMessage(message, inserted);
}

namespace {

std::vector<ModelTensorMeta> TensorMetas(const std::vector<ml::TensorInfo>& tensors) {
  std::vector<ModelTensorMeta> metas;
  for (const ml::TensorInfo& tensor : tensors) {
    metas.push_back({tensor.name, ml::TensorTypeName(tensor), tensor.shape});
  }
  return metas;
}

}  // namespace

std::unique_ptr<QueryResult> RunCreateModel(StatementScope& scope,
                                            const sql::CreateModelStatement& statement) {
  auto [dataset, model_name] = TablePath(statement.name, statement.position);
  Binder binder = MakeBinder(scope);
  std::string model_type;
  std::string model_path;
  for (const sql::OptionEntry& option : statement.options) {
    Value value = binder.BindConstant(*option.value, "OPTIONS");
    bool is_string = !value.is_null() && value.type().id() == TypeId::kString;
    if (EqualsIgnoreCase(option.name, "model_type") && is_string) {
      model_type = ToLowerAscii(value.string_value());
    } else if (EqualsIgnoreCase(option.name, "model_path") && is_string) {
      model_path = value.string_value();
    } else {
      throw Error(ErrorKind::kBinding,
                  "Unsupported option " + option.name + " for CREATE MODEL; expected model_type "
                  "and model_path strings",
                  option.position);
    }
  }
  if (model_type != "onnx") {
    throw Error(ErrorKind::kNotSupported,
                model_type.empty() ? "CREATE MODEL needs OPTIONS(model_type = 'ONNX', ...)"
                                   : "Unsupported model_type '" + model_type +
                                         "'; only 'ONNX' models can be imported",
                statement.position);
  }
  if (statement.query) {
    throw Error(ErrorKind::kBinding, "An ONNX model is imported from model_path, not AS query",
                statement.position);
  }
  if (model_path.empty()) {
    throw Error(ErrorKind::kBinding, "CREATE MODEL with model_type 'ONNX' needs model_path",
                statement.position);
  }
  {
    auto snapshot = scope.client.database().warehouse().Snapshot();
    if (dataset != "default" && !snapshot->FindDataset(dataset)) {
      throw Error(ErrorKind::kCatalog, "Not found: Dataset " + dataset + " was not found",
                  statement.position);
    }
    if (statement.if_not_exists && snapshot->FindModel(dataset, model_name)) {
      return QueryResult::FromMessage("Model " + dataset + "." + model_name + " already exists");
    }
  }
  // Checked before anything is written: an unreadable or unsupported model creates nothing.
  CheckModelFileSize(model_path, statement.position);
  Result<std::string> bytes = ReadWholeFile(model_path);
  ThrowWithPosition(bytes.status(), statement.position);
  Result<std::shared_ptr<const ml::Model>> loaded = ml::Model::Load(*bytes);
  ThrowWithPosition(loaded.status(), statement.position);

  ModelEntry entry;
  entry.dataset = dataset;
  entry.name = model_name;
  entry.id = NewObjectId();
  entry.checksum = Checksum(*bytes);
  entry.byte_size = bytes->size();
  entry.model_type = "ONNX";
  entry.inputs = TensorMetas((*loaded)->inputs());
  entry.outputs = TensorMetas((*loaded)->outputs());
  entry.created_micros = NowMicros();
  auto transaction = BeginWrite(scope);
  EnsureDataset(*transaction, dataset, statement.position);
  if (transaction->catalog().FindModel(dataset, model_name)) {
    if (statement.if_not_exists) {
      return QueryResult::FromMessage("Model " + dataset + "." + model_name + " already exists");
    }
    if (!statement.or_replace) {
      throw Error(ErrorKind::kCatalog, "Already exists: model " + dataset + "." + model_name,
                  statement.position);
    }
  }
  Result<std::string> file = transaction->WriteModelFile(entry.id, *bytes);
  ThrowWithPosition(file.status(), statement.position);
  entry.file = *file;
  ThrowWithPosition(transaction->catalog().PutModel(std::move(entry), /*must_be_new=*/false),
                    statement.position);
  transaction->Commit().ThrowIfError();
  return QueryResult::FromMessage("Created model " + dataset + "." + model_name);
}

}  // namespace dq
