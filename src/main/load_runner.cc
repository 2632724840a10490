// LOAD DATA [OVERWRITE | INTO] table [(columns)] FROM FILES(format = 'CSV', uris = [...], ...).
//
// The files are parsed in parallel; every worker appends to its own TableAppender (its own
// segment files). Nothing is visible until the whole load succeeded and committed: a bad row
// (beyond max_bad_records) aborts the transaction, which deletes the files written so far.
#include <mutex>
#include <thread>
#include <unistd.h>

#include "common/ascii.h"
#include "common/error.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "plan/coercion.h"
#include "storage/csv/csv_reader.h"
#include "storage/csv/csv_schema_detector.h"
#include "storage/csv/csv_uri_expander.h"

namespace dq {

namespace {

struct LoadOptions {
  std::vector<std::string> uris;
  CsvOptions csv;
};

int64_t OptionInteger(const Value& value, const sql::OptionEntry& option) {
  if (value.type().id() != TypeId::kInt64 || value.is_null() || value.int64_value() < 0) {
    throw Error(ErrorKind::kBinding, "Option " + option.name + " expects a non-negative integer",
                option.position);
  }
  return value.int64_value();
}

bool OptionBool(const Value& value, const sql::OptionEntry& option) {
  if (value.type().id() != TypeId::kBool || value.is_null()) {
    throw Error(ErrorKind::kBinding, "Option " + option.name + " expects TRUE or FALSE",
                option.position);
  }
  return value.bool_value();
}

std::string OptionString(const Value& value, const sql::OptionEntry& option) {
  if (value.type().id() != TypeId::kString || value.is_null()) {
    throw Error(ErrorKind::kBinding, "Option " + option.name + " expects a string",
                option.position);
  }
  return value.string_value();
}

LoadOptions ParseOptions(Binder& binder, const sql::LoadDataStatement& statement) {
  LoadOptions options;
  char working_directory[4096];
  if (getcwd(working_directory, sizeof(working_directory))) {
    options.csv.base_directory = working_directory;
  }
  std::string format;
  for (const sql::OptionEntry& option : statement.file_options) {
    std::string name = AsciiLower(option.name);
    Value value = binder.BindConstant(*option.value, "FILES options");
    if (name == "format") {
      format = AsciiLower(OptionString(value, option));
      if (format != "csv") {
        throw Error(ErrorKind::kNotSupported, "Unsupported format '" + format + "'; supported: CSV",
                    option.position);
      }
    } else if (name == "uris") {
      if (value.type().id() == TypeId::kString) {
        options.uris.push_back(value.string_value());
      } else if (value.type().id() == TypeId::kArray &&
                 value.type().element_type().id() == TypeId::kString) {
        for (const Value& uri : value.children()) options.uris.push_back(uri.string_value());
      } else {
        throw Error(ErrorKind::kBinding, "Option uris expects an array of strings", option.position);
      }
    } else if (name == "skip_leading_rows") {
      options.csv.skip_leading_rows = OptionInteger(value, option);
    } else if (name == "field_delimiter") {
      Result<char> delimiter = ParseCsvDelimiter(OptionString(value, option));
      if (!delimiter.ok()) throw Error(ErrorKind::kBinding, delimiter.status().message(), option.position);
      options.csv.field_delimiter = *delimiter;
    } else if (name == "quote") {
      std::string quote = OptionString(value, option);
      if (quote.size() != 1) {
        throw Error(ErrorKind::kBinding, "Option quote expects one character", option.position);
      }
      options.csv.quote = quote[0];
    } else if (name == "allow_quoted_newlines") {
      options.csv.allow_quoted_newlines = OptionBool(value, option);
    } else if (name == "allow_jagged_rows") {
      options.csv.allow_jagged_rows = OptionBool(value, option);
    } else if (name == "null_marker") {
      options.csv.null_marker = OptionString(value, option);
    } else if (name == "max_bad_records") {
      options.csv.max_bad_records = OptionInteger(value, option);
    } else {
      throw Error(ErrorKind::kBinding, "Unknown option in FILES: " + option.name, option.position);
    }
  }
  if (format.empty()) {
    throw Error(ErrorKind::kBinding, "FILES(...) requires format = 'CSV'", statement.position);
  }
  if (options.uris.empty()) {
    throw Error(ErrorKind::kBinding, "FILES(...) requires uris = ['path', ...]", statement.position);
  }
  ValidateCsvOptions(options.csv).ThrowIfError();
  return options;
}

}  // namespace

std::unique_ptr<QueryResult> RunLoadData(StatementScope& scope,
                                         const sql::LoadDataStatement& statement) {
  if (statement.temporary) {
    throw Error(ErrorKind::kNotSupported, "LOAD DATA into TEMP tables is not supported yet",
                statement.position);
  }
  Binder binder = MakeBinder(scope);
  LoadOptions options = ParseOptions(binder, statement);
  std::vector<std::string> files =
      ExpandCsvUris(options.uris, options.csv.base_directory).ValueOrThrow();

  std::string dataset = statement.table.size() >= 2 ? statement.table[statement.table.size() - 2]
                                                    : "default";
  std::string table_name = statement.table.back();
  auto transaction = scope.client.database().warehouse().BeginWrite().ValueOrThrow();
  if (!transaction->catalog().FindDataset(dataset)) {
    if (dataset != "default") {
      throw Error(ErrorKind::kCatalog, "Not found: Dataset " + dataset + " was not found",
                  statement.position);
    }
    transaction->catalog().CreateDataset(dataset, NowMicros(), true).ThrowIfError();
  }
  std::shared_ptr<const TableEntry> existing = transaction->catalog().FindTable(dataset, table_name);
  TableEntry entry;
  bool created = false;
  if (existing) {
    entry = *existing;
    if (!statement.columns.empty()) {
      // The column list must describe the existing table.
      if (statement.columns.size() != entry.columns.size()) {
        throw Error(ErrorKind::kBinding, "Column list does not match table " + dataset + "." + table_name,
                    statement.position);
      }
    }
    if (statement.overwrite) {
      entry.row_groups.clear();
      entry.row_count = 0;
    }
    // Without an explicit skip, a header line in a file is recognized by detection.
    if (!options.csv.skip_leading_rows) {
      Result<CsvSchema> schema = DetectCsvSchema(files, options.csv);
      if (schema.ok()) ApplyCsvSchema(*schema, &options.csv);
    }
  } else {
    created = true;
    entry.dataset = dataset;
    entry.name = table_name;
    entry.created_micros = NowMicros();
    if (!statement.columns.empty()) {
      for (const sql::ColumnDefinition& column : statement.columns) {
        ColumnDefinition definition;
        definition.name = column.name;
        definition.type = ResolveTypeName(*column.type);
        definition.not_null = column.not_null;
        entry.columns.push_back(std::move(definition));
      }
      if (!options.csv.skip_leading_rows) {
        Result<CsvSchema> schema = DetectCsvSchema(files, options.csv);
        if (schema.ok()) ApplyCsvSchema(*schema, &options.csv);
      }
    } else {
      CsvSchema schema = DetectCsvSchema(files, options.csv).ValueOrThrow();
      ApplyCsvSchema(schema, &options.csv);
      for (size_t column = 0; column < schema.names.size(); ++column) {
        ColumnDefinition definition;
        definition.name = schema.names[column];
        definition.type = schema.types[column];
        entry.columns.push_back(std::move(definition));
      }
    }
  }
  entry.modified_micros = NowMicros();
  std::vector<RowGroupMeta> kept_groups = entry.row_groups;
  transaction->catalog().PutTable(entry).ThrowIfError();
  std::shared_ptr<const TableEntry> stored = transaction->catalog().FindTable(dataset, table_name);

  std::vector<std::string> names;
  for (const ColumnDefinition& column : stored->columns) names.push_back(column.name);
  CsvReader reader(files, options.csv, stored->ColumnTypes(), names);
  std::mutex mutex;
  std::map<std::thread::id, std::unique_ptr<TableAppender>> appenders;
  Status append_status;
  CsvLoadStats stats;
  Status read_status = reader.Read(
      scope.client.database().scheduler(), &scope.query,
      [&](size_t range_index, DataChunk& chunk) {
        TableAppender* appender;
        {
          std::lock_guard<std::mutex> lock(mutex);
          auto& slot = appenders[std::this_thread::get_id()];
          if (!slot) slot = transaction->CreateAppender(*stored);
          appender = slot.get();
        }
        Status status = appender->Append(chunk);
        if (!status.ok()) {
          std::lock_guard<std::mutex> lock(mutex);
          if (append_status.ok()) append_status = status;
          throw Error(status.kind(), status.message());
        }
      },
      &stats);
  if (!append_status.ok()) append_status.ThrowIfError();
  read_status.ThrowIfError();
  std::vector<RowGroupMeta> groups = kept_groups;
  for (auto& [thread, appender] : appenders) {
    std::vector<RowGroupMeta> written = std::move(appender->Finish()).ValueOrThrow();
    groups.insert(groups.end(), written.begin(), written.end());
  }
  TableEntry updated = *stored;
  updated.row_groups = groups;
  updated.row_count = 0;
  for (const RowGroupMeta& group : groups) updated.row_count += group.row_count;
  transaction->catalog().PutTable(std::move(updated)).ThrowIfError();
  transaction->Commit().ThrowIfError();
  std::string message = "Loaded " + FormatCount(stats.rows) + (stats.rows == 1 ? " row" : " rows") +
                        " into " + dataset + "." + table_name;
  if (created) message += " (new table)";
  if (stats.bad_records > 0) {
    message += "; skipped " + FormatCount(stats.bad_records) + " bad record" +
               (stats.bad_records == 1 ? "" : "s");
    if (!stats.bad_record_messages.empty()) message += ", first: " + stats.bad_record_messages[0];
  }
  return QueryResult::FromMessage(message, static_cast<int64_t>(stats.rows));
}

}  // namespace dq
