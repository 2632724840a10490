#include "storage/manifest.h"

#include <cinttypes>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "storage/byte_buffer.h"
#include "storage/column_stats.h"
#include "storage/segment_format.h"

namespace dq {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kManifestMagic = "DQMANIFEST";

const std::pair<TypeId, const char*> kTypeNames[] = {
    {TypeId::kNull, "NULL"},         {TypeId::kBool, "BOOL"},         {TypeId::kInt64, "INT64"},
    {TypeId::kFloat64, "FLOAT64"},   {TypeId::kNumeric, "NUMERIC"},   {TypeId::kString, "STRING"},
    {TypeId::kBytes, "BYTES"},       {TypeId::kDate, "DATE"},         {TypeId::kDatetime, "DATETIME"},
    {TypeId::kTime, "TIME"},         {TypeId::kTimestamp, "TIMESTAMP"},
    {TypeId::kInterval, "INTERVAL"}, {TypeId::kJson, "JSON"},         {TypeId::kArray, "ARRAY"},
    {TypeId::kStruct, "STRUCT"},
};

Json TypeToJson(const LogicalType& type) {
  Json json = Json::object();
  for (const auto& [id, name] : kTypeNames) {
    if (id == type.id()) json["id"] = name;
  }
  if (type.id() == TypeId::kArray) json["element"] = TypeToJson(type.element_type());
  if (type.id() == TypeId::kStruct) {
    Json fields = Json::array();
    for (const StructField& field : type.fields()) {
      fields.push_back({{"name", field.name}, {"type", TypeToJson(*field.type)}});
    }
    json["fields"] = std::move(fields);
  }
  return json;
}

// Throws (caught by ParseManifest) on malformed input.
LogicalType TypeFromJson(const Json& json) {
  std::string id = json.at("id").get<std::string>();
  if (id == "ARRAY") return LogicalType::Array(TypeFromJson(json.at("element")));
  if (id == "STRUCT") {
    std::vector<std::pair<std::string, LogicalType>> fields;
    for (const Json& field : json.at("fields")) {
      fields.emplace_back(field.at("name").get<std::string>(), TypeFromJson(field.at("type")));
    }
    return LogicalType::Struct(std::move(fields));
  }
  for (const auto& [type_id, name] : kTypeNames) {
    if (id == name) return LogicalType(type_id);
  }
  throw std::runtime_error("unknown type " + id);
}

std::string ToHex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xF]);
  }
  return hex;
}

std::string FromHex(std::string_view hex) {
  auto digit = [](char character) -> int {
    if (character >= '0' && character <= '9') return character - '0';
    if (character >= 'a' && character <= 'f') return character - 'a' + 10;
    throw std::runtime_error("bad hex digit");
  };
  if (hex.size() % 2 != 0) throw std::runtime_error("odd hex length");
  std::string bytes(hex.size() / 2, '\0');
  for (size_t index = 0; index < bytes.size(); ++index) {
    bytes[index] = static_cast<char>(digit(hex[2 * index]) * 16 + digit(hex[2 * index + 1]));
  }
  return bytes;
}

Json TableToJson(const TableEntry& table) {
  Json columns = Json::array();
  for (const ColumnDefinition& column : table.columns) {
    columns.push_back({{"name", column.name},
                       {"type", TypeToJson(column.type)},
                       {"not_null", column.not_null},
                       {"default_sql", column.default_sql}});
  }
  Json row_groups = Json::array();
  for (const RowGroupMeta& group : table.row_groups) {
    Json stats = Json::array();
    for (const ColumnStats& column_stats : group.stats) {
      ByteWriter out;
      PutColumnStats(column_stats, out);
      stats.push_back(ToHex(out.bytes()));
    }
    row_groups.push_back({{"file", group.file},
                          {"row_count", group.row_count},
                          {"byte_size", group.byte_size},
                          {"stats", std::move(stats)}});
  }
  return {{"name", table.name},
          {"id", table.id},
          {"created_micros", table.created_micros},
          {"modified_micros", table.modified_micros},
          {"row_count", table.row_count},
          {"columns", std::move(columns)},
          {"row_groups", std::move(row_groups)}};
}

TableEntry TableFromJson(const Json& json, const std::string& dataset) {
  TableEntry table;
  table.dataset = dataset;
  table.name = json.at("name").get<std::string>();
  table.id = json.at("id").get<std::string>();
  table.created_micros = json.at("created_micros").get<int64_t>();
  table.modified_micros = json.at("modified_micros").get<int64_t>();
  table.row_count = json.at("row_count").get<uint64_t>();
  for (const Json& column_json : json.at("columns")) {
    ColumnDefinition column;
    column.name = column_json.at("name").get<std::string>();
    column.type = TypeFromJson(column_json.at("type"));
    column.not_null = column_json.at("not_null").get<bool>();
    column.default_sql = column_json.at("default_sql").get<std::string>();
    table.columns.push_back(std::move(column));
  }
  for (const Json& group_json : json.at("row_groups")) {
    RowGroupMeta group;
    group.file = group_json.at("file").get<std::string>();
    group.row_count = group_json.at("row_count").get<uint64_t>();
    group.byte_size = group_json.at("byte_size").get<uint64_t>();
    const Json& stats = group_json.at("stats");
    if (stats.size() != table.columns.size()) throw std::runtime_error("stats count mismatch");
    for (size_t column = 0; column < stats.size(); ++column) {
      std::string bytes = FromHex(stats[column].get<std::string>());
      ByteReader in(bytes);
      ColumnStats column_stats;
      if (!GetColumnStats(in, table.columns[column].type, &column_stats) || in.remaining() != 0) {
        throw std::runtime_error("malformed stats");
      }
      group.stats.push_back(std::move(column_stats));
    }
    table.row_groups.push_back(std::move(group));
  }
  return table;
}

Json ViewToJson(const ViewEntry& view) {
  Json types = Json::array();
  for (const LogicalType& type : view.column_types) types.push_back(TypeToJson(type));
  return Json{{"name", view.name},
              {"sql", view.sql},
              {"column_names", view.column_names},
              {"column_types", std::move(types)},
              {"created_micros", view.created_micros},
              {"modified_micros", view.modified_micros}};
}

ViewEntry ViewFromJson(const Json& json, const std::string& dataset) {
  ViewEntry view;
  view.dataset = dataset;
  view.name = json.at("name").get<std::string>();
  view.sql = json.at("sql").get<std::string>();
  view.column_names = json.at("column_names").get<std::vector<std::string>>();
  for (const Json& type : json.at("column_types")) view.column_types.push_back(TypeFromJson(type));
  view.created_micros = json.at("created_micros").get<int64_t>();
  view.modified_micros = json.at("modified_micros").get<int64_t>();
  return view;
}

Json TensorsToJson(const std::vector<ModelTensorMeta>& tensors) {
  Json array = Json::array();
  for (const ModelTensorMeta& tensor : tensors) {
    array.push_back({{"name", tensor.name}, {"type", tensor.type}, {"shape", tensor.shape}});
  }
  return array;
}

std::vector<ModelTensorMeta> TensorsFromJson(const Json& json) {
  std::vector<ModelTensorMeta> tensors;
  for (const Json& tensor_json : json) {
    ModelTensorMeta tensor;
    tensor.name = tensor_json.at("name").get<std::string>();
    tensor.type = tensor_json.at("type").get<std::string>();
    tensor.shape = tensor_json.at("shape").get<std::vector<int64_t>>();
    tensors.push_back(std::move(tensor));
  }
  return tensors;
}

Json ModelToJson(const ModelEntry& model) {
  char checksum[17];
  std::snprintf(checksum, sizeof(checksum), "%016" PRIx64, model.checksum);
  return Json{{"name", model.name},
              {"id", model.id},
              {"file", model.file},
              {"checksum", checksum},
              {"byte_size", model.byte_size},
              {"model_type", model.model_type},
              {"created_micros", model.created_micros},
              {"inputs", TensorsToJson(model.inputs)},
              {"outputs", TensorsToJson(model.outputs)}};
}

ModelEntry ModelFromJson(const Json& json, const std::string& dataset) {
  ModelEntry model;
  model.dataset = dataset;
  model.name = json.at("name").get<std::string>();
  model.id = json.at("id").get<std::string>();
  model.file = json.at("file").get<std::string>();
  model.checksum = std::stoull(json.at("checksum").get<std::string>(), nullptr, 16);
  model.byte_size = json.at("byte_size").get<uint64_t>();
  model.model_type = json.at("model_type").get<std::string>();
  model.created_micros = json.at("created_micros").get<int64_t>();
  model.inputs = TensorsFromJson(json.at("inputs"));
  model.outputs = TensorsFromJson(json.at("outputs"));
  return model;
}

}  // namespace

std::string ManifestFileName(uint64_t version) {
  char name[64];
  std::snprintf(name, sizeof(name), "manifest-%020" PRIu64, version);
  return name;
}

Result<std::string> SerializeManifest(const CatalogSnapshot& snapshot) {
  Json datasets = Json::array();
  for (const auto& [key, dataset] : snapshot.datasets()) {
    Json tables = Json::array();
    for (const auto& [table_key, table] : dataset.tables) tables.push_back(TableToJson(*table));
    Json views = Json::array();
    for (const auto& [view_key, view] : dataset.views) views.push_back(ViewToJson(*view));
    Json models = Json::array();
    for (const auto& [model_key, model] : dataset.models) models.push_back(ModelToJson(*model));
    datasets.push_back({{"name", dataset.name},
                        {"created_micros", dataset.created_micros},
                        {"tables", std::move(tables)},
                        {"views", std::move(views)},
                        {"models", std::move(models)}});
  }
  Json root = {{"format_version", kManifestFormatVersion},
               {"version", snapshot.version()},
               {"datasets", std::move(datasets)}};
  std::string body;
  try {
    body = root.dump(1);
  } catch (const std::exception& error) {
    return Status::InvalidInput(std::string("Catalog names must be UTF-8: ") + error.what());
  }
  char header[64];
  std::snprintf(header, sizeof(header), "%s %u %016" PRIx64 " %zu\n", kManifestMagic.data(),
                kManifestFormatVersion, Checksum(body), body.size());
  return std::string(header) + body;
}

Result<std::shared_ptr<const CatalogSnapshot>> ParseManifest(std::string_view contents,
                                                             const std::string& file_name) {
  auto corrupt = [&](const std::string& what) {
    return Status::Corruption("Corruption: manifest " + file_name + ": " + what);
  };
  size_t newline = contents.find('\n');
  if (newline == std::string_view::npos) return corrupt("missing header");
  std::string header(contents.substr(0, newline));
  std::string_view body = contents.substr(newline + 1);
  char magic[16] = {0};
  unsigned format_version = 0;
  uint64_t checksum = 0;
  size_t length = 0;
  if (std::sscanf(header.c_str(), "%15s %u %" SCNx64 " %zu", magic, &format_version, &checksum,
                  &length) != 4 ||
      kManifestMagic != magic) {
    return corrupt("bad header");
  }
  if (format_version != kManifestFormatVersion) {
    return corrupt("unsupported format version " + std::to_string(format_version));
  }
  if (length != body.size() || Checksum(body) != checksum) return corrupt("checksum mismatch");
  try {
    Json root = Json::parse(body);
    uint64_t version = root.at("version").get<uint64_t>();
    std::map<std::string, DatasetEntry> datasets;
    for (const Json& dataset_json : root.at("datasets")) {
      DatasetEntry dataset;
      dataset.name = dataset_json.at("name").get<std::string>();
      dataset.created_micros = dataset_json.at("created_micros").get<int64_t>();
      for (const Json& table_json : dataset_json.at("tables")) {
        TableEntry table = TableFromJson(table_json, dataset.name);
        std::string key = ToLowerAscii(table.name);
        dataset.tables.emplace(key, std::make_shared<const TableEntry>(std::move(table)));
      }
      if (dataset_json.contains("views")) {
        for (const Json& view_json : dataset_json.at("views")) {
          ViewEntry view = ViewFromJson(view_json, dataset.name);
          std::string key = ToLowerAscii(view.name);
          dataset.views.emplace(key, std::make_shared<const ViewEntry>(std::move(view)));
        }
      }
      if (dataset_json.contains("models")) {
        for (const Json& model_json : dataset_json.at("models")) {
          ModelEntry model = ModelFromJson(model_json, dataset.name);
          std::string key = ToLowerAscii(model.name);
          dataset.models.emplace(key, std::make_shared<const ModelEntry>(std::move(model)));
        }
      }
      std::string key = ToLowerAscii(dataset.name);
      datasets.emplace(key, std::move(dataset));
    }
    return MakeCatalogSnapshot(version, std::move(datasets));
  } catch (const std::exception& error) {
    return corrupt(std::string("malformed JSON: ") + error.what());
  }
}

}  // namespace dq
